import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NbctlScript } from './nbctl-script.ts';

const exec = promisify(execFile);

/** Where a lab site's NB listens and where an nbctl daemon may keep its pidfile and log. */
export interface NbTarget {
  /** `unix:/…/ovnnb_db.sock` */
  readonly db: string;
  readonly dir: string;
}

/** The script as a shell script runs it: one `ovn-nbctl` process (one NB transaction) per line. */
export async function runPerCommand(nb: NbTarget, script: NbctlScript): Promise<void> {
  for (const cmd of script) await exec('ovn-nbctl', [`--db=${nb.db}`, '--timeout=10', ...cmd]);
}

/**
 * Starts an `ovn-nbctl --detach` daemon (not timed: a script would start it once) and
 * returns a function that runs the script through it, and one that stops it by PID.
 */
export async function startNbctlDaemon(nb: NbTarget) {
  const pidfile = join(nb.dir, 'nbctl-bench.pid');
  const { stdout } = await exec(
    'ovn-nbctl',
    [
      `--db=${nb.db}`,
      '--detach',
      '--no-chdir',
      `--pidfile=${pidfile}`,
      `--log-file=${join(nb.dir, 'nbctl-bench.log')}`,
      '-vconsole:off',
    ],
    { env: { ...process.env, OVN_RUNDIR: nb.dir } },
  );
  const env = { ...process.env, OVN_NB_DAEMON: stdout.trim() };
  return {
    run: async (script: NbctlScript) => {
      for (const cmd of script) await exec('ovn-nbctl', cmd, { env });
    },
    stop: async () => {
      const pid = Number((await readFile(pidfile, 'utf8')).trim());
      if (pid > 0) process.kill(pid, 'SIGTERM');
    },
  };
}
