import { parseApplication } from '@netcanvas/model';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../test-server.ts';

describe('templates', () => {
  const server = useTestServer();

  it('lists the templates users start from', async () => {
    const res = await fetch(`${server.url()}/api/templates`);
    const body = (await res.json()) as { templates: { id: string; name: string }[] };
    expect(body.templates.map((t) => t.id)).toEqual(['three-tier', 'two-tier', 'empty']);
    expect(body.templates[0]).toHaveProperty('description');
  });

  it('builds an application from a template, named as asked', async () => {
    const res = await fetch(`${server.url()}/api/templates/three-tier?id=shop&name=Shop`);
    expect(res.status).toBe(200);
    const parsed = parseApplication(await res.json());
    if (!parsed.ok) throw new Error(parsed.diagnostics[0]?.message);
    expect(parsed.app).toMatchObject({ id: 'shop', name: 'Shop', tenant: 'default' });
    expect(parsed.app.objects).toHaveLength(15);
  });

  it('answers 404 with a code for a template that does not exist', async () => {
    const res = await fetch(`${server.url()}/api/templates/four-tier`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'unknown-template' });
  });

  it('refuses an id that could not be an object id', async () => {
    const res = await fetch(`${server.url()}/api/templates/empty?id=${encodeURIComponent('a b')}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid-request' });
  });
});
