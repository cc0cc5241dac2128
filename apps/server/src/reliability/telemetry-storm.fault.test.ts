import { createSocket } from 'node:dgram';
import { freeUdpPort } from '@netcanvas/ovsdb/testing';
import { encodeDatagram } from '@netcanvas/sflow';
import { beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { TestClient } from '../stream/test-support.ts';
import { useTestServer } from '../test-server.ts';
import { buildWorld, threeTier, type World } from '../test-world.ts';

const sflowPort = await freeUdpPort();

/** A sample-free sFlow v5 datagram: enough for the collector's sequence and agent tracking. */
const datagram = (agent: string, sequence: number, uptimeMs: number) =>
  encodeDatagram({ agent, subAgentId: 0, sequence, uptimeMs, samples: [] });

describe('telemetry storms: sFlow bursts and agent restarts, stream clients that stall and vanish', {
  timeout: 90_000,
}, () => {
  const server = useTestServer({ sflowPort });
  let w: World;
  let token: string;
  const metric = async (name: string) => {
    const text = await (await fetch(`${server.url()}/metrics`)).text();
    return Number(
      new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN,
    );
  };
  const wsUrl = () => `${server.url().replace(/^http/, 'ws')}/api/stream`;

  beforeAll(async () => {
    w = await buildWorld(server.running());
    expect((await w.alice.post('/api/tenants/acme/apps', { app: threeTier() })).status).toBe(201);
    const sb = await w.admin.post('/api/tenants/acme/controllers', { name: 'sb', kind: 'sandbox' });
    const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller: sb.json.id });
    expect(
      (await w.oscar.post('/api/tenants/acme/apps/shop/apply', { planId: plan.json.planId }))
        .status,
    ).toBe(200);
    token = (await w.admin.post('/api/tenants/acme/tokens', { name: 't', role: 'viewer' })).json
      .secret;
    // signing in four users with argon2id is slow on a loaded machine
  }, 60_000);

  it('takes a burst of 20,000 datagrams from 50 agents with restarts, reordering, duplicates and garbage: counts them, stays up, memory bounded', async () => {
    const udp = createSocket('udp4');
    const send = (b: Uint8Array) =>
      new Promise<void>((r) => udp.send(b, sflowPort, '127.0.0.1', () => r()));
    const before = await metric('netcanvas_sflow_datagrams_total');
    const errorsBefore = await metric('netcanvas_sflow_decode_errors_total');
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let sent = 0;
    for (let round = 0; round < 400; round++) {
      const batch: Promise<void>[] = [];
      for (let a = 0; a < 50; a++) {
        const agent = `10.9.${a >> 8}.${a & 255}`;
        // an agent restart every 100 rounds: sequence and uptime back to the start
        const seq = (round % 100) + 1;
        batch.push(send(datagram(agent, seq, seq * 1000)));
        sent += 1;
      }
      if (round % 10 === 0) {
        batch.push(send(datagram('10.9.0.1', (round % 100) + 1, 1))); // a duplicate
        batch.push(send(datagram('10.9.0.2', Math.max(1, (round % 100) - 5), 2))); // late
        batch.push(send(Uint8Array.from([0, 0, 0, 5, 0xff, 0xff]))); // garbage
        sent += 2;
      }
      await Promise.all(batch);
      if (round % 20 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    udp.close();
    await new Promise((r) => setTimeout(r, 1500));
    const received = (await metric('netcanvas_sflow_datagrams_total')) - before;
    const garbage = (await metric('netcanvas_sflow_decode_errors_total')) - errorsBefore;
    // UDP on loopback may drop under a burst; what arrives is decoded and counted
    expect(received).toBeGreaterThan(sent * 0.2);
    expect(received).toBeLessThanOrEqual(sent);
    expect(garbage).toBeGreaterThan(0);
    expect(garbage).toBeLessThanOrEqual(40);
    // what the kernel dropped shows up as sequence gaps: lost datagrams on /metrics
    const lost = await metric('netcanvas_sflow_lost_datagrams');
    if (received < sent * 0.9) expect(lost).toBeGreaterThan(0);
    globalThis.gc?.();
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 2 ** 20);
    expect((await w.vera.get('/api/health')).status).toBe(200);
    console.log('sFlow burst', { sent, received, garbage, lost });
  });

  it('keeps a healthy client served while 300 others connect, stall or vanish, and forgets them', async () => {
    const healthy = await TestClient.open(wsUrl(), token);
    healthy.send({ type: 'subscribe', topic: 'app/acme/shop/ports' });
    expect((await healthy.next(5000)).type).toBe('snapshot');
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const crowd: WebSocket[] = [];
    for (let i = 0; i < 300; i++) {
      const ws = new WebSocket(wsUrl(), { headers: { authorization: `Bearer ${token}` } });
      ws.on('error', () => undefined);
      ws.on('open', () => {
        for (const s of ['ports', 'flows', 'links', 'events'])
          ws.send(JSON.stringify({ type: 'subscribe', topic: `app/acme/shop/${s}` }));
        // a third stop reading, a third vanish without a close frame, a third stay
        const socket = (ws as unknown as { _socket?: { pause(): void; destroy(): void } })._socket;
        if (i % 3 === 0) socket?.pause();
        if (i % 3 === 1) setTimeout(() => socket?.destroy(), 200);
      });
      crowd.push(ws);
    }
    await new Promise((r) => setTimeout(r, 3000));
    // the healthy client still gets deltas of the live port counters
    const frames = await healthy.drain(2500);
    expect(frames.filter((f) => f.type === 'delta').length).toBeGreaterThan(0);
    for (const ws of crowd) ws.terminate();
    await new Promise((r) => setTimeout(r, 2500));
    expect(await metric('netcanvas_ws_clients')).toBe(1);
    globalThis.gc?.();
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 2 ** 20);
    healthy.ws.close();
  });
});
