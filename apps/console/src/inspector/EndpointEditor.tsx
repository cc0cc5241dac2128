import type { Endpoint } from '@netcanvas/model';
import { useWorkspace } from '../editor/useWorkspace.ts';
import { Field } from './Field.tsx';
import type { Path } from './form.ts';

interface Props {
  readonly label: string;
  readonly path: Path;
  readonly value: Endpoint;
  readonly onChange: (value: Endpoint) => void;
}

/** A rule endpoint: any, a group, or a CIDR. */
export function EndpointEditor({ label, path, value, onChange }: Props) {
  const { doc } = useWorkspace();
  const groups = doc.objects.filter((o) => o.kind === 'group');
  const mode = value === 'any' ? 'any' : 'group' in value ? `g:${value.group}` : 'cidr';
  return (
    <Field label={label} path={path}>
      <select
        value={mode}
        onChange={(e) => {
          const v = e.target.value;
          onChange(
            v === 'any' ? 'any' : v === 'cidr' ? { cidr: '0.0.0.0/0' } : { group: v.slice(2) },
          );
        }}
      >
        <option value="any">any</option>
        {groups.map((g) => (
          <option key={g.id} value={`g:${g.id}`}>
            group {g.name}
          </option>
        ))}
        <option value="cidr">CIDR…</option>
      </select>
      {value !== 'any' && 'cidr' in value && (
        <input
          className="mono"
          value={value.cidr}
          onChange={(e) => onChange({ cidr: e.target.value })}
        />
      )}
    </Field>
  );
}
