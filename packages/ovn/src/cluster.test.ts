import { type Application, type NetworkObject, templateById } from '@netcanvas/model';
import { type OvsdbCluster, startOvsdbCluster } from '@netcanvas/ovsdb/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OvnDriver } from './driver.ts';
import { OvnError } from './errors.ts';
import type { ActualRow } from './reconcile.ts';

const VERSIONS = 30;
const KILL_AT = 12;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const workload = (i: number): NetworkObject => ({
  id: `w-${i}`,
  name: `w-${i}`,
  kind: 'workload',
  workloadType: 'vm',
  tags: ['tier=front'],
  nics: [{ id: 'eth0', switch: 'ls-front', ip: `10.10.1.${100 + i}` }],
});

/** version `v` of the app: the two-tier template plus workloads w-1 … w-v */
function version(v: number): Application {
  const base = templateById('two-tier').build({ id: 'stream', name: 'stream', tenant: 'acme' });
  const added = Array.from({ length: v }, (_, i) => workload(i + 1));
  return { ...base, version: v, objects: [...base.objects, ...added] };
}

/** For each workload w-i in the rows: is its LSP there (with its address), in the switch, in both port groups? */
function presence(rows: readonly ActualRow[]) {
  const byKey = new Map(
    rows.map((r) => [(r.row.external_ids as Record<string, string>)['netcanvas:key'], r]),
  );
  const refs = (key: string, column: string) => (byKey.get(key)?.row[column] ?? []) as string[];
  const out = new Map<number, { lsp: boolean; inSwitch: boolean; inGroups: boolean }>();
  for (let i = 1; i <= VERSIONS; i++) {
    const lsp = byKey.get(`lsp/w-${i}/eth0`);
    const parts = {
      lsp: lsp !== undefined && String(lsp.row.addresses).includes(`10.10.1.${100 + i}`),
      inSwitch: lsp !== undefined && refs('ls/ls-front', 'ports').includes(lsp.uuid),
      inGroups:
        lsp !== undefined &&
        refs('pg-all', 'ports').includes(lsp.uuid) &&
        refs('pg/g-front', 'ports').includes(lsp.uuid),
    };
    if (parts.lsp || parts.inSwitch || parts.inGroups) out.set(i, parts);
  }
  return out;
}

describe('applies across a RAFT leader failover', { timeout: 60_000 }, () => {
  let cluster: OvsdbCluster;
  let driver: OvnDriver;

  beforeAll(async () => {
    cluster = await startOvsdbCluster();
    driver = await OvnDriver.connect({ remote: cluster.remote });
  }, 20_000);
  afterAll(async () => {
    driver?.close();
    await cluster?.stop();
  });

  it('every acknowledged apply is present and none is half-present after the leader is killed mid-stream', async () => {
    const acknowledged: number[] = [];
    const failures: { version: number; code: string; committed: boolean }[] = [];
    const leader = cluster.members.find((m) => m.tcpRemote === driver.client.remote);
    expect(leader).toBeDefined();
    let killed: Promise<void> | undefined;

    for (let v = 1; v <= VERSIONS; v++) {
      const app = version(v);
      for (let attempt = 0; ; attempt++) {
        expect(attempt, `v${v} still failing`).toBeLessThan(200);
        try {
          const planned = await driver.plan(app);
          const commit = driver.commit(planned);
          // the leader dies with the commit of KILL_AT on the wire: its outcome is unknown
          if (v === KILL_AT && attempt === 0 && leader) killed = cluster.kill(leader);
          const result = await commit;
          if (failures.at(-1)?.version === v && failures.at(-1)?.committed)
            expect(result.changed, `v${v} committed before: the re-apply sends nothing`).toBe(
              false,
            );
          acknowledged.push(v);
          break;
        } catch (error) {
          const code = (error as OvnError).code;
          expect(error).toBeInstanceOf(OvnError);
          expect(['outcome-unknown', 'controller-unreachable', 'conflict']).toContain(code);
          // read back (once the cluster answers) whether it committed before retrying
          let rows: ActualRow[] | undefined;
          while (!rows)
            rows = await driver
              .readRows('acme/stream')
              .catch(() => sleep(50).then(() => undefined));
          const seen = presence(rows);
          for (const parts of seen.values())
            expect(parts).toEqual({ lsp: true, inSwitch: true, inGroups: true });
          failures.push({ version: v, code, committed: seen.has(v) });
        }
      }
    }
    await killed;

    expect(acknowledged).toEqual(Array.from({ length: VERSIONS }, (_, i) => i + 1));
    expect(failures.length).toBeGreaterThan(0);
    // the commit of KILL_AT may still be answered before the socket drops; then KILL_AT + 1 fails
    expect(failures.every((f) => f.version === KILL_AT || f.version === KILL_AT + 1)).toBe(true);
    expect(driver.client.remote).not.toBe(leader?.tcpRemote);

    const seen = presence(await driver.readRows('acme/stream'));
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(acknowledged);
    for (const parts of seen.values())
      expect(parts).toEqual({ lsp: true, inSwitch: true, inGroups: true });
    // ovn-nbctl on a surviving member sees the same: 30 of our ports on the switch, no orphans
    const survivor = cluster.members.find((m) => m !== leader);
    const ports = await cluster.nbctl(
      survivor as NonNullable<typeof survivor>,
      'lsp-list',
      'acme.stream.ls-front',
    );
    expect(ports.match(/acme\.stream\.w-\d+\.eth0/g)).toHaveLength(VERSIONS);
    const all = await cluster.nbctl(
      survivor as NonNullable<typeof survivor>,
      '--bare',
      '--columns=name',
      'list',
      'Logical_Switch_Port',
    );
    expect(all.match(/acme\.stream\.w-\d+\.eth0/g)).toHaveLength(VERSIONS);
    console.info(
      `failover: ${failures.map((f) => `v${f.version} ${f.code}${f.committed ? ' (had committed)' : ''}`).join(', ')}`,
    );
  });
});
