import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  makeCertificates,
  type StandaloneServer,
  startOvsdbServer,
  type TestCertificates,
} from '@netcanvas/ovsdb/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../test-server.ts';
import { buildWorld, threeTier, type World } from '../test-world.ts';

describe('an OVN site over ssl: checks the client certificate too (mutual TLS)', () => {
  const server = useTestServer();
  let nb: StandaloneServer;
  let nbCerts: TestCertificates;
  let strangerDir: string;
  let stranger: TestCertificates;
  let w: World;

  beforeAll(async () => {
    nb = await startOvsdbServer({ ssl: true });
    if (!nb.certificates) throw new Error('the test NB has no certificates');
    nbCerts = nb.certificates;
    // a client certificate from a CA the NB has never heard of
    strangerDir = mkdtempSync(path.join(tmpdir(), 'netcanvas-stranger-ca-'));
    stranger = await makeCertificates(strangerDir);
    w = await buildWorld(server.running());
    expect((await w.alice.post('/api/tenants/acme/apps', { app: threeTier() })).status).toBe(201);
  });
  afterAll(async () => {
    await nb?.stop();
    if (strangerDir) rmSync(strangerDir, { recursive: true, force: true });
  });

  it('is unhealthy and applies nothing when the NB does not trust our client certificate', async () => {
    const reg = await w.admin.post('/api/tenants/acme/controllers', {
      name: 'stranger',
      kind: 'ovn',
      remote: nb.tcpRemote,
      // we trust the NB's CA, the NB does not trust our certificate's
      ssl: {
        privateKey: stranger.clientKey,
        certificate: stranger.clientCert,
        caCert: nbCerts.caCert,
      },
    });
    expect(reg.status).toBe(201);
    const health = await w.vera.get(`/api/tenants/acme/controllers/${reg.json.id}/health`);
    expect(health.json).toMatchObject({ healthy: false });

    const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', {
      controller: reg.json.id,
    });
    expect(plan.status).toBe(502);
    expect(plan.json.code).toBe('controller-unreachable');
    expect(await nb.nbctl('ls-list')).toBe('');
  });

  it('is healthy with a client certificate the NB’s CA signed, on the same NB', async () => {
    const reg = await w.admin.post('/api/tenants/acme/controllers', {
      name: 'trusted',
      kind: 'ovn',
      remote: nb.tcpRemote,
      ssl: {
        privateKey: nbCerts.clientKey,
        certificate: nbCerts.clientCert,
        caCert: nbCerts.caCert,
      },
    });
    expect(reg.status).toBe(201);
    const health = await w.vera.get(`/api/tenants/acme/controllers/${reg.json.id}/health`);
    expect(health.json).toMatchObject({ healthy: true });
  });
});
