import type { NetworkObject } from '@netcanvas/model';
import { useMemo } from 'react';
import { objectFacts } from '../canvas/facts.ts';
import { KindIcon } from '../canvas/KindIcon.tsx';
import { KIND_STYLES } from '../canvas/kinds.ts';
import { useWorkspace } from '../editor/useWorkspace.ts';
import { Section } from '../panel/Section.tsx';
import { type ObjectForm, ObjectFormContext, pathKey, setIn } from './form.ts';
import { KindForm } from './KindForm.tsx';

/** The selected object's form, validated as you type. */
export function Inspector({ object }: { object: NetworkObject }) {
  const { doc, plan, diagnostics, commands } = useWorkspace();
  const form = useMemo<ObjectForm>(
    () => ({
      object,
      diagnostics: diagnostics.filter((d) => d.objectId === object.id),
      set: (path, value) =>
        commands.update(setIn(object, path, value), `${object.id}:${pathKey(path)}`),
      replace: (next) => commands.update(next),
      seal: commands.seal,
    }),
    [object, diagnostics, commands],
  );
  const nameOf = (id: string) => doc.objects.find((o) => o.id === id)?.name ?? id;
  const facts = objectFacts(object, doc, plan, nameOf);
  const { kind } = object;
  return (
    <Section title="Selection" testId="details-panel">
      <div className="details-head" data-testid="details-object">
        <span className="details-icon" style={{ borderColor: KIND_STYLES[kind].color }}>
          <KindIcon kind={kind} size={20} />
        </span>
        <span>
          <span className="details-name">{object.name}</span>
          <span className="details-sub">
            {KIND_STYLES[kind].label} · <span className="mono">{object.id}</span>
          </span>
        </span>
      </div>
      {facts.lines.length > 0 && (
        <p className="details-facts mono">{facts.lines.map((f) => f.text).join(' · ')}</p>
      )}
      <ObjectFormContext.Provider value={form}>
        {/* a disabled fieldset makes every field and button of the form read-only */}
        <fieldset className="form-grid" data-testid="inspector" disabled={commands.readOnly}>
          <KindForm object={object} />
        </fieldset>
      </ObjectFormContext.Provider>
    </Section>
  );
}
