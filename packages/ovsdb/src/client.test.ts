import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OvsdbClient } from './client.ts';
import { OvsdbError, TransactionError } from './errors.ts';
import type * as Nb from './nb.gen.ts';
import { comment, type Operation, SchemaOperations } from './operations.ts';
import { DatabaseReplica, type RowChange } from './replica.ts';
import type { DatabaseSchema } from './schema.ts';
import { type StandaloneServer, startOvsdbServer } from './testing/ovsdb-server.ts';
import { namedUuid } from './values.ts';

const NB = 'OVN_Northbound';

let server: StandaloneServer;
let client: OvsdbClient;
let schema: DatabaseSchema;
let nb: SchemaOperations<Nb.Tables>;

beforeAll(async () => {
  server = await startOvsdbServer();
  client = await OvsdbClient.connect({ remote: server.unixRemote, database: NB });
  schema = await client.getSchema(NB);
  nb = new SchemaOperations<Nb.Tables>(schema);
});

afterAll(async () => {
  client?.close();
  await server?.stop();
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

function until<T>(check: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const value = check();
      if (value !== undefined) resolve(value);
      else if (Date.now() - started > timeoutMs) reject(new Error('condition not met in time'));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

describe('OvsdbClient against a real ovsdb-server', () => {
  it('lists databases and reads the NB schema', async () => {
    expect(await client.listDbs()).toEqual(expect.arrayContaining([NB, '_Server']));
    expect(schema.name).toBe(NB);
    expect(schema.version).toBe('7.0.0');
    expect(schema.tables.Logical_Switch_Port?.columns.addresses?.type.max).toBe(Infinity);
    expect(client.status).toMatchObject({ model: 'standalone', leader: true, connected: true });
  });

  it('inserts rows that reference each other by uuid-name, then selects them', async () => {
    const results = await client.transact(NB, [
      nb.insert('Logical_Switch', {
        name: 'web',
        ports: [namedUuid('web1'), namedUuid('web2')],
        external_ids: { 'netcanvas:app': 'shop' },
      }),
      nb.insert('Logical_Switch_Port', { name: 'web-1', addresses: ['00:00:00:00:00:01'] }, 'web1'),
      nb.insert('Logical_Switch_Port', { name: 'web-2', tag_request: 7 }, 'web2'),
      comment('netcanvas test insert'),
    ]);
    expect(results).toHaveLength(4);
    const [selected] = await client.transact(NB, [
      nb.select('Logical_Switch', [['name', '==', 'web']]),
      nb.select('Logical_Switch_Port', [['name', 'includes', 'web-1']]),
    ]);
    const [web] = nb.rows('Logical_Switch', selected);
    expect(web?.external_ids).toEqual({ 'netcanvas:app': 'shop' });
    const ports = await client.transact(NB, [
      nb.select('Logical_Switch_Port', [], ['_uuid', 'name', 'tag_request']),
    ]);
    const portRows = nb.rows('Logical_Switch_Port', ports[0]);
    expect(new Set(web?.ports)).toEqual(new Set(portRows.map((p) => p._uuid)));
    expect(portRows.find((p) => p.name === 'web-2')?.tag_request).toBe(7);
  });

  it('reports an operation error with its index and applies nothing', async () => {
    const ops: Operation[] = [
      nb.insert('Logical_Switch', { name: 'never' }),
      { op: 'insert', table: 'Logical_Switch', row: { no_such_column: 1 } },
    ];
    const error = await rejection(client.transact(NB, ops));
    expect(error).toBeInstanceOf(TransactionError);
    expect(error).toMatchObject({ code: 'TRANSACTION_ERROR', operationIndex: 1 });
    expect((error as TransactionError).error).toBe('unknown column');
    const [found] = await client.transact(NB, [
      nb.select('Logical_Switch', [['name', '==', 'never']]),
    ]);
    expect(nb.rows('Logical_Switch', found)).toEqual([]);
  });

  it('reports a failed commit (dangling reference) at index = number of operations', async () => {
    const ops = [
      nb.insert('Logical_Switch', {
        name: 'dangling',
        ports: ['7a5a5a5a-0000-4000-8000-000000000000' as Nb.Logical_Switch['ports'][number]],
      }),
    ];
    const error = await rejection(client.transact(NB, ops));
    expect(error).toMatchObject({ code: 'TRANSACTION_ERROR', operationIndex: 1 });
    expect((error as TransactionError).error).toBe('referential integrity violation');
  });

  it('fails a wait guard when a concurrent writer changed the table', async () => {
    const [before] = await client.transact(NB, [nb.select('Logical_Switch', [], ['name'])]);
    const names = nb.rows('Logical_Switch', before).map((row) => ({ name: row.name }));
    const guard = nb.wait('Logical_Switch', [], ['name'], '==', names, 0);
    await client.transact(NB, [guard]); // holds while nothing changed
    await server.nbctl('ls-add', 'concurrent');
    const error = await rejection(
      client.transact(NB, [guard, nb.insert('Logical_Switch', { name: 'guarded' })]),
    );
    expect(error).toMatchObject({
      code: 'TRANSACTION_ERROR',
      operationIndex: 0,
      error: 'timed out',
    });
  });

  it('monitor_cond_since delivers changes made by ovn-nbctl, filtered by condition', async () => {
    const replica = new DatabaseReplica<Nb.Tables>(schema);
    const changes: RowChange[] = [];
    const monitor = await client.monitorCondSince(
      NB,
      { Logical_Switch: { where: [['name', '!=', 'ignored']] } },
      (event) => changes.push(...replica.apply(event)),
    );
    expect(monitor.lastTxnId).toBe('00000000-0000-0000-0000-000000000000');
    await server.nbctl('ls-add', 'watched');
    await server.nbctl('ls-add', 'ignored');
    await server.nbctl('set', 'Logical_Switch', 'watched', 'other_config:mcast_snoop=true');
    const row = await until(() =>
      [...replica.rows('Logical_Switch').values()].find(
        (ls) => ls.name === 'watched' && ls.other_config.mcast_snoop === 'true',
      ),
    );
    expect(row.ports).toEqual([]);
    expect(changes.some((change) => change.new?.name === 'ignored')).toBe(false);
    await server.nbctl('ls-del', 'watched');
    await until(() => changes.find((change) => change.old?.name === 'watched' && !change.new));
    await monitor.cancel();
  });

  it('plain monitor and monitor_cond deliver initial contents and updates', async () => {
    const kinds: string[] = [];
    const plain = new DatabaseReplica<Nb.Tables>(schema);
    const cond = new DatabaseReplica<Nb.Tables>(schema);
    const m1 = await client.monitor(NB, { Logical_Switch: { columns: ['name'] } }, (event) => {
      kinds.push(`${event.format}:${event.kind}`);
      plain.apply(event);
    });
    const m2 = await client.monitorCond(NB, { Logical_Switch: {} }, (event) => cond.apply(event));
    expect(kinds[0]).toBe('1:initial');
    expect([...plain.rows('Logical_Switch').values()].map((ls) => ls.name)).toContain('web');
    await server.nbctl('ls-add', 'both');
    await until(() => [...cond.rows('Logical_Switch').values()].find((ls) => ls.name === 'both'));
    await until(() => [...plain.rows('Logical_Switch').values()].find((ls) => ls.name === 'both'));
    await client.monitorCancel(m1.id);
    await m2.cancel();
  });

  it('answers echo', async () => {
    expect(await client.echo('ping', 1)).toEqual(['ping', 1]);
  });

  it('hands a lock to the next waiter, and reports a steal', async () => {
    const other = await OvsdbClient.connect({ remote: server.tcpRemote });
    try {
      expect(await client.lock('netcanvas_apply')).toBe(true);
      const granted = new Promise((resolve) => other.once('locked', resolve));
      expect(await other.lock('netcanvas_apply')).toBe(false);
      await client.unlock('netcanvas_apply');
      expect(await granted).toBe('netcanvas_apply');
      const stolen = new Promise((resolve) => other.once('stolen', resolve));
      expect(await client.steal('netcanvas_apply')).toBe(true);
      expect(await stolen).toBe('netcanvas_apply');
      await client.unlock('netcanvas_apply');
    } finally {
      other.close();
    }
  });

  it('connects over tcp as well as unix', async () => {
    const tcp = await OvsdbClient.connect({ remote: server.tcpRemote, database: NB });
    try {
      expect(tcp.remote).toBe(server.tcpRemote);
      expect(await tcp.listDbs()).toContain(NB);
    } finally {
      tcp.close();
    }
  });

  it('rejects calls after close with NOT_CONNECTED', async () => {
    const shortLived = await OvsdbClient.connect({ remote: server.unixRemote });
    shortLived.close();
    const error = await rejection(shortLived.listDbs());
    expect(error).toBeInstanceOf(OvsdbError);
    expect(error).toMatchObject({ code: 'NOT_CONNECTED' });
  });

  it('fails to connect to a remote that is not there', async () => {
    const error = await rejection(
      OvsdbClient.connect({ remote: `unix:${server.dir}/nothing.sock`, connectTimeoutMs: 300 }),
    );
    expect(error).toMatchObject({ code: 'CONNECT_FAILED' });
  });
});
