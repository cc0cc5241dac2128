import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyChanges } from './keyed-diff.ts';
import type { ServerMessage } from './protocol.ts';
import { type StreamFixture, settle, startStreamServer, TestClient } from './test-support.ts';
import type { PortLoad } from './topic-values.ts';

const TOPIC = 'app/acme/shop/ports';

function load(objectId: string, inBps: number): PortLoad {
  return {
    objectId,
    nicId: 'nic0',
    portName: objectId,
    agent: '10.0.0.1',
    ifIndex: 1,
    up: true,
    speedBps: 1e10,
    inBps,
    outBps: 0,
    inPps: 0,
    outPps: 0,
    inErrorsPerSec: 0,
    outErrorsPerSec: 0,
    inDropsPerSec: 0,
    outDropsPerSec: 0,
    atMs: 0,
  };
}

type Snapshot = Extract<ServerMessage, { type: 'snapshot' }>;
type Delta = Extract<ServerMessage, { type: 'delta' }>;

let fixture: StreamFixture | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await fixture?.close();
  fixture = undefined;
});

async function start(options: Parameters<typeof startStreamServer>[0] = {}) {
  fixture = await startStreamServer(options);
  return fixture;
}

async function open(url: string): Promise<TestClient> {
  const c = await TestClient.open(url);
  clients.push(c);
  return c;
}

describe('StreamHub over a WebSocket', () => {
  it('starts a subscription with a snapshot, then sends deltas with increasing revisions', async () => {
    const { url, hub } = await start();
    hub.publish(TOPIC, { 'vm1/nic0': load('vm1', 1) });
    hub.tick();
    const c = await open(url);
    c.send({ type: 'subscribe', topic: TOPIC });
    const snap = (await c.next()) as Snapshot;
    expect(snap).toMatchObject({ type: 'snapshot', topic: TOPIC, revision: 1 });
    expect(snap.state).toEqual({ 'vm1/nic0': load('vm1', 1) });

    hub.publish(TOPIC, { 'vm1/nic0': load('vm1', 2), 'vm2/nic0': load('vm2', 5) });
    hub.tick();
    hub.publish(TOPIC, { 'vm2/nic0': load('vm2', 5) });
    hub.tick();
    const d1 = (await c.next()) as Delta;
    const d2 = (await c.next()) as Delta;
    expect(d1).toMatchObject({ type: 'delta', revision: 2 });
    expect(Object.keys(d1.changes.set).sort()).toEqual(['vm1/nic0', 'vm2/nic0']);
    expect(d2).toMatchObject({
      type: 'delta',
      revision: 3,
      changes: { set: {}, removed: ['vm1/nic0'] },
    });
    // an unchanged state makes no revision
    hub.publish(TOPIC, { 'vm2/nic0': load('vm2', 5) });
    hub.tick();
    expect(await c.drain()).toEqual([]);
  });

  it('resumes a reconnecting client with exactly the deltas it missed', async () => {
    const { url, hub } = await start();
    const first = await open(url);
    first.send({ type: 'subscribe', topic: TOPIC });
    const snap = (await first.next()) as Snapshot;
    let state = snap.state;
    for (let i = 1; i <= 3; i++) {
      hub.publish(TOPIC, { 'vm1/nic0': load('vm1', i) });
      hub.tick();
      const d = (await first.next()) as Delta;
      state = applyChanges(state, d.changes);
    }
    await first.close();
    for (let i = 4; i <= 6; i++) {
      hub.publish(TOPIC, { 'vm1/nic0': load('vm1', i), [`vm${i}/nic0`]: load(`vm${i}`, i) });
      hub.tick();
    }
    const again = await open(url);
    again.send({ type: 'subscribe', topic: TOPIC, since: 3, epoch: snap.epoch });
    const missed = await again.drain(100);
    expect(missed.map((m) => [m.type, 'revision' in m ? m.revision : -1])).toEqual([
      ['delta', 4],
      ['delta', 5],
      ['delta', 6],
    ]);
    for (const m of missed) state = applyChanges(state, (m as Delta).changes);
    hub.publish(TOPIC, { 'vm1/nic0': load('vm1', 7) });
    hub.tick();
    const d7 = (await again.next()) as Delta;
    expect(d7.revision).toBe(7);
    state = applyChanges(state, d7.changes);
    expect(await again.drain()).toEqual([]);

    const fresh = await open(url);
    fresh.send({ type: 'subscribe', topic: TOPIC });
    expect(((await fresh.next()) as Snapshot).state).toEqual(state);
  });

  it('sends a snapshot when the missed deltas are no longer kept, or the epoch differs', async () => {
    const { url, hub } = await start({ historySize: 4 });
    const c = await open(url);
    c.send({ type: 'subscribe', topic: TOPIC });
    const snap = (await c.next()) as Snapshot;
    for (let i = 1; i <= 10; i++) {
      hub.publish(TOPIC, { 'vm1/nic0': load('vm1', i) });
      hub.tick();
    }
    await c.drain();
    c.send({ type: 'subscribe', topic: TOPIC, since: 2, epoch: snap.epoch });
    expect(await c.next()).toMatchObject({ type: 'snapshot', revision: 10 });
    c.send({ type: 'subscribe', topic: TOPIC, since: 8, epoch: 'other-server' });
    expect(await c.next()).toMatchObject({ type: 'snapshot', revision: 10 });
    // a revision from the future (another server's) is never trusted either
    c.send({ type: 'subscribe', topic: TOPIC, since: 99, epoch: snap.epoch });
    expect(await c.next()).toMatchObject({ type: 'snapshot', revision: 10 });
    c.send({ type: 'subscribe', topic: TOPIC, since: 7, epoch: snap.epoch });
    const resumed = await c.drain(100);
    expect(resumed.map((m) => m.type === 'delta' && m.revision)).toEqual([8, 9, 10]);
  });

  it('coalesces 100 publishes within a tick into one frame per client', async () => {
    const { url, hub } = await start({ rateHz: 20 });
    const a = await open(url);
    const b = await open(url);
    for (const c of [a, b]) {
      c.send({ type: 'subscribe', topic: TOPIC });
      await c.next();
    }
    hub.start();
    for (let i = 1; i <= 100; i++) hub.publish(TOPIC, { 'vm1/nic0': load('vm1', i) });
    await settle(200);
    for (const c of [a, b]) {
      const frames = await c.drain();
      expect(frames).toHaveLength(1);
      expect(frames[0]).toMatchObject({
        type: 'delta',
        revision: 1,
        changes: { set: { 'vm1/nic0': { inBps: 100 } } },
      });
    }
  });

  it('serializes each changed topic once per tick for 50 subscribers', async () => {
    const serialize = vi.fn((m: unknown) => JSON.stringify(m));
    const { url, hub } = await start({ serialize });
    const many = await Promise.all(Array.from({ length: 50 }, () => open(url)));
    for (const c of many) c.send({ type: 'subscribe', topic: TOPIC });
    const snapshots = await Promise.all(many.map((c) => c.next()));
    expect(new Set(snapshots.map((s) => s.type))).toEqual(new Set(['snapshot']));
    expect(serialize).toHaveBeenCalledTimes(1);
    for (let i = 1; i <= 3; i++) {
      serialize.mockClear();
      hub.publish(TOPIC, { 'vm1/nic0': load('vm1', i) });
      hub.publish('app/acme/shop/links', {});
      hub.tick();
      expect(serialize).toHaveBeenCalledTimes(1);
      const frames = await Promise.all(many.map((c) => c.next()));
      expect(new Set(frames.map((f) => f.type === 'delta' && f.revision))).toEqual(new Set([i]));
    }
    expect(fixture?.stream.metrics()).toMatchObject({
      clients: 50,
      subscriptions: 50,
      framesDropped: 0,
    });
  });
});
