import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DeployTarget } from './contract.ts';
import { DeployStatus } from './DeployStatus.tsx';
import { DriftBanner } from './DriftBanner.tsx';
import { PlanDialog } from './PlanDialog.tsx';
import { planBlockedReason } from './permissions.ts';
import type { DescribeObject } from './plan-groups.ts';
import { deploymentsKey, useDeployState } from './useDeployState.ts';
import '../styles/deploy.css';

/**
 * The top bar's deploy corner: where the app is applied ("Applied v3 to sandbox · 2 pending"),
 * the drift banner, and the Apply button that opens the plan & apply dialog.
 */
export function DeployActions({ target }: { readonly target: DeployTarget | undefined }) {
  const state = useDeployState(target);
  const client = useQueryClient();
  const [dialog, setDialog] = useState<{ controller: number | undefined } | undefined>();
  const blocked = planBlockedReason(target);
  const describe: DescribeObject = (id) => {
    const o =
      target?.doc.objects.find((x) => x.id === id) ??
      state.deployedDesign?.objects.find((x) => x.id === id);
    return o && { name: o.name, kind: o.kind };
  };
  const nameOf = (id: string) => describe(id)?.name ?? id;
  const refresh = () => {
    if (target)
      void client.invalidateQueries({ queryKey: deploymentsKey(target.tenant, target.appId) });
  };
  const drifted = state.drift ?? [];

  return (
    <div className="deploy-actions">
      <DeployStatus state={state} />
      <button
        type="button"
        className="btn btn-primary"
        disabled={blocked !== undefined}
        title={blocked ?? 'Plan the saved version against a controller, then apply it'}
        onClick={() => setDialog({ controller: state.primary?.controller.id })}
        data-testid="apply"
      >
        Apply
      </button>
      {target && drifted.length > 0 && (
        <div className="drift-stack">
          {drifted.map((d) => (
            <DriftBanner
              key={d.controller.id}
              target={target}
              drift={d}
              nameOf={nameOf}
              onReapply={(controller) => setDialog({ controller })}
              onAdopted={() => {
                refresh();
                target.reload();
              }}
            />
          ))}
        </div>
      )}
      {dialog && target && (
        <PlanDialog
          target={target}
          deployments={state.deployments ?? []}
          initialController={dialog.controller}
          describe={describe}
          onApplied={refresh}
          onClose={() => setDialog(undefined)}
        />
      )}
    </div>
  );
}
