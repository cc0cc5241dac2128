import { readFile, rm } from 'node:fs/promises';
import { LabError } from './errors.ts';
import { run, waitFor } from './exec.ts';

/** Environment variable that marks a helper process as the lab's. */
export const MARKER_ENV = 'NETCANVAS_LAB_MARKER';

/** One OVS/OVN daemon to start with `--detach` and a pidfile. */
export interface DaemonSpec {
  /** our name for it, e.g. `ovnnb_db` */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly pidfile: string;
  readonly logFile: string;
  readonly env: NodeJS.ProcessEnv;
  /** start it inside this network namespace */
  readonly netns?: string;
}

/** A process the lab started: stopped by PID, only while its command line still names `marker`. */
export interface StartedProcess {
  readonly name: string;
  readonly pid: number;
  /** a string (the lab dir) its command line contains: guards against PID reuse */
  readonly marker: string;
  readonly pidfile?: string | undefined;
}

/** Starts a daemon detached; resolves once its pidfile names a live process. */
export async function startDaemon(spec: DaemonSpec, marker: string): Promise<StartedProcess> {
  await run(
    spec.command,
    [
      ...spec.args,
      '--detach',
      '--no-chdir',
      `--pidfile=${spec.pidfile}`,
      `--log-file=${spec.logFile}`,
      '-vconsole:off',
      '-vfile:info',
    ],
    { env: spec.env, ...(spec.netns ? { netns: spec.netns } : {}) },
  ).catch((cause: unknown) => {
    throw new LabError(
      'command-failed',
      `${spec.name} did not start (see ${spec.logFile}): ${(cause as Error).message}`,
      { cause },
    );
  });
  const pid = Number((await readFile(spec.pidfile, 'utf8')).trim());
  if (!Number.isInteger(pid) || !(await isOurs(pid, marker))) {
    throw new LabError(
      'command-failed',
      `${spec.name} exited right after start; see ${spec.logFile}`,
    );
  }
  return { name: spec.name, pid, marker, pidfile: spec.pidfile };
}

/** True while `pid` runs (not a zombie) and its command line contains `marker`. */
export async function isOurs(pid: number, marker: string): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // a killed daemon lingers as a zombie for a while and kill -0 still succeeds
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    if (cmdline.includes(marker)) return true;
    // helpers without a place for it on their command line (ping) carry it in the environment
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8');
    return environ.split('\0').includes(`${MARKER_ENV}=${marker}`);
  } catch {
    return false;
  }
}

/**
 * Stops one process the lab started: SIGTERM, then SIGKILL after `graceMs`; waits until
 * it is gone or a zombie. Does nothing when the PID is no longer ours. Removes its pidfile.
 */
export async function stopProcess(proc: StartedProcess, graceMs = 5_000): Promise<boolean> {
  let stopped = false;
  if (await isOurs(proc.pid, proc.marker)) {
    signal(proc.pid, 'SIGTERM');
    const gone = await waitFor(async () => !(await isOurs(proc.pid, proc.marker)), graceMs, 25);
    if (!gone) {
      signal(proc.pid, 'SIGKILL');
      await waitFor(async () => !(await isOurs(proc.pid, proc.marker)), 2_000, 25);
    }
    stopped = true;
  }
  if (proc.pidfile) await rm(proc.pidfile, { force: true });
  return stopped;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // gone between the check and the signal
  }
}
