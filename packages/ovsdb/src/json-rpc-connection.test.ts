import { afterEach, describe, expect, it } from 'vitest';
import { OvsdbClient } from './client.ts';
import type { OvsdbError } from './errors.ts';
import { type FakePeer, reply, startFakePeer } from './testing/fake-peer.ts';

let peer: FakePeer | undefined;
let client: OvsdbClient | undefined;

afterEach(async () => {
  client?.close();
  await peer?.close();
  client = undefined;
  peer = undefined;
});

function disconnection(c: OvsdbClient): Promise<OvsdbError | undefined> {
  return new Promise((resolve) => c.once('disconnected', resolve));
}

describe('JSON-RPC session behaviour (scripted peer)', () => {
  it("answers the server's echo with the same params", async () => {
    const answered = new Promise<unknown>((resolve) => {
      void startFakePeer((message, socket) => {
        if (message.method === 'list_dbs') {
          socket.write('{"method":"echo","params":["probe",42],"id":"echo"}');
          reply(socket, message, []);
        } else if (message.id === 'echo') resolve(message);
      }).then(async (p) => {
        peer = p;
        client = await OvsdbClient.connect({ remote: p.remote });
        await client.listDbs();
      });
    });
    expect(await answered).toEqual({ id: 'echo', result: ['probe', 42], error: null });
  });

  it('drops a silent peer after the inactivity probe goes unanswered', async () => {
    peer = await startFakePeer(() => undefined);
    client = await OvsdbClient.connect({
      remote: peer.remote,
      inactivityProbeMs: 100,
      reconnect: false,
    });
    const started = Date.now();
    expect(await disconnection(client)).toMatchObject({ code: 'INACTIVITY_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('keeps an answering peer alive across probes', async () => {
    peer = await startFakePeer((message, socket) => {
      if (message.method === 'echo') reply(socket, message, message.params);
    });
    client = await OvsdbClient.connect({ remote: peer.remote, inactivityProbeMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(client.connected).toBe(true);
  });

  it('times out an unanswered request', async () => {
    peer = await startFakePeer(() => undefined);
    client = await OvsdbClient.connect({ remote: peer.remote });
    await expect(client.listDbs({ timeoutMs: 50 })).rejects.toMatchObject({
      code: 'REQUEST_TIMEOUT',
    });
    await expect(client.transact('db', [], { timeoutMs: 50 })).rejects.toMatchObject({
      code: 'TRANSACTION_OUTCOME_UNKNOWN',
    });
  });

  it('rejects an in-flight transaction as outcome-unknown when the connection dies', async () => {
    peer = await startFakePeer((message, socket) => {
      if (message.method === 'transact') socket.destroy();
    });
    client = await OvsdbClient.connect({ remote: peer.remote, reconnect: false });
    const error = await client
      .transact('db', [{ op: 'comment', comment: 'x' }])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TRANSACTION_OUTCOME_UNKNOWN' });
    expect((error as Error).message).toMatch(/may or may not have been committed/);
  });

  it('rejects other pending calls with CONNECTION_CLOSED', async () => {
    peer = await startFakePeer((message, socket) => {
      if (message.method === 'get_schema') socket.destroy();
    });
    client = await OvsdbClient.connect({ remote: peer.remote, reconnect: false });
    await expect(client.getSchema('db')).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
  });

  it('closes on malformed input with a framing error and reconnects', async () => {
    let connections = 0;
    peer = await startFakePeer((message, socket) => {
      if (message.method !== 'list_dbs') return;
      connections += 1;
      if (connections === 1) socket.write('{"id":1,"result":[]} not json');
      else reply(socket, message, ['again']);
    });
    client = await OvsdbClient.connect({ remote: peer.remote, reconnect: { initialDelayMs: 10 } });
    const lost = disconnection(client);
    await client.listDbs().catch(() => undefined);
    expect(await lost).toMatchObject({ code: 'FRAME_MALFORMED' });
    await new Promise((resolve) => client?.once('connected', resolve));
    expect(await client.listDbs()).toEqual(['again']);
  });

  it('surfaces a top-level error as RPC_ERROR', async () => {
    peer = await startFakePeer((message, socket) => {
      socket.write(
        JSON.stringify({
          id: message.id,
          result: null,
          error: { error: 'unknown database', details: 'nope' },
        }),
      );
    });
    client = await OvsdbClient.connect({ remote: peer.remote });
    await expect(client.getSchema('nope')).rejects.toMatchObject({
      code: 'RPC_ERROR',
      message: 'get_schema failed: unknown database (nope)',
    });
  });
});
