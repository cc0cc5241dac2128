import { useRef, useState } from 'react';
import { ApiError } from '../api/http.ts';
import type { DeployTarget } from './contract.ts';
import { applyPlan, planApp } from './deploy-api.ts';
import type { ApplyResponse, PlanResponse } from './types.ts';

/** Where the plan & apply dialog is. */
export type PlanStep =
  | { readonly kind: 'idle' }
  | { readonly kind: 'planning' }
  | { readonly kind: 'planned'; readonly plan: PlanResponse }
  | { readonly kind: 'applying'; readonly plan: PlanResponse }
  | {
      readonly kind: 'applied';
      readonly plan: PlanResponse;
      readonly result: ApplyResponse;
      readonly ms: number;
    }
  | { readonly kind: 'failed'; readonly error: ApiError; readonly plan?: PlanResponse };

const asApiError = (err: unknown) =>
  err instanceof ApiError ? err : new ApiError(0, 'failed', String(err));

/** Plan, then apply exactly that plan; a newer request wins over a slower older one. */
export function usePlanFlow(target: DeployTarget, onApplied: (r: ApplyResponse) => void) {
  const [step, setStep] = useState<PlanStep>({ kind: 'idle' });
  const latest = useRef(0);

  const run = async (controller: number) => {
    const mine = ++latest.current;
    setStep({ kind: 'planning' });
    try {
      const plan = await planApp(target.tenant, target.appId, controller, target.savedVersion);
      if (mine === latest.current) setStep({ kind: 'planned', plan });
    } catch (err) {
      if (mine === latest.current) setStep({ kind: 'failed', error: asApiError(err) });
    }
  };

  const apply = async (plan: PlanResponse) => {
    ++latest.current;
    setStep({ kind: 'applying', plan });
    const started = performance.now();
    try {
      const result = await applyPlan(target.tenant, target.appId, plan.planId);
      setStep({ kind: 'applied', plan, result, ms: performance.now() - started });
      onApplied(result);
    } catch (err) {
      setStep({ kind: 'failed', error: asApiError(err), plan });
    }
  };

  return {
    step,
    plan: run,
    apply,
    reset: () => {
      ++latest.current;
      setStep({ kind: 'idle' });
    },
  };
}
