import type { FirewallPolicy, FirewallRule } from '@netcanvas/model';
import { EndpointEditor } from './EndpointEditor.tsx';
import { CheckField, NumberField, ParsedField, SelectField, TextField } from './fields.tsx';
import { ItemCard, swap, without } from './ItemCard.tsx';
import { RefListField } from './RefListField.tsx';
import { formatServices, parseServices } from './services.ts';
import { useObjectForm } from './useObjectForm.ts';

const ACTIONS = ['allow-related', 'allow', 'allow-stateless', 'pass', 'drop', 'reject'] as const;

/** Firewall policy: an ordered rules table; the first matching rule decides. */
export function FirewallForm({ object }: { object: FirewallPolicy }) {
  const { replace, seal } = useObjectForm();
  const setRules = (rules: FirewallRule[]) => {
    replace({ ...object, rules });
    seal();
  };
  const setRule = (i: number, rule: FirewallRule) =>
    setRules(object.rules.map((r, j) => (j === i ? rule : r)));
  const addRule = () => {
    const ids = new Set(object.rules.map((r) => r.id));
    let n = object.rules.length + 1;
    while (ids.has(`rule-${n}`)) n++;
    setRules([
      ...object.rules,
      {
        id: `rule-${n}`,
        name: `rule ${n}`,
        from: 'any',
        to: 'any',
        services: [],
        action: 'allow-related',
        log: false,
        direction: 'to-lport',
      },
    ]);
  };
  return (
    <>
      <TextField label="Name" path={['name']} />
      <NumberField label="Priority" path={['priority']} />
      <RefListField label="Guards switches (empty: all)" path={['appliesTo']} kinds={['switch']} />
      <div className="subform wide">
        <h4 className="subhead">Rules, first match wins</h4>
        {object.rules.map((rule, i) => (
          <ItemCard
            key={rule.id}
            testId={`rule-${i}`}
            title={`${i + 1}. ${rule.name ?? rule.id}`}
            onRemove={() => setRules(without(object.rules, i))}
            onUp={i > 0 ? () => setRules(swap(object.rules, i, i - 1)) : undefined}
            onDown={
              i < object.rules.length - 1 ? () => setRules(swap(object.rules, i, i + 1)) : undefined
            }
          >
            <TextField label="Name" path={['rules', i, 'name']} optional wide />
            <EndpointEditor
              label="From"
              path={['rules', i, 'from']}
              value={rule.from}
              onChange={(from) => setRule(i, { ...rule, from })}
            />
            <EndpointEditor
              label="To"
              path={['rules', i, 'to']}
              value={rule.to}
              onChange={(to) => setRule(i, { ...rule, to })}
            />
            <ParsedField
              label="Services (empty: any)"
              path={['rules', i, 'services']}
              mono
              wide
              placeholder="tcp/443, udp/53"
              format={formatServices}
              parse={parseServices}
            />
            <SelectField
              label="Action"
              path={['rules', i, 'action']}
              options={ACTIONS.map((a) => [a, a] as const)}
            />
            <SelectField
              label="Direction"
              path={['rules', i, 'direction']}
              options={[
                ['to-lport', 'to-lport'],
                ['from-lport', 'from-lport'],
              ]}
            />
            <CheckField label="Log matches" path={['rules', i, 'log']} />
          </ItemCard>
        ))}
        <button type="button" className="btn btn-small" onClick={addRule} data-testid="add-rule">
          + Add rule
        </button>
      </div>
    </>
  );
}
