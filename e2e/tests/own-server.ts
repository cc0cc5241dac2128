import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A netcanvas server a spec starts for itself (its own data dir, admin password, sFlow port). */
export interface OwnServer {
  readonly url: string;
  /** stops the server and its tsx parent: the whole process group this spec started */
  stop(): Promise<void>;
}

/** Runs `pnpm netcanvas serve` as a process group and resolves once /api/health answers. */
export async function startOwnServer(options: {
  readonly port: number;
  readonly dataDir: string;
  readonly adminPassword: string;
  readonly sflowPort: number;
}): Promise<OwnServer> {
  const url = `http://127.0.0.1:${options.port}`;
  const child: ChildProcess = spawn(
    'pnpm',
    [
      'exec',
      'tsx',
      'apps/server/src/cli/main.ts',
      'serve',
      '--port',
      String(options.port),
      '--data',
      options.dataDir,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NETCANVAS_ADMIN_PASSWORD: options.adminPassword,
        NETCANVAS_SFLOW_PORT: String(options.sflowPort),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    },
  );
  const stop = async () => {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`the spec's own server on ${url} did not start`);
}
