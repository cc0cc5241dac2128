import type { Application, Diagnostic } from '@netcanvas/model';
import { KindIcon } from '../canvas/KindIcon.tsx';
import { KIND_ORDER, KIND_STYLES } from '../canvas/kinds.ts';
import { useTemplates } from '../useTemplates.ts';
import { Palette } from './Palette.tsx';

interface Props {
  readonly templateId: string | undefined;
  /** offers the templates to switch to (live mode); a stored app has none */
  readonly onTemplate?: (id: string) => void;
  /** the palette shows only to those who may save what they draw */
  readonly editable?: boolean;
  readonly app: Application | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly selectedId: string | undefined;
  readonly onPick: (objectId: string) => void;
}

/** The palette, templates to start from, and the application's objects by kind. */
export function TemplateRail({
  templateId,
  onTemplate,
  app,
  diagnostics,
  selectedId,
  onPick,
  editable = true,
}: Props) {
  const templates = useTemplates(onTemplate !== undefined);
  const flagged = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.objectId));
  return (
    <nav className="rail" aria-label="templates and objects">
      {app && editable && (
        <>
          <h3 className="rail-title">Add objects</h3>
          <Palette />
        </>
      )}
      {onTemplate && <h3 className="rail-title">Templates</h3>}
      {onTemplate && templates.isPending && <p className="rail-note">Loading templates…</p>}
      {onTemplate && templates.isError && (
        <p className="rail-note rail-error" role="alert">
          {templates.error.message}
        </p>
      )}
      <ul className="template-list">
        {(onTemplate ? templates.data : undefined)?.map((t) => (
          <li key={t.id}>
            <button
              type="button"
              className={t.id === templateId ? 'template active' : 'template'}
              aria-pressed={t.id === templateId}
              data-testid={`template-${t.id}`}
              onClick={() => onTemplate?.(t.id)}
              title={t.description}
            >
              <span className="template-name">{t.name}</span>
              <span className="template-desc">{t.description}</span>
            </button>
          </li>
        ))}
      </ul>
      {app && app.objects.length > 0 && (
        <>
          <h3 className="rail-title">Objects</h3>
          <div className="inventory" data-testid="inventory">
            {KIND_ORDER.map((kind) => {
              const items = app.objects.filter((o) => o.kind === kind);
              if (!items.length) return null;
              return (
                <div key={kind} className="inventory-group">
                  <div className="inventory-kind">
                    <KindIcon kind={kind} size={14} />
                    {KIND_STYLES[kind].plural}
                    <span className="inventory-count">{items.length}</span>
                  </div>
                  {items.map((o) => (
                    <button
                      type="button"
                      key={o.id}
                      className={o.id === selectedId ? 'inventory-item active' : 'inventory-item'}
                      onClick={() => onPick(o.id)}
                    >
                      {o.name}
                      {flagged.has(o.id) && <span className="dot dot-bad" />}
                    </button>
                  ))}
                </div>
              );
            })}
          </div>
        </>
      )}
    </nav>
  );
}
