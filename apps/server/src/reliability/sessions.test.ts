import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test-client.ts';
import { useTestServer } from '../test-server.ts';
import { buildWorld, PASSWORD, type World } from '../test-world.ts';

describe('sessions, stored secrets and what the API gives back', { timeout: 30_000 }, () => {
  const server = useTestServer();
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(server.running());
    // signing in four users with argon2id is slow on a loaded machine
  }, 60_000);

  it('sets an HttpOnly, SameSite=Strict cookie, not Secure over plain http', async () => {
    const c = new ApiClient(server.url());
    const reply = await c.login('vera', PASSWORD);
    const cookie = reply.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^nc_session=/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).not.toMatch(/; Secure/i);
  });

  it('never adopts a session id the client brings (fixation) and issues a fresh one per login', async () => {
    const planted = new ApiClient(server.url());
    planted.cookie = 'nc_session=attacker-chosen-value';
    expect((await planted.get('/api/auth/session')).status).toBe(401);
    await planted.login('vera', PASSWORD);
    expect(planted.cookie).not.toContain('attacker-chosen-value');
    const again = new ApiClient(server.url());
    await again.login('vera', PASSWORD);
    expect(again.cookie).not.toBe(planted.cookie);
    expect(again.csrf).not.toBe(planted.csrf);
  });

  it('invalidates the session on the server at logout, not just in the browser', async () => {
    const c = new ApiClient(server.url());
    await c.login('vera', PASSWORD);
    const stolen = c.cookie;
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    const replay = new ApiClient(server.url());
    replay.cookie = stolen;
    expect((await replay.get('/api/tenants/acme/apps')).status).toBe(401);
  });

  it('keeps passwords as argon2id and tokens and sessions only as hashes', async () => {
    const made = await w.admin.post('/api/tenants/acme/tokens', { name: 'ci', role: 'viewer' });
    const secret: string = made.json.secret;
    const db = server.running().store.db;
    const hashes = db.prepare('SELECT password_hash FROM users').all() as {
      password_hash: string;
    }[];
    for (const h of hashes) expect(h.password_hash).toMatch(/^\$argon2id\$/);
    const everything = JSON.stringify(
      (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
          name: string;
        }[]
      ).map(({ name }) => db.prepare(`SELECT * FROM "${name}"`).all()),
    );
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(secret.split('.').at(-1));
    expect(everything).not.toContain(PASSWORD);
    const session = decodeURIComponent((w.vera.cookie ?? '').split('=')[1] ?? '');
    expect(session.length).toBeGreaterThan(10);
    expect(everything).not.toContain(session);
  });

  it('never returns a token secret or a password again through any GET the API lists', async () => {
    const made = await w.admin.post('/api/tenants/acme/tokens', { name: 'ci2', role: 'viewer' });
    const secret: string = made.json.secret;
    const doc = (await w.admin.get('/api/openapi.json')).json as { paths: Record<string, object> };
    const ids: Record<string, string> = { tenant: 'acme', token: made.json.id, username: 'vera' };
    let read = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!('get' in methods) || /\{(app|version|controller|snapshot|other|id)\}/.test(path))
        continue;
      const url = path.replace(/\{(\w+)\}/g, (_m, n: string) => ids[n] ?? n);
      const reply = await w.admin.get(url);
      read += 1;
      const body = JSON.stringify(reply.json) ?? '';
      expect(body, url).not.toContain(secret.split('.').at(-1));
      expect(body, url).not.toContain(PASSWORD);
      expect(body, url).not.toMatch(/\$argon2id\$/);
    }
    expect(read).toBeGreaterThan(8);
  });
});
