import type { Express } from 'express';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { ApiClient } from '../test-client.ts';
import { startTestServer, tempDataDir, useTestServer } from '../test-server.ts';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route Express has mounted, walking nested routers (only the API router nests here). */
function mountedRoutes(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = layer.route.path.replace(/:(\w+)/g, '{$1}');
      return Object.keys(layer.route.methods).map((m) => `${m} ${prefix}${path}`);
    }
    return layer.handle?.stack ? mountedRoutes(layer.handle.stack, '/api') : [];
  });
}

describe('GET /api/openapi.json', () => {
  const server = useTestServer();

  it('documents every mounted API route, with the zod schemas the routes parse with', async () => {
    const running = server.running();
    const doc = (await new ApiClient(running.url).get('/api/openapi.json')).json;
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`),
    );
    const express = (running.server.listeners('request')[0] as Express).router as unknown as {
      stack: Layer[];
    };
    const mounted = mountedRoutes(express.stack).filter((r) => r.includes(' /api/'));
    expect(mounted.length).toBeGreaterThan(30);
    expect(documented.sort()).toEqual([...new Set(mounted)].sort());
    const put = doc.paths['/api/tenants/{tenant}/apps/{app}'].put;
    expect(put.parameters.map((p: { name: string }) => p.name)).toEqual([
      'tenant',
      'app',
      'If-Match',
    ]);
    expect(
      put.requestBody.content['application/json'].schema.properties.app.properties,
    ).toHaveProperty('objects');
  });

  it('still serves the stateless routes from an app without a store', async () => {
    const server = createApp({ consoleDir: null }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    const doc = (await (await fetch(`http://127.0.0.1:${port}/api/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    server.close();
    expect(Object.keys(doc.paths)).toContain('/api/validate');
    expect(Object.keys(doc.paths)).not.toContain('/api/tenants');
  });
});

describe('GET /metrics', () => {
  it('exposes request latency and apply counters in the Prometheus format', async () => {
    const server = await startTestServer();
    try {
      await fetch(`${server.url}/api/templates`);
      server.metrics.applies.inc({ result: 'ok' });
      const text = await (await fetch(`${server.url}/metrics`)).text();
      expect(text).toContain('netcanvas_http_request_duration_seconds_bucket{');
      expect(text).toMatch(/route="\/api\/templates"/);
      expect(text).toMatch(/netcanvas_applies_total\{result="ok"\} 1/);
      expect(text).toContain('netcanvas_ws_clients');
    } finally {
      await server.close();
    }
  });
});

describe('first run', () => {
  it('prints the admin credentials once, never on a later start', async () => {
    const dataDir = tempDataDir();
    const shown: string[] = [];
    const first = await startTestServer({ dataDir, onFirstRun: (a) => shown.push(a.password) });
    await first.close();
    const second = await startTestServer({ dataDir, onFirstRun: (a) => shown.push(a.password) });
    expect(second.firstRun).toBeUndefined();
    expect(shown).toHaveLength(1);
    const admin = new ApiClient(second.url);
    expect((await admin.login('admin', shown[0] ?? '')).status).toBe(200);
    const controllers = await admin.get('/api/tenants/default/controllers');
    expect(controllers.json).toMatchObject([{ name: 'sandbox', kind: 'sandbox' }]);
    await second.close();
  });
});
