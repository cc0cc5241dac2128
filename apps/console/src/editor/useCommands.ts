import type { Application, NetworkObject, ObjectKind, Position } from '@netcanvas/model';
import { useMemo } from 'react';
import { toLayout } from '../canvas/coords.ts';
import { copyToClipboard, takeFromClipboard } from './clipboard.ts';
import { type Clip, cloneClip } from './ops/clone.ts';
import { newObject } from './ops/create.ts';
import type { Editor } from './useEditor.ts';

/** What the user can do to the design: toolbar buttons, shortcuts and panels call these. */
export interface Commands {
  readonly add: (kind: ObjectKind, at: Position) => void;
  readonly update: (object: NetworkObject, coalesce?: string) => void;
  readonly seal: () => void;
  readonly connect: (source: string, target: string) => void;
  /** canvas positions of moved nodes */
  readonly move: (positions: Readonly<Record<string, Position>>) => void;
  readonly setLayout: (positions: Readonly<Record<string, Position>>) => void;
  readonly remove: (ids?: readonly string[]) => void;
  readonly copy: () => void;
  readonly paste: () => void;
  readonly duplicate: () => void;
  readonly selectAll: () => void;
  readonly undo: () => void;
  readonly redo: () => void;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** the user may look but not change: the changing commands do nothing */
  readonly readOnly?: boolean;
}

function clipOf(doc: Application, ids: readonly string[]): Clip | undefined {
  const chosen = new Set(ids);
  const objects = doc.objects.filter((o) => chosen.has(o.id));
  if (objects.length === 0) return undefined;
  const positions = Object.fromEntries(
    objects.flatMap((o) => {
      const p = doc.layout.positions[o.id];
      return p ? [[o.id, p] as const] : [];
    }),
  );
  return { objects, positions };
}

/** The editing commands over the current document and selection. */
export function useCommands(
  editor: Editor,
  selection: readonly string[],
  select: (ids: readonly string[]) => void,
): Commands {
  const { doc, dispatch } = editor;
  return useMemo(() => {
    const pasteClip = (clip: Clip, offset: number) => {
      if (!doc) return;
      const copies = cloneClip(doc, clip, { x: offset, y: offset });
      dispatch({ type: 'paste', objects: copies.objects, positions: copies.positions });
      select(copies.objects.map((o) => o.id));
    };
    return {
      add: (kind, at) => {
        if (!doc) return;
        const object = newObject(doc, kind);
        dispatch({ type: 'add', object, position: toLayout(at) });
        select([object.id]);
      },
      update: (object, coalesce) =>
        dispatch(coalesce ? { type: 'update', object, coalesce } : { type: 'update', object }),
      seal: () => dispatch({ type: 'seal' }),
      connect: (source, target) => dispatch({ type: 'connect', source, target }),
      move: (positions) =>
        dispatch({
          type: 'move',
          positions: Object.fromEntries(
            Object.entries(positions).map(([id, p]) => [id, toLayout(p)]),
          ),
        }),
      setLayout: (positions) => dispatch({ type: 'move', positions }),
      remove: (ids = selection) => {
        if (ids.length === 0) return;
        dispatch({ type: 'remove', ids });
        select([]);
      },
      copy: () => {
        const clip = doc && clipOf(doc, selection);
        if (clip) copyToClipboard(clip);
      },
      paste: () => {
        const held = takeFromClipboard();
        if (held) pasteClip(held.clip, held.offset);
      },
      duplicate: () => {
        const clip = doc && clipOf(doc, selection);
        if (clip) pasteClip(clip, 40);
      },
      selectAll: () => select(doc?.objects.map((o) => o.id) ?? []),
      undo: () => dispatch({ type: 'undo' }),
      redo: () => dispatch({ type: 'redo' }),
      canUndo: editor.canUndo,
      canRedo: editor.canRedo,
    };
  }, [doc, dispatch, selection, select, editor.canUndo, editor.canRedo]);
}
