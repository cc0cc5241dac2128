import type { LogicalRouter } from '@netcanvas/model';
import { useWorkspace } from '../editor/useWorkspace.ts';
import { SelectField, TextField } from './fields.tsx';
import { ItemCard, without } from './ItemCard.tsx';
import { useObjectForm } from './useObjectForm.ts';

const NAT_TYPES = [
  ['snat', 'SNAT'],
  ['dnat', 'DNAT'],
  ['dnat_and_snat', '1:1 NAT'],
] as const;

/** Logical router: an interface per switch, static routes, NAT and the gateway. */
export function RouterForm({ object }: { object: LogicalRouter }) {
  const { doc } = useWorkspace();
  const { replace, seal } = useObjectForm();
  const name = (id: string) => doc.objects.find((o) => o.id === id)?.name ?? id;
  const uplinks = doc.objects.filter((o) => o.kind === 'uplink');
  const change = (next: LogicalRouter) => {
    replace(next);
    seal();
  };
  return (
    <>
      <TextField label="Name" path={['name']} wide />
      <div className="subform wide">
        <h4 className="subhead">Interfaces</h4>
        {object.interfaces.map((itf, i) => (
          <ItemCard
            key={itf.switch}
            title={name(itf.switch)}
            onRemove={() => change({ ...object, interfaces: without(object.interfaces, i) })}
          >
            <TextField
              label="IPv4"
              path={['interfaces', i, 'ip']}
              mono
              optional
              placeholder="first host"
            />
            <TextField
              label="MAC"
              path={['interfaces', i, 'mac']}
              mono
              optional
              placeholder="auto"
            />
          </ItemCard>
        ))}
        {object.interfaces.length === 0 && (
          <p className="hint">Draw a line from this router to a switch to add an interface.</p>
        )}
      </div>
      <div className="subform wide">
        <h4 className="subhead">Static routes</h4>
        {object.routes.map((_r, i) => (
          <ItemCard
            // biome-ignore lint/suspicious/noArrayIndexKey: routes have no id
            key={i}
            title={`route ${i + 1}`}
            onRemove={() => change({ ...object, routes: without(object.routes, i) })}
          >
            <TextField label="Prefix" path={['routes', i, 'prefix']} mono placeholder="0.0.0.0/0" />
            <TextField label="Next hop" path={['routes', i, 'nextHop']} mono />
          </ItemCard>
        ))}
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            change({ ...object, routes: [...object.routes, { prefix: '0.0.0.0/0', nextHop: '' }] })
          }
        >
          + Add route
        </button>
      </div>
      <div className="subform wide">
        <h4 className="subhead">NAT</h4>
        {object.nat.map((n, i) => (
          <ItemCard
            key={n.id}
            title={<span className="mono">{n.id}</span>}
            onRemove={() => change({ ...object, nat: without(object.nat, i) })}
          >
            <SelectField label="Type" path={['nat', i, 'type']} options={NAT_TYPES} />
            <TextField label="External IP" path={['nat', i, 'externalIp']} mono />
            <TextField label="Internal" path={['nat', i, 'internalIp']} mono optional wide />
          </ItemCard>
        ))}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            const id = `nat-${object.nat.length + 1}`;
            change({
              ...object,
              nat: [
                ...object.nat,
                {
                  id,
                  type: 'snat',
                  externalIp: object.gateway?.ip ?? '',
                  internalIp: '10.0.0.0/16',
                },
              ],
            });
          }}
        >
          + Add NAT rule
        </button>
      </div>
      <div className="subform wide">
        <h4 className="subhead">Gateway</h4>
        <div className="field wide">
          <span className="field-label">Uplink</span>
          <select
            data-testid="field-gateway.uplink"
            value={object.gateway?.uplink ?? ''}
            onChange={(e) => {
              const { gateway: _old, ...rest } = object;
              const uplink = e.target.value;
              change(
                uplink
                  ? {
                      ...rest,
                      gateway: {
                        uplink,
                        ip: object.gateway?.ip ?? '',
                        chassis: object.gateway?.chassis ?? [],
                      },
                    }
                  : rest,
              );
            }}
          >
            <option value="">none</option>
            {uplinks.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        {object.gateway && <TextField label="Gateway IP" path={['gateway', 'ip']} mono wide />}
      </div>
    </>
  );
}
