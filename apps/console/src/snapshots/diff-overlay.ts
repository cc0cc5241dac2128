import { type Application, resolveAddresses } from '@netcanvas/model';
import { toCanvas } from '../canvas/coords.ts';
import { objectFacts } from '../canvas/facts.ts';
import type { ObjectNode } from '../canvas/graph.ts';
import type { DiffResponse, SnapshotMeta } from './types.ts';

/** How an object differs from the snapshot, as the canvas marks it. */
export type DiffMarkOp = 'added' | 'changed' | 'removed';

/** One object's mark: what happened to it and, when changed, which fields. */
export interface DiffMarkInfo {
  readonly op: DiffMarkOp;
  readonly fields: readonly string[];
}

/** A snapshot diff laid over the editor's canvas. */
export interface DiffOverlay {
  readonly tenant: string;
  readonly appId: string;
  /** the snapshot compared with: hash, when, by whom */
  readonly meta: SnapshotMeta;
  /** what the snapshot is compared with, e.g. "live on sandbox" */
  readonly against: string;
  readonly marks: ReadonlyMap<string, DiffMarkInfo>;
  /** objects removed since the snapshot and absent from the editor, where the snapshot had them */
  readonly ghosts: readonly ObjectNode[];
  /** the editor document it was shown over: another one means an edit, which closes it */
  readonly doc: Application;
}

const OP: Record<DiffResponse['changes'][number]['op'], DiffMarkOp> = {
  insert: 'added',
  update: 'changed',
  delete: 'removed',
};

/**
 * Turns a snapshot → now diff into canvas marks, and the objects the editor no longer has
 * into ghost nodes at the snapshot's layout positions (a snapshot keeps the layout).
 */
export function buildDiffOverlay(
  input: Omit<DiffOverlay, 'marks' | 'ghosts'>,
  diff: DiffResponse,
  snapshotApp: Application,
): DiffOverlay {
  const marks = new Map<string, DiffMarkInfo>();
  for (const c of diff.changes) {
    const fields = [...new Set((c.fields ?? []).map((f) => f.path.join('.')))];
    marks.set(c.objectId, { op: OP[c.op], fields });
  }
  const inDoc = new Set(input.doc.objects.map((o) => o.id));
  const gone = snapshotApp.objects.filter(
    (o) => marks.get(o.id)?.op === 'removed' && !inDoc.has(o.id),
  );
  if (gone.length === 0) return { ...input, marks, ghosts: [] };
  const plan = resolveAddresses(snapshotApp);
  const names = new Map(snapshotApp.objects.map((o) => [o.id, o.name]));
  const ghosts: ObjectNode[] = gone.map((object) => {
    const at = snapshotApp.layout.positions[object.id];
    return {
      id: object.id,
      type: 'object',
      position: at ? toCanvas(at) : { x: 0, y: 0 },
      className: 'diff-ghost',
      selectable: false,
      draggable: false,
      connectable: false,
      deletable: false,
      data: {
        object,
        facts: objectFacts(object, snapshotApp, plan, (id) => names.get(id) ?? id),
        errors: 0,
        warnings: 0,
        problems: [],
        highlight: 'none',
      },
    };
  });
  return { ...input, marks, ghosts };
}
