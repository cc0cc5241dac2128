import type { WhatIfQuery, WhatIfResult } from '@netcanvas/model';
import { ApiError, getJson, request } from '../api/http.ts';
import type {
  ApplyResponse,
  ControllerSummary,
  Deployment,
  PlanResponse,
  StoredVersion,
} from './types.ts';

const seg = encodeURIComponent;
const appPath = (tenant: string, appId: string) => `/api/tenants/${seg(tenant)}/apps/${seg(appId)}`;

function expectArray<T>(body: unknown, what: string): T[] {
  if (!Array.isArray(body)) {
    throw new ApiError(200, 'bad-response', `the server sent ${what} this console cannot read`);
  }
  return body as T[];
}

/** The tenant's controllers with their last health check. */
export async function fetchControllers(tenant: string): Promise<ControllerSummary[]> {
  return expectArray(await getJson(`/api/tenants/${seg(tenant)}/controllers`), 'a controller list');
}

/** Where the app is applied, one entry per controller. */
export async function fetchDeployments(tenant: string, appId: string): Promise<Deployment[]> {
  return expectArray(await getJson(`${appPath(tenant, appId)}/deployments`), 'a deployment list');
}

/** One stored version of the app. */
export async function fetchVersion(
  tenant: string,
  appId: string,
  version: number,
): Promise<StoredVersion> {
  return getJson<StoredVersion>(`${appPath(tenant, appId)}/versions/${version}`);
}

/** Plans a saved version against a controller. */
export async function planApp(
  tenant: string,
  appId: string,
  controller: number,
  version: number | undefined,
): Promise<PlanResponse> {
  const body = version === undefined ? { controller } : { controller, version };
  return (await request<PlanResponse>('POST', `${appPath(tenant, appId)}/plan`, { body })).body;
}

/** Commits exactly the plan that was shown. */
export async function applyPlan(
  tenant: string,
  appId: string,
  planId: string,
): Promise<ApplyResponse> {
  return (
    await request<ApplyResponse>('POST', `${appPath(tenant, appId)}/apply`, { body: { planId } })
  ).body;
}

/** "Take theirs": saves what the controller holds as a new version on top of `version`. */
export async function adoptApp(
  tenant: string,
  appId: string,
  controller: number,
  version: number,
): Promise<StoredVersion> {
  return (
    await request<StoredVersion>('POST', `${appPath(tenant, appId)}/adopt`, {
      body: { controller },
      headers: { 'if-match': `"${appId}:${version}"` },
    })
  ).body;
}

/** Traces a packet through what a controller holds (ovn-trace on OVN, the model on the sandbox). */
export async function traceOnController(
  tenant: string,
  appId: string,
  controller: number,
  query: WhatIfQuery,
): Promise<WhatIfResult> {
  return (
    await request<WhatIfResult>('POST', `${appPath(tenant, appId)}/trace`, {
      body: { controller, query },
    })
  ).body;
}

/** Checks a controller now (connects and reads its schema version). */
export async function checkController(
  tenant: string,
  controller: number,
): Promise<NonNullable<ControllerSummary['health']>> {
  return getJson(`/api/tenants/${seg(tenant)}/controllers/${controller}/health`);
}
