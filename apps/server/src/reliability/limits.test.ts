import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_OBJECTS_PER_APP } from '../http/body.ts';
import { TestClient } from '../stream/test-support.ts';
import { ApiClient } from '../test-client.ts';
import { useTestServer } from '../test-server.ts';
import { buildWorld, PASSWORD, threeTier, type World } from '../test-world.ts';

/** An app with `n` small switches. */
const withSwitches = (n: number) => ({
  ...threeTier('big'),
  objects: Array.from({ length: n }, (_, i) => ({ id: `s${i}`, name: `s${i}`, kind: 'switch' })),
});

describe('limits', { timeout: 60_000 }, () => {
  const server = useTestServer({ loginRateLimit: { max: 5, windowMs: 60_000 } });
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(server.running());
    // signing in four users with argon2id is slow on a loaded machine
  }, 60_000);

  it('refuses an app over the object limit with a coded diagnostic and stores nothing', async () => {
    const over = await w.alice.post('/api/tenants/acme/apps', {
      app: withSwitches(MAX_OBJECTS_PER_APP + 1),
    });
    expect(over.status).toBe(422);
    expect(over.json.code).toBe('invalid-application');
    expect(over.json.message).toContain(`at most ${MAX_OBJECTS_PER_APP}`);
    expect(over.json.details[0]).toMatchObject({ code: 'too-many-objects', path: ['objects'] });
    expect((await w.alice.get('/api/tenants/acme/apps')).json).toEqual([]);
    const at = await w.alice.post('/api/tenants/acme/apps', {
      app: withSwitches(MAX_OBJECTS_PER_APP),
    });
    expect(at.status).toBe(201);
  });

  it('limits topics per stream client and says which limit was hit', async () => {
    const token = (await w.admin.post('/api/tenants/acme/tokens', { name: 's', role: 'viewer' }))
      .json.secret;
    await w.alice.post('/api/tenants/acme/apps', { app: threeTier('shop') });
    const client = await TestClient.open(
      `${server.url().replace(/^http/, 'ws')}/api/stream`,
      token,
    );
    const codes: string[] = [];
    for (let i = 0; i < 300; i++) {
      client.send({ type: 'subscribe', topic: `app/acme/a${i}/events` });
    }
    for (const f of await client.drain(1500)) if (f.type === 'error') codes.push(f.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes)).toEqual(new Set(['too-many-subscriptions']));
    client.ws.close();
  });

  it('stops password guessing per user and per address; even the right password waits out the window', async () => {
    const guesser = new ApiClient(server.url());
    const replies = [];
    for (let i = 0; i < 7; i++)
      replies.push((await guesser.login('oscar', `guess ${i} wrong pw`)).status);
    expect(replies.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(replies.slice(5)).toEqual([429, 429]);
    const limited = await new ApiClient(server.url()).login('oscar', PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.json.details.retryAfterSeconds).toBeGreaterThan(0);
    // the guessing address is stopped for every account it tries next, too
    expect((await guesser.login('vera', PASSWORD)).status).toBe(429);
  });
});
