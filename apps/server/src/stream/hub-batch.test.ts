import { afterEach, describe, expect, it } from 'vitest';
import { StreamHub, type StreamPeer } from './hub.ts';
import type { ServerMessage } from './protocol.ts';
import { type StreamFixture, startStreamServer, TestClient } from './test-support.ts';

const PORTS = 'app/acme/shop/ports';
const LINKS = 'app/acme/shop/links';
const FLOWS = 'app/acme/shop/flows';

let fixture: StreamFixture | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await fixture?.close();
  fixture = undefined;
});

async function open(url: string, batch: boolean): Promise<TestClient> {
  const c = await TestClient.open(url, 'alice', { batch });
  clients.push(c);
  return c;
}

/** A peer that keeps what the hub writes to it, with a backlog the test sets. */
class RecordingPeer implements StreamPeer {
  bufferedAmount = 0;
  readonly writes: Buffer[] = [];

  send(data: string | Buffer, options: { readonly binary: boolean }): void {
    expect(options.binary).toBe(false);
    this.writes.push(typeof data === 'string' ? Buffer.from(data) : data);
  }

  /** Messages written since the last call, parsed. */
  take(): ServerMessage[] {
    return this.writes.splice(0).map((b) => JSON.parse(b.toString('utf8')) as ServerMessage);
  }
}

const topicsOf = (m: ServerMessage | undefined) =>
  m?.type === 'batch'
    ? m.frames.map((f) => `${f.type} ${f.topic} ${f.revision}`)
    : m && 'topic' in m && 'revision' in m
      ? [`${m.type} ${m.topic} ${m.revision}`]
      : [];

describe('batched delivery', () => {
  it('sends a batching client one message per tick with its frames in commit order', async () => {
    fixture = await startStreamServer();
    const { hub, url } = fixture;
    const batching = await open(url, true);
    const legacy = await open(url, false);
    for (const c of [batching, legacy]) {
      for (const topic of [PORTS, LINKS, FLOWS]) c.send({ type: 'subscribe', topic });
      for (let i = 0; i < 3; i++) expect((await c.next()).type).toBe('snapshot');
    }
    const before = { batching: batching.messages.length, legacy: legacy.messages.length };
    for (let tick = 1; tick <= 3; tick++) {
      // flows first: the order of the frames is the order topics changed, not of subscribing
      hub.publish(FLOWS, { [`f${tick}`]: { bytesPerSec: tick } } as never);
      hub.publish(PORTS, { [`p${tick}`]: { inBps: tick } } as never);
      hub.publish(LINKS, { [`l${tick}`]: { up: true } } as never);
      hub.tick();
    }
    const expected = [1, 2, 3].flatMap((r) =>
      [FLOWS, PORTS, LINKS].map((topic) => `delta ${topic} ${r}`),
    );
    const got = async (c: TestClient) => {
      const frames: ServerMessage[] = [];
      while (frames.length < expected.length) frames.push(await c.next());
      return frames.flatMap(topicsOf);
    };
    expect(await got(batching)).toEqual(expected);
    expect(await got(legacy)).toEqual(expected);
    expect(batching.messages.length - before.batching).toBe(3);
    expect(legacy.messages.length - before.legacy).toBe(9);
    expect(batching.messages.at(-1)?.type).toBe('batch');
    // the batch carries what separate frames carry: state applies the same way
    const last = batching.messages.at(-1);
    expect(last?.type === 'batch' && last.frames[0]).toMatchObject({
      type: 'delta',
      topic: FLOWS,
      revision: 3,
      changes: { set: { f3: { bytesPerSec: 3 } }, removed: ['f2'] },
    });
  });

  it('writes once per client per tick, one shared Buffer for clients with the same topics', () => {
    const hub = new StreamHub();
    const peers = Array.from({ length: 4 }, () => new RecordingPeer());
    const [a, b, portsOnly, legacy] = peers as [
      RecordingPeer,
      RecordingPeer,
      RecordingPeer,
      RecordingPeer,
    ];
    const subscribe = (peer: RecordingPeer, batch: boolean, topics: string[]) => {
      const client = hub.connect(peer, { batch });
      for (const t of topics) client.subscribe(t as typeof PORTS);
      peer.take();
      return client;
    };
    const clientA = subscribe(a, true, [PORTS, LINKS, FLOWS]);
    subscribe(b, true, [FLOWS, LINKS, PORTS]);
    subscribe(portsOnly, true, [PORTS, 'app/acme/other/ports']);
    subscribe(legacy, false, [PORTS, LINKS]);

    hub.publish(PORTS, { p: { inBps: 1 } } as never);
    hub.publish(LINKS, { l: { up: true } } as never);
    hub.tick();
    expect(peers.map((p) => p.writes.length)).toEqual([1, 1, 1, 2]);
    // one encoded batch for both, not one per client
    expect(b.writes[0]).toBe(a.writes[0]);
    // a lone frame goes out as is, the very bytes every other receiver of that frame gets
    expect(portsOnly.writes[0]).toBe(legacy.writes[0]);
    expect(topicsOf(a.take()[0])).toEqual([`delta ${PORTS} 1`, `delta ${LINKS} 1`]);
    expect(portsOnly.take()[0]).toMatchObject({ type: 'delta', topic: PORTS, revision: 1 });
    expect(legacy.take().flatMap(topicsOf)).toEqual([`delta ${PORTS} 1`, `delta ${LINKS} 1`]);
    b.take();

    // nothing changed: nothing written
    hub.tick();
    expect(peers.map((p) => p.writes.length)).toEqual([0, 0, 0, 0]);
    expect(clientA.stats()).toMatchObject({ framesSent: 5, messagesSent: 4, framesDropped: 0 });
    expect(hub.metrics()).toMatchObject({ framesSent: 17, messagesSent: 15, serializations: 6 });
  });

  it('skips a slow batching client, resyncs it with snapshots, then batches again', () => {
    const hub = new StreamHub({ maxBufferedBytes: 1000 });
    const slow = new RecordingPeer();
    const fast = new RecordingPeer();
    for (const peer of [slow, fast]) {
      const client = hub.connect(peer, { batch: true });
      client.subscribe(PORTS);
      client.subscribe(FLOWS);
    }
    expect(slow.take().map((m) => m.type)).toEqual(['snapshot', 'snapshot']);
    fast.take();

    slow.bufferedAmount = 5000;
    for (let tick = 1; tick <= 3; tick++) {
      hub.publish(PORTS, { p: { inBps: tick } } as never);
      hub.publish(FLOWS, { f: { bytesPerSec: tick } } as never);
      hub.tick();
    }
    expect(slow.writes).toHaveLength(0);
    expect(fast.take().map((m) => topicsOf(m).length)).toEqual([2, 2, 2]);
    expect(hub.metrics()).toMatchObject({ framesDropped: 6, staleSubscriptions: 2 });

    slow.bufferedAmount = 0;
    hub.tick();
    const resync = slow.take();
    expect(resync.map((m) => m.type)).toEqual(['snapshot', 'snapshot']);
    expect(resync[0]).toMatchObject({ topic: PORTS, revision: 3, state: { p: { inBps: 3 } } });
    expect(resync[1]).toMatchObject({
      topic: FLOWS,
      revision: 3,
      state: { f: { bytesPerSec: 3 } },
    });
    expect(hub.metrics().staleSubscriptions).toBe(0);

    hub.publish(PORTS, { p: { inBps: 4 } } as never);
    hub.publish(FLOWS, { f: { bytesPerSec: 4 } } as never);
    hub.tick();
    const [next] = slow.take();
    expect(topicsOf(next)).toEqual([`delta ${PORTS} 4`, `delta ${FLOWS} 4`]);
    expect(slow.writes).toHaveLength(0);
    expect(fast.writes[0]).toBeDefined();
  });

  it('sends a resuming batching client its missed deltas in one message', async () => {
    fixture = await startStreamServer();
    const { hub, url } = fixture;
    const c = await open(url, true);
    c.send({ type: 'subscribe', topic: PORTS });
    const snap = await c.next();
    expect(snap.type).toBe('snapshot');
    for (let tick = 1; tick <= 3; tick++) {
      hub.publish(PORTS, { p: { inBps: tick } } as never);
      hub.tick();
    }
    await c.drain();
    const again = await open(url, true);
    again.send({
      type: 'subscribe',
      topic: PORTS,
      since: 1,
      epoch: snap.type === 'snapshot' ? snap.epoch : '',
    });
    const frames = [await again.next(), await again.next()];
    expect(frames.flatMap(topicsOf)).toEqual([`delta ${PORTS} 2`, `delta ${PORTS} 3`]);
    expect(again.messages.map((m) => m.type)).toEqual(['batch']);
  });
});
