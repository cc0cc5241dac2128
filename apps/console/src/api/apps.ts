import { type Application, parseApplication } from '@netcanvas/model';
import { ApiError, getJson, request } from './http.ts';

const seg = encodeURIComponent;
const tenantPath = (tenant: string) => `/api/tenants/${seg(tenant)}`;
const appPath = (tenant: string, appId: string) => `${tenantPath(tenant)}/apps/${seg(appId)}`;

/** Who saved a version, when and why. */
export interface VersionMeta {
  readonly version: number;
  readonly author: string;
  readonly createdAt: string;
  readonly message: string;
}

/** Where a listed app is applied: the controller's id, the version it holds, when. */
export interface ListedDeployment {
  readonly controller: number;
  readonly version: number;
  readonly appliedAt: string;
}

/** An application in the tenant's list, at its latest version. */
export interface ListedApp extends VersionMeta {
  readonly id: string;
  readonly name: string;
  readonly etag: string;
  /** absent on a stored version; the list says where each app is applied */
  readonly deployments?: readonly ListedDeployment[];
}

/** One saved version with its design; `etag` is what a save of an edit of it sends as If-Match. */
export interface StoredApp extends ListedApp {
  readonly design: Application;
}

/** A tenant the user can see. */
export interface TenantInfo {
  readonly id: string;
  readonly name: string;
}

/** What a 412 on save says: the version now current and every version saved since yours. */
export interface VersionConflict {
  readonly current: number;
  readonly etag: string;
  readonly yours: number;
  readonly since: readonly VersionMeta[];
}

const bad = (what: string) =>
  new ApiError(200, 'bad-response', `the server sent ${what} this console cannot read`);

function isMeta(x: unknown): x is VersionMeta {
  const m = x as Partial<VersionMeta> | null;
  return (
    typeof m?.version === 'number' &&
    typeof m.author === 'string' &&
    typeof m.createdAt === 'string' &&
    typeof m.message === 'string'
  );
}

function isListed(x: unknown): x is ListedApp {
  const a = x as Partial<ListedApp> | null;
  return (
    typeof a?.id === 'string' &&
    typeof a.name === 'string' &&
    typeof a.etag === 'string' &&
    isMeta(a)
  );
}

function parseStored(body: unknown): StoredApp {
  if (!isListed(body)) throw bad('an application');
  const parsed = parseApplication((body as { design?: unknown }).design);
  if (!parsed.ok) throw bad(`an application (${parsed.diagnostics[0]?.message ?? 'invalid'})`);
  const { id, name, etag, version, author, createdAt, message } = body;
  return { id, name, etag, version, author, createdAt, message, design: parsed.app };
}

/** The details of a `version-conflict` error, if that is what it is. */
export function versionConflictOf(err: unknown): VersionConflict | undefined {
  if (!(err instanceof ApiError) || err.code !== 'version-conflict') return undefined;
  const d = err.details as Partial<VersionConflict> | undefined;
  if (typeof d?.current !== 'number' || typeof d.etag !== 'string') return undefined;
  return {
    current: d.current,
    etag: d.etag,
    yours: typeof d.yours === 'number' ? d.yours : -1,
    since: Array.isArray(d.since) ? d.since.filter(isMeta) : [],
  };
}

/** The tenants the user can see. */
export async function fetchTenants(): Promise<TenantInfo[]> {
  const body = await getJson('/api/tenants');
  if (!Array.isArray(body)) throw bad('a tenant list');
  return body.filter(
    (t): t is TenantInfo => typeof t?.id === 'string' && typeof t?.name === 'string',
  );
}

/** The tenant's applications at their latest version. */
export async function fetchApps(tenant: string): Promise<ListedApp[]> {
  const body = await getJson(`${tenantPath(tenant)}/apps`);
  if (!Array.isArray(body) || !body.every(isListed)) throw bad('an application list');
  return body;
}

/** The latest version of an application. */
export async function fetchApp(tenant: string, appId: string): Promise<StoredApp> {
  return parseStored(await getJson(appPath(tenant, appId)));
}

/** One version of an application. */
export async function fetchAppVersion(
  tenant: string,
  appId: string,
  version: number,
): Promise<StoredApp> {
  return parseStored(await getJson(`${appPath(tenant, appId)}/versions/${version}`));
}

/** Creates an application as version 1. */
export async function createApp(
  tenant: string,
  app: Application,
  message: string,
): Promise<StoredApp> {
  const res = await request('POST', `${tenantPath(tenant)}/apps`, { body: { app, message } });
  return parseStored(res.body);
}

/**
 * Saves a new version. `etag` names the version the edit started from; a 412
 * `version-conflict` (see `versionConflictOf`) says someone saved since.
 */
export async function saveApp(
  tenant: string,
  appId: string,
  app: Application,
  message: string,
  etag: string,
): Promise<StoredApp> {
  const res = await request('PUT', appPath(tenant, appId), {
    body: { app, message },
    headers: { 'if-match': etag },
  });
  return parseStored(res.body);
}

/** Imports what a controller holds that netcanvas does not own as a new application. */
export async function importApp(
  tenant: string,
  controllerId: number,
  input: { id: string; name: string; message: string },
): Promise<StoredApp> {
  const res = await request('POST', `${tenantPath(tenant)}/controllers/${controllerId}/import`, {
    body: input,
  });
  return parseStored(res.body);
}

/** The ETag of one version, as the server writes it. */
export const etagFor = (appId: string, version: number): string => `"${appId}:${version}"`;
