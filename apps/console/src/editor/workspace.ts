import type { AddressPlan, Application, Diagnostic } from '@netcanvas/model';
import { createContext } from 'react';
import type { Commands } from './useCommands.ts';

/** What panels and forms of an open design share. */
export interface Workspace {
  readonly doc: Application;
  readonly diagnostics: readonly Diagnostic[];
  readonly plan: AddressPlan;
  readonly selection: readonly string[];
  readonly select: (ids: readonly string[]) => void;
  readonly commands: Commands;
}

export const WorkspaceContext = createContext<Workspace | undefined>(undefined);
