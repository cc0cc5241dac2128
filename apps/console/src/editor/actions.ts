import type { Application, NetworkObject, Position } from '@netcanvas/model';

/** A change to the design document; each one is a single undo step. */
export type DocAction =
  | { readonly type: 'add'; readonly object: NetworkObject; readonly position: Position }
  | {
      readonly type: 'update';
      readonly object: NetworkObject;
      /** consecutive updates with the same key (typing in one field) merge into one step */
      readonly coalesce?: string;
    }
  | { readonly type: 'move'; readonly positions: Readonly<Record<string, Position>> }
  | { readonly type: 'connect'; readonly source: string; readonly target: string }
  | { readonly type: 'remove'; readonly ids: readonly string[] }
  | {
      readonly type: 'paste';
      readonly objects: readonly NetworkObject[];
      readonly positions: Readonly<Record<string, Position>>;
    };

/** Everything the editor store understands. */
export type EditorAction =
  | DocAction
  | { readonly type: 'load'; readonly doc: Application; readonly source?: string }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  /** ends coalescing: the next field edit starts a new undo step */
  | { readonly type: 'seal' };
