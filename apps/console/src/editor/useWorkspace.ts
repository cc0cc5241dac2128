import { useContext } from 'react';
import { type Workspace, WorkspaceContext } from './workspace.ts';

/** The open design, its analysis, the selection and the editing commands. */
export function useWorkspace(): Workspace {
  const ws = useContext(WorkspaceContext);
  if (!ws) throw new Error('useWorkspace outside of a WorkspaceContext provider');
  return ws;
}
