import type { TrafficProfile, Workload } from '@netcanvas/model';
import { useWorkspace } from '../editor/useWorkspace.ts';
import { Field } from './Field.tsx';
import { NumberField, SelectField } from './fields.tsx';
import { useObjectForm } from './useObjectForm.ts';

type Kind = TrafficProfile['kind'];

const KINDS: readonly (readonly [Kind, string])[] = [
  ['http-server', 'HTTP server'],
  ['http-client', 'HTTP client'],
  ['udp-stream', 'UDP stream'],
  ['ping', 'ping'],
];

/** What a newly chosen kind starts with: a port that works for the templates, a modest rate. */
function fresh(kind: Kind, target: string): TrafficProfile {
  switch (kind) {
    case 'http-server':
      return { kind, port: 8080 };
    case 'http-client':
      return { kind, target, port: 8080, everyMs: 1000 };
    case 'udp-stream':
      return { kind, target, port: 9000, packetsPerSecond: 100, size: 512 };
    case 'ping':
      return { kind, target, everyMs: 1000 };
  }
}

/**
 * The traffic a workload runs where it is deployed (the lab runs it in its namespace), so the
 * live view shows traffic the user asked for. Not part of the controller's network.
 */
export function WorkloadTraffic({ object }: { object: Workload }) {
  const { doc } = useWorkspace();
  const { set, seal } = useObjectForm();
  const targets = doc.objects
    .filter((o) => o.kind === 'workload' && o.id !== object.id)
    .map((o) => [o.id, o.name] as const);
  const t = object.traffic;
  const at = (field: string) => ['traffic', field];
  return (
    <div className="subform wide" data-testid="workload-traffic">
      <h4 className="subhead">Traffic</h4>
      <Field label="Profile" path={['traffic']} wide>
        <select
          data-testid="field-traffic.kind"
          value={t?.kind ?? ''}
          onChange={(e) => {
            const kind = e.target.value as Kind | '';
            set(['traffic'], kind === '' ? undefined : fresh(kind, targets[0]?.[0] ?? ''));
            seal();
          }}
        >
          <option value="">none</option>
          {KINDS.map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      {t && t.kind !== 'http-server' && (
        <SelectField label="Target" path={at('target')} options={targets} />
      )}
      {t && t.kind !== 'ping' && <NumberField label="Port" path={at('port')} />}
      {t && (t.kind === 'http-client' || t.kind === 'ping') && (
        <NumberField label="Every (ms)" path={at('everyMs')} />
      )}
      {t?.kind === 'udp-stream' && (
        <>
          <NumberField label="Packets/s" path={at('packetsPerSecond')} />
          <NumberField label="Payload (bytes)" path={at('size')} />
        </>
      )}
      {t && <p className="hint">Run where the workload is deployed; not sent to the controller.</p>}
    </div>
  );
}
