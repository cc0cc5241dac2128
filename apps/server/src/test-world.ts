import { type Application, templateById } from '@netcanvas/model';
import type { RunningServer } from './serve.ts';
import { ApiClient } from './test-client.ts';

export const PASSWORD = 'correct horse battery staple';

/** Two tenants and a user per role: acme (alice designer, oscar operator, vera viewer), globex (bob admin). */
export interface World {
  readonly admin: ApiClient;
  readonly alice: ApiClient;
  readonly oscar: ApiClient;
  readonly vera: ApiClient;
  readonly bob: ApiClient;
}

export const threeTier = (id = 'shop', tenant = 'acme'): Application =>
  templateById('three-tier').build({ id, name: id, tenant });

/** Builds the world through the HTTP API, as an administrator would. */
export async function buildWorld(server: RunningServer): Promise<World> {
  const first = server.firstRun;
  if (!first) throw new Error('expected a fresh data dir');
  const admin = new ApiClient(server.url);
  await admin.login(first.username, first.password);
  const must = async (p: Promise<{ status: number; json: unknown }>, status: number) => {
    const r = await p;
    if (r.status !== status)
      throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.json)}`);
  };
  await must(admin.post('/api/tenants', { id: 'acme', name: 'Acme' }), 201);
  await must(admin.post('/api/tenants', { id: 'globex', name: 'Globex' }), 201);
  const members: [string, string, string][] = [
    ['acme', 'alice', 'designer'],
    ['acme', 'oscar', 'operator'],
    ['acme', 'vera', 'viewer'],
    ['globex', 'bob', 'admin'],
  ];
  for (const [tenant, username, role] of members) {
    await must(
      admin.put(`/api/tenants/${tenant}/members/${username}`, { role, password: PASSWORD }),
      200,
    );
  }
  const client = async (username: string) => {
    const c = new ApiClient(server.url);
    const r = await c.login(username, PASSWORD);
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
    return c;
  };
  return {
    admin,
    alice: await client('alice'),
    oscar: await client('oscar'),
    vera: await client('vera'),
    bob: await client('bob'),
  };
}
