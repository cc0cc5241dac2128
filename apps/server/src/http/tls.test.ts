import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { serveCommand } from '../cli/commands/serve.ts';
import type { RunningServer } from '../serve.ts';
import { startTestServer, tempDataDir } from '../test-server.ts';
import { threeTier } from '../test-world.ts';
import { HSTS, type TlsFilesError } from './tls.ts';

const openssl = (dir: string, args: string[]) =>
  promisify(execFile)('openssl', args, { cwd: dir, timeout: 30_000 });

/** A throwaway CA and a server certificate it signed, for 127.0.0.1 and localhost. */
async function makeServerCertificate(dir: string) {
  const run = (command: string) => openssl(dir, command.split(' '));
  await run(
    'req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=netcanvas-test-ca -keyout ca-key.pem -out ca.pem',
  );
  await run('req -newkey rsa:2048 -nodes -subj /CN=netcanvas -keyout key.pem -out req.pem');
  writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await run(
    'x509 -req -in req.pem -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 1 -extfile san.ext -out cert.pem',
  );
  await run('genpkey -algorithm RSA -out other-key.pem');
  return {
    ca: readFileSync(path.join(dir, 'ca.pem')),
    cert: path.join(dir, 'cert.pem'),
    key: path.join(dir, 'key.pem'),
    otherKey: path.join(dir, 'other-key.pem'),
  };
}

interface HttpsReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: Record<string, unknown>;
}

/** One HTTPS request trusting only `ca` (fetch cannot be given a CA). */
function httpsJson(
  url: string,
  ca: Buffer,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpsReply> {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const req = request(
      url,
      {
        method: init.method ?? 'GET',
        ca,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...init.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            json: text ? JSON.parse(text) : {},
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the console over HTTPS', () => {
  let dir: string;
  let files: Awaited<ReturnType<typeof makeServerCertificate>>;
  let server: RunningServer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'netcanvas-tls-'));
    files = await makeServerCertificate(dir);
    server = await startTestServer({ tls: { cert: files.cert, key: files.key } });
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('signs in over https with a Secure, HttpOnly, SameSite=Strict cookie and HSTS', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const first = server.firstRun;
    if (!first) throw new Error('expected a first run');
    const login = await httpsJson(`${server.url}/api/auth/login`, files.ca, {
      method: 'POST',
      body: { username: first.username, password: first.password },
    });
    expect(login.status).toBe(200);
    expect(login.headers['strict-transport-security']).toBe(HSTS);
    const cookie = login.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/; Secure(;|$)/);
    expect(cookie).toMatch(/; HttpOnly(;|$)/);
    expect(cookie).toMatch(/; SameSite=Strict(;|$)/);

    const session = cookie.split(';')[0] ?? '';
    const me = await httpsJson(`${server.url}/api/auth/session`, files.ca, {
      headers: { cookie: session },
    });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ user: { username: first.username } });
  });

  it('streams over wss with the session cookie', async () => {
    const first = server.firstRun;
    if (!first) throw new Error('expected a first run');
    const login = await httpsJson(`${server.url}/api/auth/login`, files.ca, {
      method: 'POST',
      body: { username: first.username, password: first.password },
    });
    const cookie = (login.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    const created = await httpsJson(`${server.url}/api/tenants/default/apps`, files.ca, {
      method: 'POST',
      body: { app: threeTier('shop', 'default') },
      headers: { cookie, 'x-csrf-token': String(login.json.csrfToken) },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);

    const ws = new WebSocket(`${server.url.replace('https', 'wss')}/api/stream`, {
      ca: files.ca,
      headers: { cookie },
    });
    try {
      const frame = await new Promise<Record<string, unknown>>((resolve, reject) => {
        ws.on('error', reject);
        ws.on('open', () =>
          ws.send(JSON.stringify({ type: 'subscribe', topic: 'app/default/shop/events' })),
        );
        ws.on('message', (data) => resolve(JSON.parse(String(data))));
      });
      expect(frame).toMatchObject({ type: 'snapshot', topic: 'app/default/shop/events' });
    } finally {
      ws.terminate();
    }
  });

  it('answers no plain http on its port, and no client that does not trust its CA', async () => {
    const plain = server.url.replace('https', 'http');
    await expect(fetch(`${plain}/api/health`)).rejects.toThrow();
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    expect((await httpsJson(`${server.url}/api/health`, files.ca)).status).toBe(200);
  });
});

describe('refusing TLS files it cannot serve with', () => {
  let dir: string;
  let files: Awaited<ReturnType<typeof makeServerCertificate>>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'netcanvas-tls-'));
    files = await makeServerCertificate(dir);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('names a missing certificate in one line, exits 2 and writes no data', async () => {
    const data = path.join(tempDataDir(), 'fresh');
    const result = await serveCommand({
      port: '0',
      data,
      'tls-cert': '/nonexistent/cert.pem',
      'tls-key': files.key,
    });
    expect(result).toEqual({
      exitCode: 2,
      stderr: 'cannot read the TLS certificate /nonexistent/cert.pem: no such file\n',
    });
    expect(existsSync(data)).toBe(false);
  });

  it('names a key that is not the certificate’s, and a file that is not PEM', async () => {
    const mismatch = await serveCommand({
      port: '0',
      data: tempDataDir(),
      'tls-cert': files.cert,
      'tls-key': files.otherKey,
    });
    expect(mismatch).toEqual({
      exitCode: 2,
      stderr: `the key ${files.otherKey} does not belong to the certificate ${files.cert}\n`,
    });
    await expect(
      startTestServer({ tls: { cert: path.join(dir, 'san.ext'), key: files.key } }),
    ).rejects.toMatchObject({ code: 'tls-not-pem' } satisfies Partial<TlsFilesError>);
  });

  it('wants both files: a certificate without a key is a usage error', async () => {
    const saved = process.env.NETCANVAS_TLS_KEY;
    delete process.env.NETCANVAS_TLS_KEY;
    try {
      const result = await serveCommand({ port: '0', 'tls-cert': files.cert });
      expect(result).toEqual({
        exitCode: 2,
        stderr: '--tls-cert needs --tls-key (or NETCANVAS_TLS_KEY) to serve HTTPS\n',
      });
    } finally {
      if (saved !== undefined) process.env.NETCANVAS_TLS_KEY = saved;
    }
  });
});
