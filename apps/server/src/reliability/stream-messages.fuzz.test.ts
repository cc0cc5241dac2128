import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../stream/index.ts';
import { TestClient } from '../stream/test-support.ts';
import { useTestServer } from '../test-server.ts';
import { buildWorld, threeTier } from '../test-world.ts';

const CODES = [
  'malformed-json',
  'invalid-message',
  'unknown-topic',
  'forbidden',
  'too-many-subscriptions',
];

/** What a client might send: garbage, wrong types, near-miss protocol messages. */
const message = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        type: fc.constantFrom('subscribe', 'unsubscribe', 'ping', 'Subscribe', 'publish', ''),
        topic: fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.constantFrom('app/acme/shop/ports', 'app/globex/shop/events', 'telemetry/health'),
          fc.integer(),
        ),
        since: fc.oneof(fc.integer(), fc.string(), fc.constant(-1)),
        epoch: fc.oneof(fc.string({ maxLength: 100 }), fc.integer()),
        extra: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: ['type'] },
    )
    .map((v) => JSON.stringify(v)),
  fc.integer({ min: 100, max: 3000 }).map((d) => '['.repeat(d) + ']'.repeat(d)),
);

describe('fuzzed stream messages', { timeout: 60_000 }, () => {
  const server = useTestServer();
  let token: string;
  const wsUrl = () => `${server.url().replace(/^http/, 'ws')}/api/stream`;

  beforeAll(async () => {
    const w = await buildWorld(server.running());
    expect(
      (await w.bob.post('/api/tenants/globex/apps', { app: threeTier('shop', 'globex') })).status,
    ).toBe(201);
    token = (await w.bob.post('/api/tenants/globex/tokens', { name: 'b', role: 'viewer' })).json
      .secret;
    // signing in four users with argon2id is slow on a loaded machine
  }, 60_000);

  it('answers every malformed or hostile message with a coded error frame, never data of another tenant, and keeps the connection', async () => {
    const client = await TestClient.open(wsUrl(), token);
    let ping = 0;
    let errors = 0;
    await fc.assert(
      fc.asyncProperty(message, async (text) => {
        client.send(text);
        ping += 1;
        client.send({ type: 'ping', id: ping });
        for (;;) {
          const frame: ServerMessage = await client.next();
          if (frame.type === 'pong' && frame.id === ping) break;
          if (frame.type === 'error') {
            expect(CODES).toContain(frame.code);
            expect(frame.message.length).toBeGreaterThan(0);
            errors += 1;
          } else if ('topic' in frame) {
            expect(frame.topic).toMatch(/^app\/globex\//);
          }
        }
      }),
      { numRuns: 300, seed: 10 },
    );
    expect(errors).toBeGreaterThan(200);
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    client.send({ type: 'subscribe', topic: 'app/globex/shop/events' });
    const frames = [await client.next(), ...(await client.drain(100))];
    expect(frames.some((f) => f.type === 'snapshot' || f.type === 'error')).toBe(true);
    client.ws.close();
  });

  it('closes only the connection that sends a frame over the size limit (1009); others keep going', async () => {
    const other = await TestClient.open(wsUrl(), token);
    const big = await TestClient.open(wsUrl(), token);
    const closed = new Promise<number>((resolve) => big.ws.once('close', (code) => resolve(code)));
    big.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(64 * 1024) }));
    expect(await closed).toBe(1009);
    other.send({ type: 'ping', id: 7 });
    expect(await other.next()).toEqual({ type: 'pong', id: 7 });
    other.ws.close();
  });
});
