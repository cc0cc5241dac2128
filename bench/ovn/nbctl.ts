import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { StandaloneServer } from '@netcanvas/ovsdb/testing';

const exec = promisify(execFile);

/** Runs `work` and returns how long it took (ms) with its result. */
export async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await work();
  return [performance.now() - t0, out];
}

/** The peer: `cmds` through one `ovn-nbctl --detach` daemon into `nb`; the ms it took. */
export async function nbctlDaemon(nb: StandaloneServer, cmds: string[][]): Promise<number> {
  const { stdout } = await exec(
    'ovn-nbctl',
    [
      `--db=${nb.unixRemote}`,
      '--detach',
      '--no-chdir',
      `--pidfile=${nb.dir}/nbctl.pid`,
      `--log-file=${nb.dir}/nbctl.log`,
      '-vconsole:off',
    ],
    { env: { ...process.env, OVN_RUNDIR: nb.dir } },
  );
  const env = { ...process.env, OVN_NB_DAEMON: stdout.trim() };
  try {
    const [t] = await timed(async () => {
      for (const c of cmds) await exec('ovn-nbctl', c, { env });
    });
    return t;
  } finally {
    const pid = Number((await readFile(`${nb.dir}/nbctl.pid`, 'utf8')).trim());
    if (pid > 0) process.kill(pid, 'SIGTERM');
  }
}
