import { KindIcon } from '../canvas/KindIcon.tsx';
import { useWorkspace } from '../editor/useWorkspace.ts';
import { Section } from '../panel/Section.tsx';

/** What several selected objects can do together. */
export function MultiSelection() {
  const { doc, selection, commands } = useWorkspace();
  const chosen = doc.objects.filter((o) => selection.includes(o.id));
  return (
    <Section title="Selection" testId="details-panel">
      <p className="details-name" data-testid="details-object">
        {chosen.length} objects selected
      </p>
      <ul className="multi-list">
        {chosen.map((o) => (
          <li key={o.id}>
            <KindIcon kind={o.kind} size={14} />
            {o.name}
          </li>
        ))}
      </ul>
      {!commands.readOnly && (
        <div className="form-actions">
          <button type="button" className="btn" onClick={commands.duplicate}>
            Duplicate
          </button>
          <button type="button" className="btn btn-danger" onClick={() => commands.remove()}>
            Delete
          </button>
        </div>
      )}
    </Section>
  );
}
