import { useState } from 'react';
import { ApplyResultView } from './ApplyResultView.tsx';
import { ControllerPicker } from './ControllerPicker.tsx';
import type { DeployTarget } from './contract.ts';
import { DialogFrame } from './DialogFrame.tsx';
import { PlanProblem } from './PlanProblem.tsx';
import { PlanView } from './PlanView.tsx';
import { applyBlockedReason } from './permissions.ts';
import type { DescribeObject } from './plan-groups.ts';
import type { ApplyResponse, Deployment } from './types.ts';
import { useControllers } from './useControllers.ts';
import { usePlanFlow } from './usePlanFlow.ts';

interface Props {
  readonly target: DeployTarget;
  readonly deployments: readonly Deployment[];
  /** the controller to start with (re-apply after drift); default: where the app is applied */
  readonly initialController: number | undefined;
  readonly describe: DescribeObject;
  readonly onApplied: (result: ApplyResponse) => void;
  readonly onClose: () => void;
}

/**
 * Plan & apply as a modal dialog: pick the controller, see the plan grouped by design object,
 * apply exactly that plan. The native modal dialog keeps focus inside and closes on Esc.
 */
export function PlanDialog({
  target,
  deployments,
  initialController,
  describe,
  onApplied,
  onClose,
}: Props) {
  const controllers = useControllers(target.tenant);
  const list = controllers.data ?? [];
  const [picked, setPicked] = useState<number | undefined>(initialController);
  const controller = picked ?? deployments[0]?.controller.id ?? list[0]?.id;
  const chosen = list.find((c) => c.id === controller);
  const flow = usePlanFlow(target, onApplied);
  const { step } = flow;
  const busy = step.kind === 'planning' || step.kind === 'applying';
  const shownPlan = 'plan' in step ? step.plan : undefined;
  const held = deployments.find((d) => d.controller.id === controller)?.version;
  // no NB change but a newer version (e.g. only workload traffic changed): applying records it
  const empty =
    step.kind === 'planned' && step.plan.changes.length === 0 && held === step.plan.basedOn.version;
  const blocked =
    applyBlockedReason(target) ?? (empty ? 'Nothing to apply: the controller matches' : undefined);
  const nameOf = (id: string) => describe(id)?.name ?? id;

  const choose = (id: number) => {
    setPicked(id);
    flow.reset();
  };
  const replan = () => controller !== undefined && void flow.plan(controller);

  return (
    <DialogFrame
      title="Plan & apply"
      subtitle={`${target.doc.name} · saved v${target.savedVersion}`}
      testId="plan-dialog"
      onClose={onClose}
    >
      <div className="deploy-dialog-body">
        {controllers.isError ? (
          <div className="deploy-alert alert-bad" role="alert">
            <strong>Could not list the controllers</strong>
            <span>{(controllers.error as Error).message}</span>
          </div>
        ) : list.length === 0 && !controllers.isPending ? (
          <p className="empty-state">
            This tenant has no controller: an admin registers one first.
          </p>
        ) : (
          <ControllerPicker
            tenant={target.tenant}
            controllers={list}
            value={controller}
            onChange={choose}
            deployedTo={new Map(deployments.map((d) => [d.controller.id, d.version]))}
            disabled={busy}
          >
            <button
              type="button"
              className={shownPlan ? 'btn' : 'btn btn-primary'}
              disabled={controller === undefined || busy}
              onClick={replan}
              data-testid="plan"
            >
              {step.kind === 'planning' ? 'Planning…' : shownPlan ? 'Plan again' : 'Plan'}
            </button>
          </ControllerPicker>
        )}
        {step.kind === 'idle' && list.length > 0 && (
          <p className="deploy-hint">
            Plan shows what applying v{target.savedVersion} would change on the controller. Nothing
            changes until you apply.
          </p>
        )}
        {shownPlan && step.kind !== 'applied' && <PlanView plan={shownPlan} describe={describe} />}
        {step.kind === 'applied' && (
          <ApplyResultView result={step.result} ms={step.ms} describe={nameOf} />
        )}
        {step.kind === 'failed' && (
          <PlanProblem
            error={step.error}
            controller={chosen?.name ?? 'the controller'}
            onReplan={replan}
            describe={nameOf}
          />
        )}
      </div>
      <footer className="deploy-dialog-foot">
        {blocked && step.kind === 'planned' && !empty && (
          <span className="deploy-blocked" data-testid="apply-blocked">
            {blocked}
          </span>
        )}
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          {step.kind === 'applied' ? 'Close' : 'Cancel'}
        </button>
        {step.kind !== 'applied' && (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="apply-plan"
            disabled={step.kind !== 'planned' || blocked !== undefined}
            title={blocked ?? (step.kind === 'planned' ? undefined : 'Plan first')}
            onClick={() => step.kind === 'planned' && void flow.apply(step.plan)}
          >
            {step.kind === 'applying'
              ? 'Applying…'
              : `Apply v${shownPlan?.basedOn.version ?? target.savedVersion} to ${chosen?.name ?? 'controller'}`}
          </button>
        )}
      </footer>
    </DialogFrame>
  );
}
