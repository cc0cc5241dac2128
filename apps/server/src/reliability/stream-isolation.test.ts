import { beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../stream/test-support.ts';
import { useTestServer } from '../test-server.ts';
import { buildWorld, threeTier, type World } from '../test-world.ts';

const STREAMS = ['ports', 'flows', 'links', 'events'] as const;

describe('tenant isolation on the stream', { timeout: 30_000 }, () => {
  const server = useTestServer();
  let w: World;
  let bobToken: string;
  let acmeViewerToken: string;
  const wsUrl = () => `${server.url().replace(/^http/, 'ws')}/api/stream`;

  beforeAll(async () => {
    w = await buildWorld(server.running());
    expect((await w.alice.post('/api/tenants/acme/apps', { app: threeTier() })).status).toBe(201);
    expect(
      (await w.bob.post('/api/tenants/globex/apps', { app: threeTier('shop', 'globex') })).status,
    ).toBe(201);
    bobToken = (await w.bob.post('/api/tenants/globex/tokens', { name: 'b', role: 'admin' })).json
      .secret;
    // made by the server administrator: the token must not carry the creator's server-wide rights
    acmeViewerToken = (
      await w.admin.post('/api/tenants/acme/tokens', { name: 'ro', role: 'viewer' })
    ).json.secret;
    // signing in four users with argon2id is slow on a loaded machine
  }, 60_000);

  const refusedTopics = async (token: string, topics: string[]) => {
    const client = await TestClient.open(wsUrl(), token);
    for (const topic of topics) client.send({ type: 'subscribe', topic });
    const replies = [];
    for (const _ of topics) replies.push(await client.next());
    // nothing after the refusals: no snapshot, no delta of the refused topics
    replies.push(...(await client.drain(300)));
    client.ws.close();
    return replies;
  };

  it("answers every topic of another tenant's app, and telemetry health, with forbidden and no data", async () => {
    const topics = [...STREAMS.map((s) => `app/acme/shop/${s}`), 'telemetry/health'];
    const replies = await refusedTopics(bobToken, topics);
    expect(replies).toEqual(
      topics.map((topic) => expect.objectContaining({ type: 'error', code: 'forbidden', topic })),
    );
  });

  it('keeps a tenant token made by the server administrator inside its tenant', async () => {
    const topics = ['app/globex/shop/events', 'app/globex/shop/flows', 'telemetry/health'];
    const replies = await refusedTopics(acmeViewerToken, topics);
    expect(replies.map((r) => r.type === 'error' && r.code)).toEqual(topics.map(() => 'forbidden'));
    const own = await TestClient.open(wsUrl(), acmeViewerToken);
    own.send({ type: 'subscribe', topic: 'app/acme/shop/events' });
    expect(await own.next()).toMatchObject({ type: 'snapshot', topic: 'app/acme/shop/events' });
    own.ws.close();
  });
});
