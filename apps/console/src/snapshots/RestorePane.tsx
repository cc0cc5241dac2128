import type { Application } from '@netcanvas/model';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../api/http.ts';
import { ApplyResultView } from '../deploy/ApplyResultView.tsx';
import { applyPlan } from '../deploy/deploy-api.ts';
import { PlanProblem } from '../deploy/PlanProblem.tsx';
import { PlanView } from '../deploy/PlanView.tsx';
import type { DescribeObject } from '../deploy/plan-groups.ts';
import type { ApplyResponse, ControllerSummary, PlanResponse } from '../deploy/types.ts';
import { deploymentsKey } from '../deploy/useDeployState.ts';
import { parseRemap, type RemapText, remapCandidates } from './remap.ts';
import { planRestore } from './snapshot-api.ts';
import type { SnapshotMeta } from './types.ts';

interface Props {
  readonly tenant: string;
  readonly appId: string;
  readonly meta: SnapshotMeta;
  /** the app as the snapshot holds it (names for the plan, uplinks for the remap) */
  readonly app: Application;
  readonly controllers: readonly ControllerSummary[];
  readonly onClose: () => void;
}

type Step =
  | { kind: 'idle' }
  | { kind: 'planning' }
  | { kind: 'planned'; plan: PlanResponse }
  | { kind: 'applying'; plan: PlanResponse }
  | { kind: 'applied'; result: ApplyResponse; ms: number }
  | { kind: 'failed'; error: ApiError };

const asApiError = (err: unknown) =>
  err instanceof ApiError ? err : new ApiError(0, 'failed', String(err));

/**
 * Restore a snapshot: onto the controller it was taken from (rollback) or another site (DR,
 * with a remap of what differs there), always through a plan shown first, applied atomically.
 */
export function RestorePane({ tenant, appId, meta, app, controllers, onClose }: Props) {
  const client = useQueryClient();
  const [target, setTarget] = useState<number | undefined>(
    meta.controller.id ?? controllers[0]?.id,
  );
  const [remapText, setRemapText] = useState<RemapText>(() => remapCandidates(app));
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const elsewhere = target !== meta.controller.id;
  const parsed = elsewhere ? parseRemap(remapText) : { remap: undefined };
  const targetName = controllers.find((c) => c.id === target)?.name ?? 'the controller';
  const describe: DescribeObject = (id) => {
    const o = app.objects.find((x) => x.id === id);
    return o && { name: o.name, kind: o.kind };
  };

  const plan = async () => {
    if (target === undefined || 'error' in parsed) return;
    setStep({ kind: 'planning' });
    try {
      setStep({
        kind: 'planned',
        plan: await planRestore(tenant, appId, meta.id, target, parsed.remap),
      });
    } catch (err) {
      setStep({ kind: 'failed', error: asApiError(err) });
    }
  };
  const apply = async (p: PlanResponse) => {
    setStep({ kind: 'applying', plan: p });
    const started = performance.now();
    try {
      const result = await applyPlan(tenant, appId, p.planId);
      setStep({ kind: 'applied', result, ms: performance.now() - started });
      void client.invalidateQueries({ queryKey: deploymentsKey(tenant, appId) });
    } catch (err) {
      setStep({ kind: 'failed', error: asApiError(err) });
    }
  };
  const shown = step.kind === 'planned' || step.kind === 'applying' ? step.plan : undefined;
  const edit = (key: keyof RemapText) => (e: { target: { value: string } }) => {
    setRemapText({ ...remapText, [key]: e.target.value });
    setStep({ kind: 'idle' });
  };

  return (
    <section className="snap-restore" data-testid="restore-pane" aria-label="Restore snapshot">
      <h3>
        Restore snapshot <code>{meta.id.slice(0, 12)}</code>
      </h3>
      <div className="deploy-pick-row">
        <span className="field">
          <select
            aria-label="Restore onto"
            data-testid="restore-target"
            value={target ?? ''}
            disabled={step.kind === 'planning' || step.kind === 'applying'}
            onChange={(e) => {
              setTarget(Number(e.target.value));
              setStep({ kind: 'idle' });
            }}
          >
            {controllers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} · {c.kind === 'ovn' ? 'OVN' : 'sandbox'}
                {c.id === meta.controller.id
                  ? ' · rollback (where it was taken)'
                  : ' · another site'}
              </option>
            ))}
          </select>
        </span>
        <button
          type="button"
          className={shown ? 'btn' : 'btn btn-primary'}
          data-testid="restore-plan"
          disabled={target === undefined || 'error' in parsed || step.kind === 'planning'}
          onClick={() => void plan()}
        >
          {step.kind === 'planning' ? 'Planning…' : shown ? 'Plan again' : 'Plan restore'}
        </button>
      </div>
      {elsewhere && (
        <fieldset className="snap-remap" data-testid="remap">
          <legend>What differs at {targetName}</legend>
          <p className="deploy-hint">
            One <code>this-site = {targetName}</code> per line; the restored design is validated
            before anything is applied.
          </p>
          <label>
            Physical networks (uplinks)
            <textarea
              rows={2}
              data-testid="remap-physnets"
              value={remapText.physicalNetworks}
              onChange={edit('physicalNetworks')}
            />
          </label>
          <label>
            External and NAT addresses
            <textarea
              rows={2}
              data-testid="remap-ips"
              value={remapText.externalIps}
              onChange={edit('externalIps')}
            />
          </label>
          <label>
            Gateway chassis
            <textarea
              rows={2}
              data-testid="remap-chassis"
              value={remapText.gatewayChassis}
              onChange={edit('gatewayChassis')}
            />
          </label>
          {'error' in parsed && (
            <span className="field-error" role="alert">
              {parsed.error}
            </span>
          )}
        </fieldset>
      )}
      {shown && <PlanView plan={shown} describe={describe} />}
      {step.kind === 'applied' && (
        <ApplyResultView
          result={step.result}
          ms={step.ms}
          describe={(id) => describe(id)?.name ?? id}
        />
      )}
      {step.kind === 'failed' && (
        <PlanProblem
          error={step.error}
          controller={targetName}
          onReplan={() => void plan()}
          describe={(id) => describe(id)?.name ?? id}
        />
      )}
      <footer className="deploy-dialog-foot">
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          {step.kind === 'applied' ? 'Done' : 'Back'}
        </button>
        {step.kind !== 'applied' && (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="restore-apply"
            disabled={step.kind !== 'planned'}
            title={step.kind === 'planned' ? undefined : 'Plan first'}
            onClick={() => step.kind === 'planned' && void apply(step.plan)}
          >
            {step.kind === 'applying'
              ? 'Restoring…'
              : `${elsewhere ? 'Restore at' : 'Roll back'} ${targetName}`}
          </button>
        )}
      </footer>
    </section>
  );
}
