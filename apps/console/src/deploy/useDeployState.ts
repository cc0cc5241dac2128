import { createContext, useContext } from 'react';
import type { DeployTarget, ObjectDeployState } from './contract.ts';

/** What the canvas needs to mark objects: applied, pending (changed since the apply) or drifted. */
export interface DeployState {
  /** object id → state; objects absent are not applied anywhere */
  readonly objects: ReadonlyMap<string, ObjectDeployState>;
}

export const EMPTY_DEPLOY_STATE: DeployState = { objects: new Map() };

export const DeployStateContext = createContext<DeployState>(EMPTY_DEPLOY_STATE);

export function useDeployStateContext(): DeployState {
  return useContext(DeployStateContext);
}

/** STUB (to be built in deploy/): the deployment state of the app in the editor. */
export function useDeployState(_target: DeployTarget | undefined): DeployState {
  return EMPTY_DEPLOY_STATE;
}
