import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Application, templateById } from '@netcanvas/model';
import { freeUdpPort } from '@netcanvas/ovsdb/testing';
import { type RunningServer, startServer } from '../../apps/server/src/index.ts';

/** The real server with one app applied to its embedded sandbox and a signed-in viewer. */
export interface BenchServer {
  readonly url: string;
  readonly running: RunningServer;
  /** `name=value` of the operator's session */
  readonly cookie: string;
  readonly tenant: string;
  readonly appId: string;
  /** UDP port of the server's sFlow collector */
  readonly sflowPort: number;
  close(): Promise<void>;
}

const PASSWORD = 'bench stream latency password';

class Session {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}

  async call(method: string, path: string, body?: unknown, expect = 200): Promise<unknown> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== expect) {
      throw new Error(`${method} ${path}: expected ${expect}, got ${res.status} ${text}`);
    }
    if (path === '/api/auth/login') {
      this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      this.csrf = (JSON.parse(text) as { csrfToken: string }).csrfToken;
    }
    return text ? JSON.parse(text) : undefined;
  }
}

/**
 * `startServer` as `pnpm netcanvas serve` runs it (API only, temp data dir, collector on a
 * free UDP port), a tenant with an operator, and the three-tier template applied to the
 * embedded sandbox, which then emits real sFlow for it.
 */
export async function startBenchServer(): Promise<BenchServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'netcanvas-bench-stream-'));
  const sflowPort = await freeUdpPort();
  let admin: { username: string; password: string } | undefined;
  const running = await startServer({
    port: 0,
    consoleDir: null,
    dataDir,
    logLevel: 'silent',
    sflowPort,
    onFirstRun: (a) => {
      admin = a;
    },
  });
  try {
    if (!admin) throw new Error('expected a first run in a fresh data dir');
    const root = new Session(running.url);
    await root.call('POST', '/api/auth/login', admin);
    const tenant = 'bench';
    const appId = 'shop';
    await root.call('POST', '/api/tenants', { id: tenant, name: 'Bench' }, 201);
    await root.call('PUT', `/api/tenants/${tenant}/members/ops`, {
      role: 'admin',
      password: PASSWORD,
    });
    const ops = new Session(running.url);
    await ops.call('POST', '/api/auth/login', { username: 'ops', password: PASSWORD });
    const controller = (await ops.call(
      'POST',
      `/api/tenants/${tenant}/controllers`,
      { name: 'sandbox', kind: 'sandbox' },
      201,
    )) as { id: number };
    const app: Application = templateById('three-tier').build({
      id: appId,
      name: appId,
      tenant,
    });
    await ops.call('POST', `/api/tenants/${tenant}/apps`, { app, message: 'bench' }, 201);
    const plan = (await ops.call('POST', `/api/tenants/${tenant}/apps/${appId}/plan`, {
      controller: controller.id,
    })) as { planId: string };
    await ops.call('POST', `/api/tenants/${tenant}/apps/${appId}/apply`, { planId: plan.planId });
    return {
      url: running.url,
      running,
      cookie: ops.cookie,
      tenant,
      appId,
      sflowPort,
      close: async () => {
        await running.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await running.close();
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}
