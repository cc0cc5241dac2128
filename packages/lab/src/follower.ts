import { type Application, parseApplication } from '@netcanvas/model';
import { z } from 'zod';
import { LabError } from './errors.ts';
import { sleep } from './exec.ts';
import type { SyncReport } from './workloads.ts';

/** The netcanvas server a follower watches, and the controller the lab site is registered as. */
export interface FollowTarget {
  /** e.g. `http://127.0.0.1:8080` */
  readonly server: string;
  /** an API token (`nct_…`) of the tenant; reading apps and deployments is enough */
  readonly token: string;
  readonly tenant: string;
  /** the site's controller id in that tenant */
  readonly controllerId: number;
}

/** What the follower needs of the lab: make it run exactly an app's workloads. */
export interface WorkloadSync {
  sync(app: Application): Promise<SyncReport>;
}

const ListedApps = z.array(
  z.object({
    id: z.string(),
    deployments: z.array(z.object({ controller: z.number(), version: z.number() })).default([]),
  }),
);
const StoredVersion = z.object({ design: z.unknown() });

const pollError = (base: string, what: string, cause?: unknown) =>
  new LabError('command-failed', `netcanvas at ${base}: ${what}`, { cause });

/**
 * Keeps a lab site's workloads in lock step with what netcanvas applied to it: each poll
 * reads which version of which app the site's controller holds, and syncs the workloads of
 * every app whose version moved (new workloads start, deleted ones lose their namespace).
 */
export class SiteFollower {
  readonly target: FollowTarget;
  readonly #lab: WorkloadSync;
  readonly #log: (line: string) => void;
  /** app id → the version whose workloads run now */
  readonly #synced = new Map<string, number>();

  constructor(target: FollowTarget, lab: WorkloadSync, log: (line: string) => void = () => {}) {
    this.target = target;
    this.#lab = lab;
    this.#log = log;
  }

  /** One look at the server: syncs every app applied to the site at a version not yet synced. */
  async poll(): Promise<void> {
    const tenant = encodeURIComponent(this.target.tenant);
    const apps = await this.#get(ListedApps, `/tenants/${tenant}/apps`);
    for (const listed of apps) {
      const here = listed.deployments.find((d) => d.controller === this.target.controllerId);
      if (!here || this.#synced.get(listed.id) === here.version) continue;
      const stored = await this.#get(
        StoredVersion,
        `/tenants/${tenant}/apps/${encodeURIComponent(listed.id)}/versions/${here.version}`,
      );
      const parsed = parseApplication(stored.design);
      if (!parsed.ok) {
        this.#log(`${listed.id} v${here.version}: not an application, skipped`);
        this.#synced.set(listed.id, here.version);
        continue;
      }
      const report = await this.#lab.sync(parsed.app);
      this.#synced.set(listed.id, here.version);
      this.#log(
        `${this.target.tenant}/${listed.id} v${here.version}: created ${report.created.join(' ') || '-'}; removed ${report.removed.join(' ') || '-'}; traffic ${report.traffic.join(' ') || '-'}; unchanged ${report.unchanged.length}`,
      );
    }
  }

  /** Polls every `everyMs` until `signal` aborts; a failed poll is logged and retried. */
  async run(signal: AbortSignal, everyMs = 500): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.poll();
      } catch (error) {
        this.#log(`poll failed: ${(error as Error).message}`);
      }
      await sleep(everyMs);
    }
  }

  async #get<T>(schema: z.ZodType<T>, path: string): Promise<T> {
    const base = this.target.server.replace(/\/+$/, '');
    let res: Response;
    try {
      res = await fetch(`${base}/api${path}`, {
        headers: { authorization: `Bearer ${this.target.token}` },
        signal: AbortSignal.timeout(10_000),
      });
    } catch (cause) {
      throw pollError(base, 'no answer', cause);
    }
    if (!res.ok) throw pollError(base, `GET ${path} answered ${res.status}`);
    const parsed = schema.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw pollError(base, `GET ${path} answered something unexpected`);
    return parsed.data;
  }
}

const Session = z.object({ tenants: z.array(z.object({ id: z.string() })).default([]) });
const Controllers = z.array(z.object({ id: z.number(), name: z.string() }));

/**
 * Fills in what `pnpm lab agent` was not told: the token's tenant (when it has one) and the
 * id of the controller named `name` in it.
 */
export async function resolveFollowTarget(
  given: {
    readonly server: string;
    readonly token: string;
    readonly tenant: string | undefined;
    readonly controller: number | undefined;
  },
  name: string,
): Promise<FollowTarget> {
  const base = given.server.replace(/\/+$/, '');
  const get = async <T>(schema: z.ZodType<T>, path: string): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(`${base}/api${path}`, {
        headers: { authorization: `Bearer ${given.token}` },
        signal: AbortSignal.timeout(10_000),
      });
    } catch (cause) {
      throw new LabError('command-failed', `no netcanvas server answers at ${base}`, { cause });
    }
    if (res.status === 401) {
      throw new LabError(
        'bad-argument',
        `${base} does not accept the token (--token or NETCANVAS_TOKEN)`,
      );
    }
    const parsed = schema.safeParse(await res.json().catch(() => undefined));
    if (!res.ok || !parsed.success) throw pollError(base, `GET ${path} answered ${res.status}`);
    return parsed.data;
  };
  let tenant = given.tenant;
  if (!tenant) {
    const { tenants } = await get(Session, '/auth/session');
    if (tenants.length !== 1 || !tenants[0]) {
      throw new LabError(
        'bad-argument',
        `say which tenant to follow: --tenant (this login is in ${tenants.length} tenants)`,
      );
    }
    tenant = tenants[0].id;
  }
  let controllerId = given.controller;
  if (controllerId === undefined) {
    const rows = await get(Controllers, `/tenants/${encodeURIComponent(tenant)}/controllers`);
    const row = rows.find((c) => c.name === name);
    if (!row) {
      throw new LabError(
        'bad-argument',
        `tenant ${tenant} has no controller named "${name}": register the site (pnpm lab up --register) or pass --controller ID`,
      );
    }
    controllerId = row.id;
  }
  return { server: base, token: given.token, tenant, controllerId };
}
