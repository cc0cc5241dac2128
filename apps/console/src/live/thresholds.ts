import { ApiError, request, setCsrfToken } from '../api/http.ts';
import type { StreamEvent } from './protocol.ts';

/** Which way traffic counts toward a limit: into the switch port, out of it, or both. */
export type Direction = 'in' | 'out' | 'both';

/** A rate limit set on the app (in+out of all ports) or on one port. */
export interface Threshold {
  /** `app` or a port key `<objectId>/<nicId>` */
  readonly target: string;
  readonly direction: Direction;
  readonly bps: number;
}

/** A threshold being crossed right now. */
export interface Alert {
  readonly target: string;
  readonly direction: Direction;
  readonly bps: number;
  readonly limit: number;
  readonly sinceMs: number;
}

/** Where thresholds live: on the server (checked there, alerts in the event stream), or this browser. */
export type ThresholdSource = 'server' | 'browser';

/** The server's answer: thresholds and the alerts active now. */
export interface ServerThresholds {
  readonly thresholds: readonly Threshold[];
  readonly alerts: readonly Alert[];
}

const pathOf = (app: string) => {
  const [tenant = '', appId = ''] = app.split('/');
  return `/api/tenants/${encodeURIComponent(tenant)}/apps/${encodeURIComponent(appId)}/thresholds`;
};

interface Reply {
  thresholds?: { target: string; direction: Direction; bps: number }[];
  alerts?: {
    target: string;
    direction: Direction;
    bps: number;
    limit: number;
    raisedAtMs: number;
  }[];
}

const parseReply = (r: Reply | undefined): ServerThresholds => ({
  thresholds: r?.thresholds ?? [],
  alerts: (r?.alerts ?? []).map((a) => ({
    target: a.target,
    direction: a.direction,
    bps: a.bps,
    limit: a.limit,
    sinceMs: a.raisedAtMs,
  })),
});

/**
 * The app's thresholds and active alerts from the server; undefined when the server does not
 * keep them for this app (not signed in, no such app), so the browser keeps them instead.
 */
export async function fetchServerThresholds(app: string): Promise<ServerThresholds | undefined> {
  try {
    // live mode opens without the sign-in page: the session read hands out the CSRF token
    const session = await request<{ csrfToken?: string }>('GET', '/api/auth/session');
    if (typeof session.body?.csrfToken === 'string') setCsrfToken(session.body.csrfToken);
    return parseReply((await request<Reply>('GET', pathOf(app))).body);
  } catch (err) {
    if (err instanceof ApiError) return undefined;
    throw err;
  }
}

/** Replaces the app's thresholds on the server; an ApiError says why not (e.g. a viewer). */
export async function putServerThresholds(
  app: string,
  list: readonly Threshold[],
): Promise<ServerThresholds> {
  return parseReply(
    (await request<Reply>('PUT', pathOf(app), { body: { thresholds: list } })).body,
  );
}

/** What to tell a user whose change the server refused. */
export function refusal(err: unknown): string {
  if (err instanceof ApiError && err.status === 403)
    return 'Setting thresholds needs the operator role in this tenant.';
  return err instanceof Error ? err.message : String(err);
}

/**
 * Active alerts from the server's list and the event stream: crossings and clearings applied in
 * time order, so a page opened late and a page open all along agree.
 */
export function alertsFrom(initial: readonly Alert[], events: Iterable<StreamEvent>): Alert[] {
  const steps: { atMs: number; key: string; alert: Alert | undefined }[] = initial.map((a) => ({
    atMs: a.sinceMs,
    key: `${a.target}|${a.direction}`,
    alert: a,
  }));
  for (const e of events) {
    if (e.kind !== 'threshold-crossed' && e.kind !== 'threshold-cleared') continue;
    const key = `${e.target}|${e.direction}`;
    const alert =
      e.kind === 'threshold-crossed'
        ? { target: e.target, direction: e.direction, bps: e.bps, limit: e.limit, sinceMs: e.atMs }
        : undefined;
    steps.push({ atMs: e.atMs, key, alert });
  }
  steps.sort((a, b) => a.atMs - b.atMs || (a.alert ? 1 : 0) - (b.alert ? 1 : 0));
  const active = new Map<string, Alert>();
  for (const s of steps) {
    if (s.alert) active.set(s.key, active.get(s.key) ?? s.alert);
    else active.delete(s.key);
  }
  return [...active.values()].sort((a, b) => a.sinceMs - b.sinceMs);
}

const keyOf = (app: string) => `netcanvas.thresholds.${app}`;

/** The thresholds this browser keeps for an app the server does not check. */
export function loadLocalThresholds(app: string): Threshold[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(keyOf(app)) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw
      .filter(
        (t): t is Threshold =>
          typeof t?.target === 'string' && typeof t.bps === 'number' && t.bps > 0,
      )
      .map((t) => ({ target: t.target, direction: t.direction ?? 'both', bps: t.bps }));
  } catch {
    return [];
  }
}

export function saveLocalThresholds(app: string, list: readonly Threshold[]): void {
  localStorage.setItem(keyOf(app), JSON.stringify(list));
}
