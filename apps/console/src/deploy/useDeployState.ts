import type { Application, WhatIfQuery, WhatIfResult } from '@netcanvas/model';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import { subscribeAppEvents } from './app-events.ts';
import type { DeployTarget, ObjectDeployState } from './contract.ts';
import { fetchDeployments, fetchVersion, traceOnController } from './deploy-api.ts';
import { NO_OBJECT_STATES, objectStates } from './object-state.ts';
import { deploySummary, primaryDeployment } from './summary.ts';
import type { Deployment, DriftInfo } from './types.ts';

/** Drift on one controller, for the banner that offers take-theirs and re-apply. */
export interface ControllerDrift extends DriftInfo {
  readonly controller: Deployment['controller'];
}

/** What the canvas needs to mark objects: applied, pending (changed since the apply) or drifted. */
export interface DeployState {
  /** object id → state; objects absent are not applied anywhere */
  readonly objects: ReadonlyMap<string, ObjectDeployState>;
  /** where the app is applied, one per controller (empty while unknown) */
  readonly deployments?: readonly Deployment[];
  /** the deployment pending and applied are measured against: the latest apply */
  readonly primary?: Deployment;
  /** the design of the primary deployment's version, once loaded */
  readonly deployedDesign?: Application;
  /** "Applied v3 to sandbox · 2 pending", for the top bar */
  readonly summary?: string;
  /** controllers that changed outside netcanvas since the apply */
  readonly drift?: readonly ControllerDrift[];
  /** traces a packet through what a controller holds of this app (what-if on the controller) */
  readonly traceOn?: (controller: number, query: WhatIfQuery) => Promise<WhatIfResult>;
}

export const EMPTY_DEPLOY_STATE: DeployState = { objects: new Map() };

export const DeployStateContext = createContext<DeployState>(EMPTY_DEPLOY_STATE);

/** The deploy state the shell provides around the canvas. */
export function useDeployStateContext(): DeployState {
  return useContext(DeployStateContext);
}

const NONE: readonly Deployment[] = [];

/** The query key of an app's deployments; invalidate it after an apply or a take-theirs. */
export const deploymentsKey = (tenant: string, appId: string) =>
  ['deployments', tenant, appId] as const;

/**
 * The deployment state of the app in the editor: where it is applied, the applied
 * version's design, and per object applied / pending / drift. Follows the app's events,
 * so an apply by someone else or drift on a controller shows without a reload.
 */
export function useDeployState(target: DeployTarget | undefined): DeployState {
  const client = useQueryClient();
  const tenant = target?.tenant ?? '';
  const appId = target?.appId ?? '';
  const stored = target !== undefined && target.savedVersion !== undefined;
  const deployments = useQuery({
    queryKey: deploymentsKey(tenant, appId),
    queryFn: () => fetchDeployments(tenant, appId),
    enabled: stored,
    staleTime: 10_000,
    refetchInterval: 30_000,
  });
  const list = deployments.data ?? NONE;
  const primary = primaryDeployment(list);
  const deployed = useQuery({
    queryKey: ['app-version', tenant, appId, primary?.version],
    queryFn: () => fetchVersion(tenant, appId, primary?.version ?? 0),
    enabled: stored && primary !== undefined,
    // a stored version never changes
    staleTime: Number.POSITIVE_INFINITY,
  });

  // drift pushed since the deployments were last read: shown at once, confirmed by the refetch
  const [liveDrift, setLiveDrift] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (!stored) return;
    return subscribeAppEvents(tenant, appId, (e) => {
      if (e.kind === 'drift') setLiveDrift((s) => new Set([...s, ...e.objectIds]));
      if (e.kind === 'drift' || e.kind === 'applied') {
        void client.invalidateQueries({ queryKey: deploymentsKey(tenant, appId) });
      }
    });
  }, [client, stored, tenant, appId]);
  const fetchedAt = deployments.dataUpdatedAt;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh read supersedes what was pushed
  useEffect(() => setLiveDrift(new Set()), [fetchedAt]);

  const doc = target?.doc;
  const design = deployed.data?.design;
  return useMemo(() => {
    if (!doc || !stored) return EMPTY_DEPLOY_STATE;
    const drift = list.flatMap((d) => (d.drift ? [{ ...d.drift, controller: d.controller }] : []));
    const driftIds = new Set([...liveDrift, ...drift.flatMap((d) => d.objectIds)]);
    const states = design ? objectStates(doc, design, driftIds) : NO_OBJECT_STATES;
    return {
      objects: states.objects,
      deployments: list,
      primary,
      deployedDesign: design,
      summary: deploySummary(list, states),
      drift,
      traceOn: (controller: number, query: WhatIfQuery) =>
        traceOnController(tenant, appId, controller, query),
    };
  }, [doc, stored, list, primary, design, liveDrift, tenant, appId]);
}
