/**
 * The `chromium` project's server: the real netcanvas server (API + built console +
 * sandbox controller) on a fresh data directory per run, with a known admin password
 * (NETCANVAS_ADMIN_PASSWORD), then the `acme` tenant and its members made through the API.
 *
 *   pnpm exec tsx e2e/server.ts --port 4400
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../apps/server/src/index.ts';
import { ADMIN, MEMBERS, TENANT } from './users.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4179' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

process.env.NETCANVAS_ADMIN_PASSWORD = ADMIN.password;
const dataDir = mkdtempSync(path.join(tmpdir(), 'netcanvas-e2e-'));
const start = (port: number) =>
  startServer({
    port,
    host: values.host,
    dataDir,
    logLevel: 'warn',
    // no sFlow collector: the live views have their own server, and two runs must not fight over UDP 6343
    sflowPort: null,
    onFirstRun: () => {},
  });

/** One API call as admin, failing loudly: a half-seeded server would fail every spec obscurely. */
async function seed(server: { url: string }): Promise<void> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ADMIN.username, password: ADMIN.password }),
  });
  if (!login.ok) throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async (method: string, url: string, body: unknown) => {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  };
  await call('POST', '/api/tenants', { id: TENANT, name: 'Acme Corp' });
  for (const m of MEMBERS) {
    await call('PUT', `/api/tenants/${TENANT}/members/${m.username}`, {
      role: m.role,
      password: m.password,
    });
  }
  await call('POST', `/api/tenants/${TENANT}/controllers`, { name: 'sandbox', kind: 'sandbox' });
}

// seeded on a private port first, so the port Playwright waits for answers only once the
// tenant and its users exist
const seeding = await start(0);
await seed(seeding);
await seeding.close();
const server = await start(Number(values.port));
process.stdout.write(`netcanvas e2e server at ${server.url} (data ${dataDir})\n`);
const stop = () => void server.close().finally(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
