import type { Role } from '../api/session.ts';
import type { Commands } from '../editor/useCommands.ts';

const ignore = () => {};

/**
 * The commands of a user who may look but not save: every change (add, edit, connect, move,
 * delete, paste, undo/redo) does nothing, while copy and select still work.
 */
export function readOnlyCommands(commands: Commands): Commands {
  return {
    ...commands,
    add: ignore,
    update: ignore,
    seal: ignore,
    connect: ignore,
    move: ignore,
    setLayout: ignore,
    remove: ignore,
    paste: ignore,
    duplicate: ignore,
    undo: ignore,
    redo: ignore,
    canUndo: false,
    canRedo: false,
    readOnly: true,
  };
}

/** What the read-only pill says to a member who may not edit designs. */
export function readOnlyLabel(role: Role | undefined): string {
  if (!role) return 'Read-only';
  return `Read-only — you are ${role === 'operator' || role === 'admin' ? 'an' : 'a'} ${role}`;
}
