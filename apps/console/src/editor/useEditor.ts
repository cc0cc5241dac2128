import { type Application, deepEqual } from '@netcanvas/model';
import { type Dispatch, useEffect, useMemo, useReducer } from 'react';
import { type DesignRef, designKey } from '../source/design-ref.ts';
import { clearDraft, loadDraft, saveDraft } from '../source/drafts.ts';
import type { EditorAction } from './actions.ts';
import { type EditorState, editorReducer, initialEditorState } from './history.ts';

const BLANK: Application = {
  schemaVersion: 1,
  id: 'blank',
  name: 'blank',
  tenant: 'default',
  version: 0,
  objects: [],
  layout: { positions: {}, collapsed: [] },
};

/** The editor session of one design. */
export interface Editor {
  /** the document once it is loaded for this design, else undefined */
  readonly doc: Application | undefined;
  readonly state: EditorState;
  readonly dispatch: Dispatch<EditorAction>;
  /** the document differs from the saved design */
  readonly dirty: boolean;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

/**
 * Edits the design `base` came from: restores this browser's draft of it, and keeps the
 * draft up to date so unsaved work survives a reload.
 */
export function useEditor(ref: DesignRef | undefined, base: Application | undefined): Editor {
  const [state, dispatch] = useReducer(editorReducer, BLANK, initialEditorState);
  const key = ref ? designKey(ref) : undefined;
  const ready = key !== undefined && state.source === key && base !== undefined;

  useEffect(() => {
    if (!ref || !base) return;
    dispatch({ type: 'load', doc: loadDraft(ref) ?? base, source: designKey(ref) });
  }, [ref, base]);

  const dirty = useMemo(
    () => ready && base !== undefined && !deepEqual(state.doc, base),
    [ready, state.doc, base],
  );

  useEffect(() => {
    if (!ready || !ref) return;
    if (dirty) saveDraft(ref, state.doc);
    else clearDraft(ref);
  }, [ready, ref, dirty, state.doc]);

  return {
    doc: ready ? state.doc : undefined,
    state,
    dispatch,
    dirty,
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
  };
}
