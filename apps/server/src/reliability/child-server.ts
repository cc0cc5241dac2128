import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FirstRunAdmin } from '../auth/bootstrap.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../../..');

/** A netcanvas server running as a child process on a data directory. */
export interface ChildServer {
  readonly url: string;
  readonly pid: number;
  readonly firstRun: FirstRunAdmin | undefined;
  /** resolves when the process has exited, however it ended */
  readonly exited: Promise<void>;
  /** `kill -9`: no shutdown hooks, no flush, like a power cut of the process */
  kill(): Promise<void>;
}

/**
 * Starts `serve-child.ts` on `dataDir` (and `port`, 0 for any), with `env` added to its
 * environment (e.g. its test hooks), and waits for its URL.
 */
export async function startChildServer(
  dataDir: string,
  port = 0,
  env: Readonly<Record<string, string>> = {},
): Promise<ChildServer> {
  // node itself with tsx as a loader: one process, so its PID is the server's
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'serve-child.ts')],
    {
      cwd: repo,
      env: { ...process.env, ...env, NETCANVAS_DATA: dataDir, NETCANVAS_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let gone = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      gone = true;
      resolve();
    }),
  );
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
  });
  const { url, firstRun } = JSON.parse(line) as { url: string; firstRun?: FirstRunAdmin };
  const pid = child.pid as number;
  return {
    url,
    pid,
    firstRun,
    exited,
    kill: async () => {
      if (!gone) process.kill(pid, 'SIGKILL');
      await exited;
    },
  };
}
