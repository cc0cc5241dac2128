import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { Application } from '@netcanvas/model';
import { OvnDriver } from '@netcanvas/ovn';
import { OvsdbClient } from '@netcanvas/ovsdb';
import {
  type StandaloneServer,
  startOvsdbCluster,
  startOvsdbServer,
} from '@netcanvas/ovsdb/testing';
import { nbctlDaemon, timed } from './nbctl.ts';
import { benchTopology, nbctlCommands } from './topology.ts';

const exec = promisify(execFile);
const PORTS = 92;
const SIZES = (process.env.BENCH_OVN_SWITCHES ?? '5,20,50').split(',').map(Number);
/** per-command ovn-nbctl re-reads the NB on every call; past this many switches it takes tens of minutes */
const PER_COMMAND_MAX = Number(process.env.BENCH_OVN_PER_COMMAND_MAX ?? 50);
const DAEMON_MAX = Number(process.env.BENCH_OVN_DAEMON_MAX ?? 50);

const ms = (t: number) => `${t < 10 ? t.toFixed(2) : t.toFixed(0)} ms`;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0;

async function perCommand(nb: StandaloneServer, cmds: string[][]): Promise<number> {
  const [t] = await timed(async () => {
    for (const c of cmds) await exec('ovn-nbctl', [`--db=${nb.unixRemote}`, ...c]);
  });
  return t;
}

function withExtraPort(app: Application, n: number): Application {
  const vm = {
    id: `extra${n}`,
    name: `extra${n}`,
    kind: 'workload' as const,
    workloadType: 'vm' as const,
    nics: [{ id: 'eth0', switch: 'ls0', ip: `10.0.0.${200 + (n % 50)}` }],
  };
  return {
    ...app,
    version: app.version + n,
    objects: [...app.objects.filter((o) => !o.id.startsWith('extra')), vm],
  };
}

/** ms from a commit's request to a second client's monitor update, per apply */
async function commitToMonitor(
  remote: string,
  driver: OvnDriver,
  app: Application,
  rounds: number,
): Promise<number[]> {
  const watcher = await OvsdbClient.connect({ remote, database: 'OVN_Northbound' });
  let pending: ((t: number) => void) | undefined;
  await watcher.monitorCond(
    'OVN_Northbound',
    { Logical_Switch_Port: { columns: ['name'] } },
    (ev) => {
      if (ev.kind === 'update') pending?.(performance.now());
    },
  );
  const lat: number[] = [];
  for (let i = 1; i <= rounds; i++) {
    const planned = await driver.plan(withExtraPort(app, i));
    const seen = new Promise<number>((resolve) => {
      pending = resolve;
    });
    const t0 = performance.now();
    await driver.commit(planned);
    lat.push((await seen) - t0);
  }
  watcher.close();
  return lat;
}

async function netcanvasRun(remote: string, app: Application) {
  const driver = await OvnDriver.connect({ remote, connectTimeoutMs: 10_000 });
  const [build] = await timed(() => driver.apply(app));
  const noop: number[] = [];
  for (let i = 0; i < 5; i++) noop.push((await timed(() => driver.apply(app)))[0]);
  const addOne: number[] = [];
  for (let i = 1; i <= 30; i++)
    addOne.push((await timed(() => driver.apply(withExtraPort(app, i))))[0]);
  const monitor = await commitToMonitor(remote, driver, app, 30);
  driver.close();
  return { build, noop: pct(noop, 50), addOneP99: pct(addOne, 99), monitorP99: pct(monitor, 99) };
}

/** Provisioning: netcanvas apply vs ovn-nbctl (per command, daemon mode), standalone and RAFT. */
export async function run(log: (line: string) => void): Promise<string> {
  const { stdout: nbctlVersion } = await exec('ovn-nbctl', ['--version']);
  const rows: string[] = [];
  for (const switches of SIZES) {
    const app = benchTopology(switches, PORTS);
    const cmds = nbctlCommands(switches, PORTS);
    const ports = switches * PORTS;
    log(`${ports} ports: netcanvas apply (standalone)`);
    let nb = await startOvsdbServer();
    const nc = await netcanvasRun(nb.tcpRemote, app).finally(() => nb.stop());
    let daemon: number | undefined;
    if (switches <= DAEMON_MAX) {
      log(`${ports} ports: ovn-nbctl daemon mode (${cmds.length} commands)`);
      nb = await startOvsdbServer();
      daemon = await nbctlDaemon(nb, cmds).finally(() => nb.stop());
    }
    let per: number | undefined;
    if (switches <= PER_COMMAND_MAX) {
      log(`${ports} ports: ovn-nbctl one process per command`);
      nb = await startOvsdbServer();
      per = await perCommand(nb, cmds).finally(() => nb.stop());
    }
    log(`${ports} ports: netcanvas apply (3-server RAFT)`);
    const cluster = await startOvsdbCluster();
    const raft = await netcanvasRun(cluster.remote, app).finally(() => cluster.stop());
    rows.push(
      `| ${ports} | ${cmds.length} | ${ms(nc.build)} | ${per === undefined ? 'not run' : ms(per)} | ${daemon === undefined ? 'not run' : ms(daemon)} | ${per === undefined ? '—' : (nc.build / per).toFixed(4)} | ${daemon === undefined ? '—' : (nc.build / daemon).toFixed(4)} | ${ms(nc.noop)} | ${ms(nc.addOneP99)} | ${ms(nc.monitorP99)} | ${ms(raft.build)} | ${ms(raft.noop)} | ${ms(raft.addOneP99)} | ${ms(raft.monitorP99)} |`,
    );
    log(rows.at(-1) ?? '');
  }
  return [
    `Peer: \`${nbctlVersion.split('\n')[0]}\`, the same network (switches × 92 ports, 2 ACLs per port, one address set per switch, a router on every switch) built into an empty NB. netcanvas sends it as one OVSDB transaction; ovn-nbctl runs one process per command, or one process per command against an \`ovn-nbctl --detach\` daemon. Targets (issue): netcanvas ≤ 0.1× per-command and ≤ 0.5× daemon-mode time; no-op re-apply < 200 ms. "not run": the peer was skipped at that size (\`BENCH_OVN_PER_COMMAND_MAX\` / \`BENCH_OVN_DAEMON_MAX\` switches) because it takes tens of minutes there; its time grows with the number of commands.`,
    '',
    '| ports | nbctl commands | netcanvas build | nbctl per-command | nbctl daemon | ratio vs per-command | ratio vs daemon | no-op re-apply (median of 5) | add one port p99 (30) | commit→monitor p99 (30) | RAFT build | RAFT no-op | RAFT add one p99 | RAFT commit→monitor p99 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
