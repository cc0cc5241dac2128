import type { DeployTarget } from './contract.ts';

/** STUB (to be built in deploy/): the Apply button and its plan & apply dialog. */
export function DeployActions({ target }: { readonly target: DeployTarget | undefined }) {
  return (
    <button type="button" className="btn btn-primary" disabled={!target} data-testid="apply">
      Apply
    </button>
  );
}
