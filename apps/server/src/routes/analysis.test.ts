import { type Application, templateById, templates } from '@netcanvas/model';
import { describe, expect, it } from 'vitest';
import { post, useTestServer } from '../test-server.ts';

const build = (id: string): Application =>
  templateById(id).build({ id: 'demo', name: 'Demo', tenant: 'default' });

describe('POST /api/validate', () => {
  const server = useTestServer();

  it.each(templates.map((t) => t.id))('finds no errors in the %s template', async (id) => {
    const { status, json } = await post(`${server.url()}/api/validate`, build(id));
    expect(status).toBe(200);
    expect(json.diagnostics).toEqual([]);
  });

  it('reports what is wrong with a broken application', async () => {
    const app = build('three-tier');
    const broken: Application = {
      ...app,
      objects: app.objects.map((o) =>
        o.id === 'web-2' && o.kind === 'workload'
          ? { ...o, nics: [{ id: 'eth0', switch: 'ls-web', ip: '10.0.1.11' }] }
          : o.id === 'app-1' && o.kind === 'workload'
            ? { ...o, nics: [{ id: 'eth0', switch: 'ls-nowhere' }] }
            : o,
      ),
    };
    const { status, json } = await post(`${server.url()}/api/validate`, broken);
    expect(status).toBe(200);
    const codes = (json.diagnostics as { code: string; objectId?: string }[]).map((d) => [
      d.code,
      d.objectId,
    ]);
    expect(codes).toContainEqual(['duplicate-ip', 'web-2']);
    expect(codes).toContainEqual(['dangling-reference', 'app-1']);
  });

  it('answers 422 with schema diagnostics when the document has the wrong shape', async () => {
    const { status, json } = await post(`${server.url()}/api/validate`, {
      id: 'x',
      name: 'x',
      objects: [{ kind: 'switch', id: 'ls-1' }],
    });
    expect(status).toBe(422);
    expect(json.code).toBe('invalid-application');
    expect(json.details).toEqual([
      expect.objectContaining({ code: 'schema', objectId: 'ls-1', path: ['name'] }),
    ]);
  });
});

describe('POST /api/what-if', () => {
  const server = useTestServer();
  const app = build('three-tier');

  it('delivers web-1 → app-1 tcp/8080 through the "web to app" rule', async () => {
    const query = { from: 'web-1', to: 'app-1', protocol: 'tcp', port: 8080 };
    const { status, json } = await post(`${server.url()}/api/what-if`, { app, query });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      verdict: 'delivered',
      decidingRule: { ruleName: 'web to app' },
    });
  });

  it('drops web-1 → db-1 tcp/5432 on "everything else"', async () => {
    const query = { from: 'web-1', to: 'db-1', protocol: 'tcp', port: 5432 };
    const { json } = await post(`${server.url()}/api/what-if`, { app, query });
    expect(json).toMatchObject({
      verdict: 'dropped',
      decidingRule: { ruleName: 'everything else' },
    });
  });

  it('answers 400 when the query is incomplete', async () => {
    const { status, json } = await post(`${server.url()}/api/what-if`, {
      app,
      query: { from: 'web-1', protocol: 'tcp' },
    });
    expect(status).toBe(400);
    expect(json).toMatchObject({ code: 'invalid-request' });
    expect(String(json.message)).toContain('query.to');
  });
});

describe('POST /api/allocate', () => {
  const server = useTestServer();

  it('fills in addresses the design left to IPAM', async () => {
    const app = build('two-tier');
    const unaddressed: Application = {
      ...app,
      objects: app.objects.map((o) =>
        o.id === 'front-1' && o.kind === 'workload'
          ? { ...o, nics: [{ id: 'eth0', switch: 'ls-front' }] }
          : o,
      ),
    };
    const { status, json } = await post(`${server.url()}/api/allocate`, unaddressed);
    expect(status).toBe(200);
    const front = (json.objects as Application['objects']).find((o) => o.id === 'front-1');
    expect(front?.kind === 'workload' && front.nics[0]?.ip).toMatch(/^10\.10\.1\.\d+$/);
  });
});
