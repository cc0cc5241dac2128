import type { ObjectKind } from '@netcanvas/model';
import { useWorkspace } from '../editor/useWorkspace.ts';
import { Field } from './Field.tsx';
import { getIn, type Path, pathKey } from './form.ts';
import { useObjectForm } from './useObjectForm.ts';

interface Props {
  readonly label: string;
  readonly path: Path;
  readonly kinds: readonly ObjectKind[];
}

/** A list of references to other objects: chips to remove, a select to add. */
export function RefListField({ label, path, kinds }: Props) {
  const { doc } = useWorkspace();
  const { object, set, seal } = useObjectForm();
  const ids = (getIn(object, path) as string[] | undefined) ?? [];
  const name = (id: string) => doc.objects.find((o) => o.id === id)?.name ?? id;
  const candidates = doc.objects.filter((o) => kinds.includes(o.kind) && !ids.includes(o.id));
  return (
    <Field label={label} path={path} wide>
      <div className="ref-list" data-testid={`field-${pathKey(path)}`}>
        {ids.map((id) => (
          <span key={id} className="ref-chip">
            {name(id)}
            <button
              type="button"
              aria-label={`remove ${name(id)}`}
              onClick={() => {
                set(
                  path,
                  ids.filter((x) => x !== id),
                );
                seal();
              }}
            >
              ×
            </button>
          </span>
        ))}
        {candidates.length > 0 && (
          <select
            value=""
            aria-label={`add to ${label}`}
            onChange={(e) => {
              if (e.target.value) set(path, [...ids, e.target.value]);
              seal();
            }}
          >
            <option value="">+ add…</option>
            {candidates.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </div>
    </Field>
  );
}
