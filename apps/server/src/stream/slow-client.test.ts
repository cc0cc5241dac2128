import { afterEach, describe, expect, it } from 'vitest';
import type { ServerMessage } from './protocol.ts';
import { type StreamFixture, settle, startStreamServer, TestClient } from './test-support.ts';

const TOPIC = 'app/acme/big/flows';
const MAX_BUFFERED = 256 * 1024;

let fixture: StreamFixture | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await fixture?.close();
  fixture = undefined;
});

/** ~200 KB of flows whose rates all change every tick. */
function bigState(tick: number) {
  const state: Record<
    string,
    {
      protocol: number;
      src: string;
      dst: string;
      srcPort: number;
      dstPort: number;
      bytesPerSec: number;
      packetsPerSec: number;
    }
  > = {};
  for (let i = 0; i < 2000; i++) {
    state[`6|10.0.${i >> 8}.${i & 255}|40000|10.1.0.1|443`] = {
      protocol: 6,
      src: `10.0.${i >> 8}.${i & 255}`,
      dst: '10.1.0.1',
      srcPort: 40000,
      dstPort: 443,
      bytesPerSec: tick * 1000 + i,
      packetsPerSec: tick,
    };
  }
  return state;
}

describe('a slow client', () => {
  it('is dropped to the latest state instead of queueing; others keep every delta', async () => {
    fixture = await startStreamServer({ maxBufferedBytes: MAX_BUFFERED });
    const { hub, url } = fixture;
    const slow = await TestClient.open(url);
    const fast = await TestClient.open(url);
    clients.push(slow, fast);
    for (const c of [slow, fast]) {
      c.send({ type: 'subscribe', topic: TOPIC });
      await c.next();
    }
    slow.socket.pause();

    let tick = 0;
    let maxBuffered = 0;
    const frameBytes = JSON.stringify(bigState(1)).length;
    const deadline = Date.now() + 15_000;
    while (hub.metrics().framesDropped < 20 && Date.now() < deadline) {
      hub.publish(TOPIC, bigState(++tick));
      hub.tick();
      maxBuffered = Math.max(maxBuffered, hub.metrics().bufferedBytes);
      await settle(5);
    }
    const metrics = hub.metrics();
    expect(metrics.framesDropped).toBeGreaterThanOrEqual(20);
    expect(metrics.staleSubscriptions).toBe(1);
    // the slow client never costs more than the threshold plus one frame in flight
    expect(maxBuffered).toBeLessThan(MAX_BUFFERED + 2 * frameBytes);

    // the fast client saw every revision, in order
    const fastFrames: ServerMessage[] = [];
    while (fastFrames.length < tick) fastFrames.push(await fast.next(5000));
    expect(fastFrames.map((f) => (f.type === 'delta' ? f.revision : -1))).toEqual(
      Array.from({ length: tick }, (_, i) => i + 1),
    );

    slow.socket.resume();
    let last: ServerMessage | undefined;
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      hub.tick();
      await settle(20);
      const frames = await slow.drain(0);
      last = frames.at(-1) ?? last;
      if (last?.type === 'snapshot') break;
    }
    expect(last).toMatchObject({ type: 'snapshot', revision: tick });
    expect(last?.type === 'snapshot' && last.state).toEqual(bigState(tick));
    expect(slow.received.length).toBeLessThan(tick);
    expect(hub.metrics().staleSubscriptions).toBe(0);

    hub.publish(TOPIC, bigState(++tick));
    hub.tick();
    expect(await slow.next(5000)).toMatchObject({ type: 'delta', revision: tick });
  }, 30_000);
});
