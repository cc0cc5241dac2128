import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../test-server.ts';

const built = mkdtempSync(path.join(tmpdir(), 'netcanvas-console-'));
writeFileSync(path.join(built, 'index.html'), '<!doctype html><title>netcanvas</title>');
writeFileSync(path.join(built, 'app.js'), 'console.log(1)');

describe('serving the console', () => {
  const server = useTestServer({ consoleDir: built });

  it('serves index.html at / and for client routes', async () => {
    for (const route of ['/', '/apps/shop']) {
      const res = await fetch(`${server.url()}${route}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>netcanvas</title>');
    }
  });

  it('serves built assets', async () => {
    const res = await fetch(`${server.url()}/app.js`);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
  });

  it('keeps unknown API routes as JSON 404, not the console', async () => {
    const res = await fetch(`${server.url()}/api/apps/shop`);
    expect(res.status).toBe(404);
  });
});

describe('before the console is built', () => {
  const server = useTestServer({ consoleDir: path.join(built, 'missing') });

  it('says how to build it', async () => {
    const res = await fetch(`${server.url()}/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('pnpm --filter @netcanvas/console build');
  });
});
