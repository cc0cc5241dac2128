import type { LoadBalancer } from '@netcanvas/model';
import { useWorkspace } from '../editor/useWorkspace.ts';
import { NumberField, SelectField, TextField } from './fields.tsx';
import { ItemCard, without } from './ItemCard.tsx';
import { RefListField } from './RefListField.tsx';
import { useObjectForm } from './useObjectForm.ts';

/** Load balancer: protocol, VIPs with their backends, where the VIPs are reachable. */
export function LoadBalancerForm({ object }: { object: LoadBalancer }) {
  const { doc } = useWorkspace();
  const { replace, seal } = useObjectForm();
  const workloads = doc.objects
    .filter((o) => o.kind === 'workload')
    .map((o) => [o.id, o.name] as const);
  const change = (next: LoadBalancer) => {
    replace(next);
    seal();
  };
  const setVip = (v: number, vip: LoadBalancer['vips'][number]) =>
    change({ ...object, vips: object.vips.map((x, i) => (i === v ? vip : x)) });
  return (
    <>
      <TextField label="Name" path={['name']} />
      <SelectField
        label="Protocol"
        path={['protocol']}
        options={[
          ['tcp', 'TCP'],
          ['udp', 'UDP'],
          ['sctp', 'SCTP'],
        ]}
      />
      <RefListField label="Attached to" path={['attachedTo']} kinds={['switch', 'router']} />
      <div className="subform wide">
        <h4 className="subhead">VIPs</h4>
        {object.vips.map((vip, v) => (
          <ItemCard
            // biome-ignore lint/suspicious/noArrayIndexKey: VIPs have no id
            key={v}
            title={`VIP ${v + 1}`}
            onRemove={() => change({ ...object, vips: without(object.vips, v) })}
          >
            <TextField label="Address" path={['vips', v, 'ip']} mono placeholder="203.0.113.10" />
            <NumberField label="Port" path={['vips', v, 'port']} />
            {vip.backends.map((b, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: backends have no id; one workload may appear twice
              <div className="backend-row wide" key={`${b.workload ?? b.ip ?? ''}:${i}`}>
                {b.workload !== undefined ? (
                  <SelectField
                    label={`Backend ${i + 1}`}
                    path={['vips', v, 'backends', i, 'workload']}
                    options={workloads}
                  />
                ) : (
                  <TextField
                    label={`Backend ${i + 1}`}
                    path={['vips', v, 'backends', i, 'ip']}
                    mono
                  />
                )}
                <NumberField label="Port" path={['vips', v, 'backends', i, 'port']} />
                <button
                  type="button"
                  className="icon-btn danger"
                  aria-label="remove backend"
                  onClick={() => setVip(v, { ...vip, backends: without(vip.backends, i) })}
                >
                  ×
                </button>
              </div>
            ))}
            <button
              type="button"
              className="btn btn-small"
              onClick={() =>
                setVip(v, {
                  ...vip,
                  backends: [
                    ...vip.backends,
                    { workload: workloads[0]?.[0] ?? '', port: vip.port },
                  ],
                })
              }
            >
              + Backend
            </button>
          </ItemCard>
        ))}
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            change({ ...object, vips: [...object.vips, { ip: '', port: 80, backends: [] }] })
          }
        >
          + Add VIP
        </button>
      </div>
    </>
  );
}
