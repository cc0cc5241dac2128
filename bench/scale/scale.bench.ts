import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Application, NetworkObject } from '@netcanvas/model';
import { startOvsdbServer } from '@netcanvas/ovsdb/testing';
import { startServer } from '../../apps/server/src/serve.ts';
import { ApiClient } from '../api-client.ts';
import { nbctlDaemon, timed } from '../ovn/nbctl.ts';
import { benchTopology, nbctlCommands } from '../ovn/topology.ts';

const exec = promisify(execFile);
const SIZES = (process.env.BENCH_SCALE_SIZES ?? '10,100,1000').split(',').map(Number);
const MEMORY_APPS = Number(process.env.BENCH_SCALE_APPS ?? 100);
const MEMORY_PORTS = Number(process.env.BENCH_SCALE_APP_PORTS ?? 100);
/** ovn-nbctl takes minutes past a few hundred workloads; the provisioning bench measures it larger */
const NBCTL_MAX = Number(process.env.BENCH_SCALE_NBCTL_MAX ?? 100);

const ms = (t: number) => `${t < 10 ? t.toFixed(1) : t.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** `size` workloads spread over switches of at most 100 ports, as the provisioning bench builds them. */
function shape(size: number): { switches: number; ports: number } {
  const switches = Math.max(1, Math.ceil(size / 100));
  return { switches, ports: Math.ceil(size / switches) };
}

/** One firewall policy per switch: a policy holds at most 1,000 rules (the model's limit). */
function appOf(size: number, id: string, tenant: string): Application {
  const { switches, ports } = shape(size);
  const base = benchTopology(switches, ports);
  const objects = base.objects.flatMap((o): NetworkObject[] => {
    if (o.kind !== 'firewall') return [o];
    return Array.from({ length: switches }, (_, s) => ({
      ...o,
      id: `fw${s}`,
      name: `fw${s}`,
      rules: o.rules.filter((r) => r.id.startsWith(`vm${s}-`)),
    }));
  });
  return { ...base, objects, id, name: id, tenant };
}

const rssOf = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

/** Plan, apply, snapshot and restore at growing app sizes, and server memory with many apps. */
export async function run(log: (line: string) => void): Promise<string> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'netcanvas-bench-scale-'));
  let password = '';
  const server = await startServer({
    port: 0,
    dataDir,
    consoleDir: null,
    logLevel: 'silent',
    sflowPort: null,
    onFirstRun: (admin) => {
      password = admin.password;
    },
  });
  const api = new ApiClient(server.url);
  const siteA = await startOvsdbServer();
  const siteB = await startOvsdbServer();
  const rows: string[] = [];
  let memory = '';
  try {
    await api.login('admin', password);
    const a = (await api.call('POST', '/api/tenants/default/controllers', {
      name: 'site-a',
      kind: 'ovn',
      remote: siteA.tcpRemote,
    })) as { id: number };
    const b = (await api.call('POST', '/api/tenants/default/controllers', {
      name: 'site-b',
      kind: 'ovn',
      remote: siteB.tcpRemote,
    })) as { id: number };
    const sandbox = (
      (await api.call('GET', '/api/tenants/default/controllers')) as {
        id: number;
        kind: string;
      }[]
    ).find((c) => c.kind === 'sandbox');

    for (const size of SIZES) {
      const id = `scale${size}`;
      const app = appOf(size, id, 'default');
      log(`${size} workloads: save, plan, apply, snapshot, restore at site B`);
      const [save] = await timed(() => api.call('POST', '/api/tenants/default/apps', { app }));
      const [planT, plan] = await timed(() =>
        api.call('POST', `/api/tenants/default/apps/${id}/plan`, { controller: a.id }),
      );
      const [applyT] = await timed(() =>
        api.call('POST', `/api/tenants/default/apps/${id}/apply`, { planId: plan.planId }),
      );
      const [noopT] = await timed(async () => {
        const p = await api.call('POST', `/api/tenants/default/apps/${id}/plan`, {
          controller: a.id,
        });
        await api.call('POST', `/api/tenants/default/apps/${id}/apply`, { planId: p.planId });
      });
      const [snapT, snap] = await timed(() =>
        api.call('POST', `/api/tenants/default/apps/${id}/snapshots`, { controller: a.id }),
      );
      const [restoreT] = await timed(async () => {
        const p = await api.call(
          'POST',
          `/api/tenants/default/apps/${id}/snapshots/${snap.id}/restore-plan`,
          { controller: b.id },
        );
        await api.call('POST', `/api/tenants/default/apps/${id}/apply`, { planId: p.planId });
      });
      // peers, same work on the same machine: the network by ovn-nbctl (daemon mode) into a
      // fresh NB; the NB read whole by ovsdb-client (snapshot); a backup file restored into a fresh NB
      const { switches, ports } = shape(size);
      let nbctl: number | undefined;
      if (size <= NBCTL_MAX) {
        const fresh = await startOvsdbServer();
        nbctl = await nbctlDaemon(fresh, nbctlCommands(switches, ports)).finally(() =>
          fresh.stop(),
        );
      }
      const [dumpT, dump] = await timed(() =>
        exec('ovsdb-client', ['backup', siteA.unixRemote, 'OVN_Northbound'], {
          maxBuffer: 1 << 30,
        }),
      );
      const backup = path.join(dataDir, `nb-${size}.db`);
      writeFileSync(backup, dump.stdout);
      const target = await startOvsdbServer();
      const [restorePeerT] = await timed(() =>
        exec('sh', [
          '-c',
          `ovsdb-client --force restore ${target.unixRemote} OVN_Northbound < ${backup}`,
        ]),
      ).finally(() => target.stop());
      rows.push(
        `| ${size} | ${plan.summary.insert} | ${ms(save)} | ${ms(planT)} | ${ms(applyT)} | ${nbctl === undefined ? 'not run' : ms(nbctl)} | ${nbctl === undefined ? '—' : (applyT / nbctl).toFixed(3)} | ${ms(noopT)} | ${ms(snapT)} | ${ms(dumpT)} | ${ms(restoreT)} | ${ms(restorePeerT)} |`,
      );
      log(rows.at(-1) ?? '');
    }

    log(`memory: ${MEMORY_APPS} apps × ${MEMORY_PORTS} ports applied to the sandbox and to site A`);
    global.gc?.();
    const before = process.memoryUsage().rss;
    for (let i = 0; i < MEMORY_APPS; i++) {
      const id = `m${i}`;
      const app = appOf(MEMORY_PORTS, id, 'default');
      await api.call('POST', '/api/tenants/default/apps', { app });
      for (const controller of [sandbox?.id, a.id]) {
        if (controller === undefined) continue;
        const p = await api.call('POST', `/api/tenants/default/apps/${id}/plan`, { controller });
        await api.call('POST', `/api/tenants/default/apps/${id}/apply`, { planId: p.planId });
      }
      if (i % 20 === 19)
        log(`  ${i + 1} apps, server process rss ${mb(process.memoryUsage().rss)}`);
    }
    global.gc?.();
    const after = process.memoryUsage().rss;
    const nbRss = rssOf(siteA.pid);
    memory = [
      `| apps | ports | netcanvas server RSS before | after | growth | per 1,000 ports | ovsdb-server (site A NB) RSS holding the same rows | ratio |`,
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      `| ${MEMORY_APPS} | ${MEMORY_APPS * MEMORY_PORTS} | ${mb(before)} | ${mb(after)} | ${mb(after - before)} | ${mb(((after - before) / (MEMORY_APPS * MEMORY_PORTS)) * 1000)} | ${mb(nbRss)} | ${(after / nbRss).toFixed(1)}× |`,
    ].join('\n');
  } finally {
    await server.close();
    await siteA.stop();
    await siteB.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return [
    "Each size is one app of N workloads (switches of up to 100 ports, two ACLs per port in a firewall policy per switch, an address set per switch, a router on every switch — the provisioning bench's network), driven through the real server's REST API as the console drives it: save (POST …/apps), plan, apply to a real OVN NB (site A), a no-op plan+apply, snapshot (read back from site A), and restore at site B (restore-plan + apply into a second NB). Peers on the same machine, same network: `ovn-nbctl` in daemon mode building it into a fresh NB; `ovsdb-client backup` reading the whole NB (what a snapshot must at least read); `ovsdb-client restore` of that backup into a fresh NB (whole-database, not per-app).",
    '',
    '| workloads | NB rows created | save | plan | apply | ovn-nbctl daemon build | apply ÷ nbctl | no-op plan+apply | snapshot | ovsdb-client backup | restore at site B | ovsdb-client restore |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Server memory: ${MEMORY_APPS} apps of ${MEMORY_PORTS} workload ports each, every one saved and applied to the sandbox and to site A (so the server keeps a live monitored copy of each app's NB rows and a drift watch per app). RSS of the server's process (the bench runs it in-process; the client side is a few sockets), against the RSS of the ovsdb-server holding site A's NB with the same rows.`,
    '',
    memory,
  ].join('\n');
}
