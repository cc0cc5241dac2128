import { type StandaloneServer, startOvsdbServer } from '@netcanvas/ovsdb/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../test-server.ts';
import { buildWorld, threeTier, type World } from '../test-world.ts';

describe('an OVN site over ssl: with client certificates', () => {
  const server = useTestServer();
  let nb: StandaloneServer;
  let w: World;

  beforeAll(async () => {
    nb = await startOvsdbServer({ ssl: true });
    w = await buildWorld(server.running());
    expect((await w.alice.post('/api/tenants/acme/apps', { app: threeTier() })).status).toBe(201);
  });
  afterAll(async () => {
    await nb?.stop();
  });

  it('registers with its PEM files, answers healthy and applies over TLS', async () => {
    const certs = nb.certificates;
    if (!certs) throw new Error('the test NB has no certificates');
    expect(nb.tcpRemote).toMatch(/^ssl:/);
    const ssl = {
      privateKey: certs.clientKey,
      certificate: certs.clientCert,
      caCert: certs.caCert,
    };
    const reg = await w.admin.post('/api/tenants/acme/controllers', {
      name: 'secure',
      kind: 'ovn',
      remote: nb.tcpRemote,
      ssl,
    });
    expect(reg.status).toBe(201);
    expect(reg.json.ssl).toEqual(ssl);
    const health = await w.vera.get(`/api/tenants/acme/controllers/${reg.json.id}/health`);
    expect(health.json).toMatchObject({ healthy: true });

    const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', {
      controller: reg.json.id,
    });
    const applied = await w.oscar.post('/api/tenants/acme/apps/shop/apply', {
      planId: plan.json.planId,
    });
    expect(applied.status).toBe(200);
    expect(await nb.nbctl('ls-list')).toContain('acme.shop.ls-web');
  });

  it('refuses an ssl: remote without its files, and files the server cannot read', async () => {
    const bare = await w.admin.post('/api/tenants/acme/controllers', {
      name: 'no-certs',
      kind: 'ovn',
      remote: nb.tcpRemote,
    });
    expect(bare.status).toBe(400);
    expect(bare.json.message).toContain('needs "ssl"');
    const missing = await w.admin.post('/api/tenants/acme/controllers', {
      name: 'bad-certs',
      kind: 'ovn',
      remote: nb.tcpRemote,
      ssl: {
        privateKey: '/nonexistent/key.pem',
        certificate: 'relative.pem',
        caCert: '/etc/hostname',
      },
    });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.json.details)).toContain('cannot read');
    expect(JSON.stringify(missing.json.details)).toContain('absolute path');
    const list = await w.vera.get('/api/tenants/acme/controllers');
    expect(list.json.map((c: { name: string }) => c.name)).not.toContain('bad-certs');
  });
});
