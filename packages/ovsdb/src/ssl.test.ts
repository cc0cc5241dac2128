import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OvsdbClient } from './client.ts';
import { type StandaloneServer, startOvsdbServer } from './testing/ovsdb-server.ts';

let server: StandaloneServer;

beforeAll(async () => {
  server = await startOvsdbServer({ ssl: true });
}, 20_000);

afterAll(async () => {
  await server?.stop();
});

describe('ssl remotes', () => {
  it('connects with a client certificate signed by the CA the server trusts', async () => {
    const certificates = server.certificates;
    if (!certificates) throw new Error('server started without certificates');
    const client = await OvsdbClient.connect({
      remote: server.tcpRemote,
      database: 'OVN_Northbound',
      tls: {
        key: await readFile(certificates.clientKey),
        cert: await readFile(certificates.clientCert),
        ca: await readFile(certificates.caCert),
      },
    });
    try {
      expect(server.tcpRemote).toMatch(/^ssl:/);
      expect(await client.listDbs()).toContain('OVN_Northbound');
    } finally {
      client.close();
    }
  });

  it('refuses a server whose certificate no trusted CA signed', async () => {
    await expect(
      OvsdbClient.connect({ remote: server.tcpRemote, connectTimeoutMs: 300 }),
    ).rejects.toMatchObject({ code: 'CONNECT_FAILED' });
  });
});
