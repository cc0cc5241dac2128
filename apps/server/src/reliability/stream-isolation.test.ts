import { beforeAll, describe, expect, it } from 'vitest';
import { AUDITED_REFUSALS_PER_MINUTE } from '../stream/index.ts';
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
  interface AuditJson {
    actor: string;
    action: string;
    result: string;
    detail: Record<string, unknown>;
  }
  /** The tenant's `access.refused` entries written by the stream, oldest first. */
  const streamRefusals = async (tenant: string) => {
    const reader = tenant === 'acme' ? w.vera : w.bob;
    const log = (await reader.get(`/api/tenants/${tenant}/audit?limit=1000`)).json as AuditJson[];
    return log.filter((a) => a.action === 'access.refused' && a.detail.via === 'stream').reverse();
  };
  const metric = async (name: string) => {
    const text = await (await fetch(`${server.url()}/metrics`)).text();
    return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  };

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
    // one entry per refused app topic in acme's log, naming bob's token; telemetry health
    // belongs to no tenant, so no tenant's log holds it
    expect(await streamRefusals('acme')).toEqual(
      topics.slice(0, STREAMS.length).map((topic) =>
        expect.objectContaining({
          actor: 'token:b (bob)',
          result: 'refused',
          detail: { via: 'stream', topic, code: 'forbidden' },
        }),
      ),
    );
    expect(await streamRefusals('globex')).toEqual([]);
  });

  it('keeps a tenant token made by the server administrator inside its tenant', async () => {
    const topics = ['app/globex/shop/events', 'app/globex/shop/flows', 'telemetry/health'];
    const replies = await refusedTopics(acmeViewerToken, topics);
    expect(replies.map((r) => r.type === 'error' && r.code)).toEqual(topics.map(() => 'forbidden'));
    const globex = await streamRefusals('globex');
    expect(globex.map((a) => a.detail.topic)).toEqual(topics.slice(0, 2));
    expect(globex.every((a) => a.actor.startsWith('token:ro '))).toBe(true);
    const own = await TestClient.open(wsUrl(), acmeViewerToken);
    own.send({ type: 'subscribe', topic: 'app/acme/shop/events' });
    expect(await own.next()).toMatchObject({ type: 'snapshot', topic: 'app/acme/shop/events' });
    own.ws.close();
  });

  it('audits at most a budget of refusals a minute for a client looping subscribes, and counts the rest', async () => {
    const spammer = (
      await w.bob.post('/api/tenants/globex/tokens', { name: 'spam', role: 'viewer' })
    ).json.secret as string;
    const before = (await streamRefusals('acme')).length;
    const unauditedBefore = await metric('netcanvas_stream_refusals_unaudited_total');
    const tries = AUDITED_REFUSALS_PER_MINUTE * 3;
    const topics = Array.from({ length: tries }, (_, i) => `app/acme/probe-${i}/ports`);
    const replies = await refusedTopics(spammer, topics);
    expect(replies.filter((r) => r.type === 'error' && r.code === 'forbidden')).toHaveLength(tries);
    const written = (await streamRefusals('acme')).slice(before);
    expect(written).toHaveLength(AUDITED_REFUSALS_PER_MINUTE);
    expect(written.map((a) => a.detail.topic)).toEqual(
      topics.slice(0, AUDITED_REFUSALS_PER_MINUTE),
    );
    expect(written.every((a) => a.actor === 'token:spam (bob)')).toBe(true);
    expect((await metric('netcanvas_stream_refusals_unaudited_total')) - unauditedBefore).toBe(
      tries - AUDITED_REFUSALS_PER_MINUTE,
    );
  });
});
