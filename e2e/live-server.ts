/**
 * The `live` project's server: the real netcanvas server (API, built console, /api/stream,
 * the embedded sandbox controller and its sFlow into the server's own collector) on a fresh
 * data directory, with a known admin password (NETCANVAS_ADMIN_PASSWORD), the `acme` tenant,
 * its designer, operator and viewer, and a sandbox controller. Specs sign in, create their
 * apps, plan and apply them through the API (e2e/tests/live-world.ts).
 *
 *   pnpm exec tsx e2e/live-server.ts --port 4180
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../apps/server/src/index.ts';
import { LIVE_ADMIN, LIVE_MEMBERS, LIVE_TENANT } from './tests/live-users.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4180' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

process.env.NETCANVAS_ADMIN_PASSWORD = LIVE_ADMIN.password;
const dataDir = mkdtempSync(path.join(tmpdir(), 'netcanvas-live-e2e-'));
const start = (port: number, sflowPort: number | null) =>
  startServer({
    port,
    host: values.host,
    dataDir,
    logLevel: 'warn',
    // a free UDP port: runs sharing a machine must not fight over 6343
    sflowPort,
    onFirstRun: () => {},
  });

/** Tenant, members and the sandbox controller, made by the admin through the API. */
async function seed(url: string): Promise<void> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: LIVE_ADMIN.username, password: LIVE_ADMIN.password }),
  });
  if (!login.ok) throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async (method: string, route: string, body: unknown) => {
    const res = await fetch(`${url}${route}`, {
      method,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  };
  await call('POST', '/api/tenants', { id: LIVE_TENANT, name: 'Acme Corp' });
  for (const m of LIVE_MEMBERS) {
    await call('PUT', `/api/tenants/${LIVE_TENANT}/members/${m.username}`, {
      role: m.role,
      password: m.password,
    });
  }
  // the server admin also runs acme: telemetry health is for server admins only
  await call('PUT', `/api/tenants/${LIVE_TENANT}/members/${LIVE_ADMIN.username}`, {
    role: 'admin',
  });
  await call('POST', `/api/tenants/${LIVE_TENANT}/controllers`, {
    name: 'sandbox',
    kind: 'sandbox',
  });
}

// seeded on a private port first, so the port Playwright waits for answers only once ready
const seeding = await start(0, null);
await seed(seeding.url);
await seeding.close();
const server = await start(Number(values.port), 0);
process.stdout.write(`netcanvas live e2e server at ${server.url} (data ${dataDir})\n`);
const stop = () => void server.close().finally(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
