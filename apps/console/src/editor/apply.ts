import { type Application, deepEqual, type Position } from '@netcanvas/model';
import type { DocAction } from './actions.ts';
import { connect } from './ops/connect.ts';
import { allocateFor } from './ops/ipam.ts';
import { removeObjects } from './ops/remove.ts';

function move(doc: Application, positions: Readonly<Record<string, Position>>): Application {
  const ids = new Set(doc.objects.map((o) => o.id));
  const changed = Object.entries(positions).filter(([id, p]) => {
    const old = doc.layout.positions[id];
    return ids.has(id) && (!old || old.x !== p.x || old.y !== p.y);
  });
  if (changed.length === 0) return doc;
  return {
    ...doc,
    layout: {
      ...doc.layout,
      positions: { ...doc.layout.positions, ...Object.fromEntries(changed) },
    },
  };
}

/** The document after one action; the same document when nothing changed. */
export function applyDocAction(doc: Application, action: DocAction): Application {
  switch (action.type) {
    case 'add':
      if (doc.objects.some((o) => o.id === action.object.id)) return doc;
      return {
        ...doc,
        objects: [...doc.objects, action.object],
        layout: {
          ...doc.layout,
          positions: { ...doc.layout.positions, [action.object.id]: action.position },
        },
      };
    case 'update': {
      const i = doc.objects.findIndex((o) => o.id === action.object.id);
      if (i < 0 || deepEqual(doc.objects[i], action.object)) return doc;
      const objects = [...doc.objects];
      objects[i] = action.object;
      return { ...doc, objects };
    }
    case 'move':
      return move(doc, action.positions);
    case 'connect':
      return connect(doc, action.source, action.target);
    case 'remove':
      return removeObjects(doc, action.ids);
    case 'paste': {
      const fresh = action.objects.filter((o) => !doc.objects.some((x) => x.id === o.id));
      if (fresh.length === 0) return doc;
      const next = {
        ...doc,
        objects: [...doc.objects, ...fresh],
        layout: { ...doc.layout, positions: { ...doc.layout.positions, ...action.positions } },
      };
      return allocateFor(next, new Set(fresh.map((o) => o.id)));
    }
  }
}
