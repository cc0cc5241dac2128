import type { Application } from '@netcanvas/model';

/**
 * The seam between the editor shell (App.tsx, owned by the shell) and deployment
 * (plan & apply, applied/pending/drift state, owned by `deploy/`). The shell mounts
 * `DeployActions` in the top bar and provides `useDeployState`'s value through
 * `DeployStateContext` to the canvas.
 */
export interface DeployTarget {
  readonly tenant: string;
  readonly appId: string;
  /** the document in the editor (may have unsaved changes) */
  readonly doc: Application;
  /** the last version saved on the server that the editor started from; undefined: never saved */
  readonly savedVersion: number | undefined;
  /** true when the editor holds changes not yet saved as a version */
  readonly dirty: boolean;
  /** the signed-in user's role in the tenant */
  readonly role: 'viewer' | 'operator' | 'designer' | 'admin';
  /** asks the shell to reload the app from the server (after "take theirs" made a new version) */
  readonly reload: () => void;
}

/** Per design object, as the canvas marks it. */
export type ObjectDeployState = 'applied' | 'pending' | 'drift';
