import type { Application } from '@netcanvas/model';
import type { EditorAction } from './actions.ts';
import { applyDocAction } from './apply.ts';

/** How many steps undo reaches back. */
export const HISTORY_LIMIT = 200;

/** The document being edited and the documents undo and redo go back and forth to. */
export interface EditorState {
  readonly doc: Application;
  readonly past: readonly Application[];
  readonly future: readonly Application[];
  readonly coalesceKey: string | undefined;
  /** which design the document was loaded from (see `designKey`) */
  readonly source: string | undefined;
}

export function initialEditorState(doc: Application, source?: string): EditorState {
  return { doc, past: [], future: [], coalesceKey: undefined, source };
}

/** The editor store: every change is an action that makes a new document. */
export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'load':
      return initialEditorState(action.doc, action.source);
    case 'seal':
      return state.coalesceKey === undefined ? state : { ...state, coalesceKey: undefined };
    case 'undo': {
      const prev = state.past.at(-1);
      if (!prev) return state;
      return {
        ...state,
        doc: prev,
        past: state.past.slice(0, -1),
        future: [state.doc, ...state.future],
        coalesceKey: undefined,
      };
    }
    case 'redo': {
      const [next, ...rest] = state.future;
      if (!next) return state;
      return {
        ...state,
        doc: next,
        past: [...state.past, state.doc],
        future: rest,
        coalesceKey: undefined,
      };
    }
    default: {
      const doc = applyDocAction(state.doc, action);
      if (doc === state.doc) return state;
      const key = action.type === 'update' ? action.coalesce : undefined;
      if (key !== undefined && key === state.coalesceKey) {
        return { ...state, doc, future: [] };
      }
      return {
        ...state,
        doc,
        past: [...state.past, state.doc].slice(-HISTORY_LIMIT),
        future: [],
        coalesceKey: key,
      };
    }
  }
}
