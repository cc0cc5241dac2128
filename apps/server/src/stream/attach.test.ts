import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type StreamFixture, settle, startStreamServer, TestClient } from './test-support.ts';

let fixture: StreamFixture | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await fixture?.close();
  fixture = undefined;
});

async function open(url: string, token?: string, options?: { autoPong?: boolean }) {
  const c = await TestClient.open(url, token, options);
  clients.push(c);
  return c;
}

function refusal(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => reject(new Error('the upgrade was accepted')));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
  });
}

describe('attachStream', () => {
  it('refuses upgrades without credentials, from other sites, or on other paths', async () => {
    fixture = await startStreamServer();
    expect(await refusal(fixture.url, {})).toBe(401);
    expect(await refusal(fixture.url, { authorization: 'Bearer nobody' })).toBe(401);
    expect(
      await refusal(fixture.url, { authorization: 'Bearer alice', origin: 'https://evil.example' }),
    ).toBe(403);
    expect(await refusal(fixture.url.replace('/api/stream', '/api/other'), {})).toBe(404);
    expect(fixture.stream.metrics()).toMatchObject({ clients: 0, upgradesRefused: 4 });
    const ok = await open(fixture.url, 'alice');
    expect(ok.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('answers a forbidden topic with an error frame and never sends its data', async () => {
    fixture = await startStreamServer();
    const { hub, url } = fixture;
    hub.publish('app/globex/secret/ports', {});
    hub.publish('app/globex/secret/links', {
      'vm1/nic0': {
        objectId: 'vm1',
        nicId: 'nic0',
        toSwitchBps: 1,
        fromSwitchBps: 1,
        utilization: 0,
        up: true,
      },
    });
    hub.tick();
    const alice = await open(url, 'alice');
    alice.send({ type: 'subscribe', topic: 'app/globex/secret/links' });
    alice.send({ type: 'subscribe', topic: 'telemetry/health' });
    expect(await alice.next()).toMatchObject({
      type: 'error',
      code: 'forbidden',
      topic: 'app/globex/secret/links',
    });
    expect(await alice.next()).toMatchObject({
      type: 'error',
      code: 'forbidden',
      topic: 'telemetry/health',
    });
    hub.publish('app/globex/secret/links', {});
    hub.tick();
    expect(await alice.drain()).toEqual([]);
    const root = await open(url, 'root');
    root.send({ type: 'subscribe', topic: 'app/globex/secret/links' });
    expect(await root.next()).toMatchObject({ type: 'snapshot', revision: 2 });
  });

  it('answers bad messages with coded errors and keeps the connection', async () => {
    fixture = await startStreamServer();
    const c = await open(fixture.url);
    c.send('{not json');
    expect(await c.next()).toMatchObject({ type: 'error', code: 'malformed-json' });
    c.send({ type: 'shout' });
    expect(await c.next()).toMatchObject({ type: 'error', code: 'invalid-message' });
    c.send({ type: 'subscribe', topic: 'app/acme/shop/ports', since: -1 });
    expect(await c.next()).toMatchObject({ type: 'error', code: 'invalid-message' });
    c.send({ type: 'subscribe', topic: 'app/acme/../ports' });
    expect(await c.next()).toMatchObject({ type: 'error', code: 'unknown-topic' });
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await c.next()).toMatchObject({ type: 'error', code: 'invalid-message' });
    c.send({ type: 'ping', id: 7 });
    expect(await c.next()).toEqual({ type: 'pong', id: 7 });
    expect(fixture.stream.metrics().errorFrames).toBe(5);
  });

  it('closes a connection that sends an oversized frame (1009)', async () => {
    fixture = await startStreamServer({}, { maxPayload: 1024 });
    const c = await open(fixture.url);
    const closed = new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)));
    c.send({ type: 'subscribe', topic: 'x'.repeat(4096) });
    expect(await closed).toBe(1009);
    expect(fixture.stream.metrics().clients).toBe(0);
  });

  it('closes clients that stop answering pings, and only those', async () => {
    fixture = await startStreamServer({}, { heartbeatMs: 40 });
    const dead = await open(fixture.url, 'alice', { autoPong: false });
    const live = await open(fixture.url, 'alice');
    const closed = new Promise<void>((resolve) => dead.ws.once('close', () => resolve()));
    await closed;
    await settle(100);
    expect(live.ws.readyState).toBe(WebSocket.OPEN);
    expect(fixture.stream.metrics()).toMatchObject({ clients: 1, heartbeatTimeouts: 1 });
  });

  it('limits the topics one client holds', async () => {
    fixture = await startStreamServer({ maxSubscriptions: 2 });
    const c = await open(fixture.url);
    for (const app of ['a', 'b', 'c'])
      c.send({ type: 'subscribe', topic: `app/acme/${app}/ports` });
    const frames = [await c.next(), await c.next(), await c.next()];
    expect(frames.map((f) => (f.type === 'error' ? f.code : f.type))).toEqual([
      'snapshot',
      'snapshot',
      'too-many-subscriptions',
    ]);
  });
});
