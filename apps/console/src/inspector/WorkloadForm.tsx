import type { Workload } from '@netcanvas/model';
import { useWorkspace } from '../editor/useWorkspace.ts';
import { ListField, SelectField, TextField } from './fields.tsx';
import { ItemCard, without } from './ItemCard.tsx';
import { useObjectForm } from './useObjectForm.ts';
import { WorkloadTraffic } from './WorkloadTraffic.tsx';

/** Workload: type, tags, NICs (switch, IP, MAC; empty addresses are IPAM's) and its traffic. */
export function WorkloadForm({ object }: { object: Workload }) {
  const { doc, plan } = useWorkspace();
  const { replace, seal } = useObjectForm();
  const switches = doc.objects
    .filter((o) => o.kind === 'switch')
    .map((o) => [o.id, o.name] as const);
  const resolved = (nicId: string) =>
    plan.nics.find((n) => n.workloadId === object.id && n.nicId === nicId);
  const addNic = () => {
    const ids = new Set(object.nics.map((n) => n.id));
    let n = 0;
    while (ids.has(`eth${n}`)) n++;
    const sw = switches[0]?.[0];
    if (!sw) return;
    replace({ ...object, nics: [...object.nics, { id: `eth${n}`, switch: sw }] });
    seal();
  };
  return (
    <>
      <TextField label="Name" path={['name']} />
      <SelectField
        label="Type"
        path={['workloadType']}
        options={[
          ['vm', 'virtual machine'],
          ['container', 'container'],
        ]}
      />
      <ListField label="Tags" path={['tags']} wide placeholder="tier=web, env=prod" />
      <div className="subform wide">
        <h4 className="subhead">NICs</h4>
        {object.nics.map((nic, i) => (
          <ItemCard
            key={nic.id}
            title={<span className="mono">{nic.id}</span>}
            testId={`nic-${i}`}
            onRemove={() => {
              replace({ ...object, nics: without(object.nics, i) });
              seal();
            }}
          >
            <SelectField label="Switch" path={['nics', i, 'switch']} options={switches} wide />
            <TextField
              label="IPv4"
              path={['nics', i, 'ip']}
              mono
              optional
              placeholder={`IPAM${resolved(nic.id)?.ip ? `: ${resolved(nic.id)?.ip}` : ''}`}
            />
            <TextField
              label="MAC"
              path={['nics', i, 'mac']}
              mono
              optional
              placeholder={resolved(nic.id)?.mac ?? 'auto'}
            />
          </ItemCard>
        ))}
        <button
          type="button"
          className="btn btn-small"
          disabled={switches.length === 0}
          onClick={addNic}
        >
          + Add NIC
        </button>
        {object.nics.length === 0 && (
          <p className="hint">Draw a line from this workload to a switch to give it a NIC.</p>
        )}
      </div>
      <WorkloadTraffic object={object} />
    </>
  );
}
