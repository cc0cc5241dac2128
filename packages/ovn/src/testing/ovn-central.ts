/**
 * Test harness: a real OVN central (NB and SB ovsdb-servers and ovn-northd) in a private
 * temp dir on loopback, stopped by PID. For tests only; not exported from the package entry.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type StandaloneServer, startOvsdbServer, stopDaemon } from '@netcanvas/ovsdb/testing';

const run = promisify(execFile);

export const SB_SCHEMA = '/usr/share/ovn/ovn-sb.ovsschema';

export interface OvnCentral {
  readonly nb: StandaloneServer;
  readonly sb: StandaloneServer;
  /** the NB's tcp remote, what a user would register */
  readonly nbRemote: string;
  nbctl(...args: string[]): Promise<string>;
  sbctl(...args: string[]): Promise<string>;
  /** `ovn-trace` against the SB: logical flows northd computed */
  trace(datapath: string, microflow: string): Promise<string>;
  /** waits until northd has turned the current NB into SB flows */
  sync(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts NB, SB and ovn-northd; ~0.3 s on this machine kind. */
export async function startOvnCentral(): Promise<OvnCentral> {
  const nb = await startOvsdbServer();
  const sb = await startOvsdbServer({ schema: SB_SCHEMA });
  const dir = await mkdtemp(join(tmpdir(), 'netcanvas-northd-'));
  const env = { ...process.env, OVN_RUNDIR: dir, OVN_LOGDIR: dir, OVS_RUNDIR: dir };
  const pidfile = join(dir, 'northd.pid');
  let pid: number | undefined;
  const stop = async () => {
    if (pid !== undefined) await stopDaemon(pid);
    await Promise.all([nb.stop(), sb.stop(), rm(dir, { recursive: true, force: true })]);
  };
  try {
    await run(
      'ovn-northd',
      [
        `--ovnnb-db=${nb.unixRemote}`,
        `--ovnsb-db=${sb.unixRemote}`,
        '--detach',
        '--no-chdir',
        `--pidfile=${pidfile}`,
        `--log-file=${join(dir, 'northd.log')}`,
        `--unixctl=${join(dir, 'northd.ctl')}`,
        '-vconsole:off',
      ],
      { env },
    );
    pid = Number((await readFile(pidfile, 'utf8')).trim());
  } catch (error) {
    await stop();
    throw error;
  }
  const sbctl = async (...args: string[]) =>
    (await run('ovn-sbctl', [`--db=${sb.unixRemote}`, '--timeout=10', ...args], { env })).stdout;
  return {
    nb,
    sb,
    nbRemote: nb.tcpRemote,
    nbctl: (...args) => nb.nbctl(...args),
    sbctl,
    trace: async (datapath, microflow) =>
      (await run('ovn-trace', [`--db=${sb.unixRemote}`, '--minimal', datapath, microflow], { env }))
        .stdout,
    sync: async () => {
      await nb.nbctl('--wait=sb', 'sync');
    },
    stop,
  };
}
