/**
 * For the lab's tests: a real netcanvas server as a user starts it (its own CLI, its own
 * process, a fresh data directory), signed in as admin with an admin API token minted for
 * the default tenant, and stopped by PID.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const PASSWORD = 'lab test server admin password';

export interface TestServer {
  readonly url: string;
  /** an admin API token of the default tenant */
  readonly token: string;
  /** SIGTERM to the server's PID, then waits for it to exit */
  stop(): Promise<void>;
}

function urlOf(server: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`no URL from the server: ${out}`)), timeoutMs);
    server.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the server exited with ${code}: ${out}`));
    });
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        done(m[1]);
      }
    });
  });
}

async function adminToken(url: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  if (!login.ok) throw new Error(`admin sign-in: ${login.status} ${await login.text()}`);
  const cookie = String(login.headers.get('set-cookie')).split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const made = await fetch(`${url}/api/tenants/default/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'lab', role: 'admin' }),
  });
  if (made.status !== 201) throw new Error(`token: ${made.status} ${await made.text()}`);
  return ((await made.json()) as { secret: string }).secret;
}

/**
 * Starts `netcanvas serve` on a free port with its data under `root` (and its sFlow
 * collector on a free UDP port) and mints an admin token. A cold tsx start takes seconds
 * on a busy machine, hence the generous default wait.
 */
export async function startTestServer(root: string, timeoutMs = 50_000): Promise<TestServer> {
  const server = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'apps/server/src/cli/main.ts',
      'serve',
      '--port',
      '0',
      '--data',
      join(root, 'data'),
    ],
    {
      cwd: REPO,
      env: {
        ...process.env,
        NETCANVAS_ADMIN_PASSWORD: PASSWORD,
        NETCANVAS_SFLOW_PORT: '0',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const stop = async () => {
    if (server.pid && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((done) => server.once('exit', done));
      process.kill(server.pid, 'SIGTERM');
      await exited;
    }
  };
  try {
    const url = await urlOf(server, timeoutMs);
    return { url, token: await adminToken(url), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
