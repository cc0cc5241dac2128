import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OvsdbClient } from './client.ts';
import type { MonitorEventKind } from './monitor.ts';
import type * as Nb from './nb.gen.ts';
import { type Operation, SchemaOperations } from './operations.ts';
import { DatabaseReplica } from './replica.ts';
import { type OvsdbCluster, startOvsdbCluster } from './testing/ovsdb-server.ts';

const NB = 'OVN_Northbound';

let cluster: OvsdbCluster;
let client: OvsdbClient;

beforeAll(async () => {
  cluster = await startOvsdbCluster();
  client = await OvsdbClient.connect({
    remote: cluster.remote,
    database: NB,
    reconnect: { initialDelayMs: 50, maxDelayMs: 500 },
  });
}, 20_000);

afterAll(async () => {
  client?.close();
  await cluster?.stop();
});

function until<T>(check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const value = check();
      if (value !== undefined) resolve(value);
      else if (Date.now() - started > timeoutMs) reject(new Error('condition not met in time'));
      else setTimeout(poll, 20);
    };
    poll();
  });
}

describe('OvsdbClient against a 3-member RAFT cluster', () => {
  it('connects to the leader, survives its death and resumes the monitor without loss', async () => {
    expect(client.status).toMatchObject({ model: 'clustered', leader: true, connected: true });
    const schema = await client.getSchema(NB);
    const nb = new SchemaOperations<Nb.Tables>(schema);
    const replica = new DatabaseReplica<Nb.Tables>(schema);
    const inserted = new Map<string, number>();
    const kinds: MonitorEventKind[] = [];
    const monitor = await client.monitorCondSince(
      NB,
      { Logical_Switch: { columns: ['name'] } },
      (event) => {
        kinds.push(event.kind);
        for (const change of replica.apply(event)) {
          if (!change.old && change.new) {
            const name = String(change.new.name);
            inserted.set(name, (inserted.get(name) ?? 0) + 1);
          }
        }
      },
    );
    for (const name of ['before-1', 'before-2']) {
      await client.transact(NB, [nb.insert('Logical_Switch', { name })]);
    }
    await until(() => (inserted.has('before-2') ? true : undefined));
    expect(monitor.lastTxnId).not.toBe('00000000-0000-0000-0000-000000000000');

    const leader = cluster.members.find((member) => member.tcpRemote === client.remote);
    expect(leader).toBeDefined();
    const survivors = cluster.members.filter((member) => member !== leader);
    const events: string[] = [];
    client.on('disconnected', (error) => events.push(`disconnected:${error?.code ?? 'clean'}`));
    client.on('leader-changed', () => events.push('leader-changed'));
    const reconnected = new Promise((resolve) => client.once('connected', resolve));

    // a transaction the server holds (a wait that can only time out) is in flight at the kill
    const [current] = await client.transact(NB, [nb.select('Logical_Switch', [], ['name'])]);
    const blocking: Operation = nb.wait(
      'Logical_Switch',
      [],
      ['name'],
      '!=',
      nb.rows('Logical_Switch', current).map((row) => ({ name: row.name })),
      30_000,
    );
    const inFlight = client.transact(NB, [blocking]).then(
      () => 'committed',
      (error: { code?: string }) => error.code,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await cluster.kill(leader as (typeof cluster.members)[number]);
    expect(await inFlight).toBe('TRANSACTION_OUTCOME_UNKNOWN');

    // writes during the outage go through a surviving member
    for (const name of ['during-1', 'during-2', 'during-3']) {
      await cluster.nbctl(survivors[0] as (typeof survivors)[number], 'ls-add', name);
    }
    await reconnected;
    expect(survivors.map((member) => member.tcpRemote)).toContain(client.remote);
    expect(events).toEqual(['disconnected:CONNECTION_CLOSED', 'leader-changed']);
    await client.transact(NB, [nb.insert('Logical_Switch', { name: 'after-1' })]);

    const expected = ['before-1', 'before-2', 'during-1', 'during-2', 'during-3', 'after-1'];
    await until(() => (expected.every((name) => inserted.has(name)) ? true : undefined));
    for (const name of expected) expect(inserted.get(name), name).toBe(1);
    expect(replica.rows('Logical_Switch').size).toBe(expected.length);
    // the new leader still had the history: the monitor resumed instead of resyncing
    expect(kinds).not.toContain('resync');
  }, 40_000);
});
