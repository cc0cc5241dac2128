// biome-ignore lint/style/noRestrictedImports: the real OVN central test harness, for tests only
import { type OvnCentral, startOvnCentral } from '@netcanvas/ovn/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { useTestServer } from '../test-server.ts';
import { buildWorld, threeTier, type World } from '../test-world.ts';

interface Event {
  kind: string;
  objectId?: string;
  nicId?: string;
}

/** Follows an app's events topic over the real stream with a real session. */
async function followEvents(url: string, cookie: string, topic: string) {
  const events: Event[] = [];
  const ws = new WebSocket(`${url.replace('http', 'ws')}/api/stream`, { headers: { cookie } });
  ws.on('message', (d) => {
    const f = JSON.parse(String(d)) as {
      state?: Record<string, Event>;
      changes?: { set: Record<string, Event> };
    };
    events.push(...Object.values(f.state ?? f.changes?.set ?? {}));
  });
  await new Promise((resolve) => ws.on('open', resolve));
  ws.send(JSON.stringify({ type: 'subscribe', topic }));
  const find = async (match: (e: Event) => boolean, ms = 6_000) => {
    const deadline = Date.now() + ms;
    while (!events.some(match) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    return events.find(match);
  };
  return { events, find, close: () => ws.terminate() };
}

describe('an OVN site with its Southbound DB: port status and ovn-trace', {
  timeout: 60_000,
}, () => {
  const server = useTestServer();
  let ovn: OvnCentral;
  let w: World;
  let site: number;

  beforeAll(async () => {
    ovn = await startOvnCentral();
    w = await buildWorld(server.running());
    const created = await w.admin.post('/api/tenants/acme/controllers', {
      name: 'lab',
      kind: 'ovn',
      remote: ovn.nbRemote,
      sbRemote: ovn.sb.tcpRemote,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    site = created.json.id;
    expect((await w.alice.post('/api/tenants/acme/apps', { app: threeTier() })).status).toBe(201);
    const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller: site });
    const applied = await w.oscar.post('/api/tenants/acme/apps/shop/apply', {
      planId: plan.json.planId,
    });
    expect(applied.status, JSON.stringify(applied.json)).toBe(200);
    await ovn.sync();
  }, 60_000);
  afterAll(async () => {
    await ovn?.stop();
  });

  it('lists the SB remote with the controller, and refuses a malformed one, creating nothing', async () => {
    const list = await w.vera.get('/api/tenants/acme/controllers');
    expect(list.json).toEqual([
      expect.objectContaining({
        name: 'lab',
        remote: ovn.nbRemote,
        sbRemote: ovn.sb.tcpRemote,
        ovsRemote: null,
      }),
    ]);
    const bad = await w.admin.post('/api/tenants/acme/controllers', {
      name: 'typo',
      kind: 'ovn',
      remote: ovn.nbRemote,
      sbRemote: 'tcp:127.0.0.1',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('tcp:HOST:PORT');
    expect((await w.vera.get('/api/tenants/acme/controllers')).json).toHaveLength(1);
  });

  it('a chassis binding a workload port in the SB arrives as port-up, and unbinding as port-down', async () => {
    const stream = await followEvents(server.url(), w.vera.cookie ?? '', 'app/acme/shop/events');
    try {
      await new Promise((r) => setTimeout(r, 300));
      await ovn.sbctl('chassis-add', 'hv1', 'geneve', '127.0.0.1');
      // ovn-controller first claims the port, then marks it up once its flows are in
      const hv1 = (
        await ovn.sbctl('--bare', '--columns=_uuid', 'find', 'Chassis', 'name=hv1')
      ).trim();
      await ovn.sbctl('set', 'Port_Binding', 'acme.shop.app-1.eth0', `chassis=${hv1}`);
      await new Promise((r) => setTimeout(r, 300));
      expect(stream.events.filter((e) => e.kind.startsWith('port-'))).toEqual([]);
      // what ovn-controller does once the port's flows are in: chassis and up together
      await ovn.sbctl('lsp-bind', 'acme.shop.web-1.eth0', 'hv1');
      const up = await stream.find((e) => e.kind === 'port-up');
      expect(up).toMatchObject({ kind: 'port-up', objectId: 'web-1', nicId: 'eth0' });
      await ovn.sbctl('lsp-unbind', 'acme.shop.web-1.eth0');
      const down = await stream.find((e) => e.kind === 'port-down');
      expect(down).toMatchObject({ kind: 'port-down', objectId: 'web-1', nicId: 'eth0' });
      expect(
        stream.events.filter((e) => e.kind.startsWith('port-')).map((e) => e.objectId),
      ).toEqual(['web-1', 'web-1']);
    } finally {
      stream.close();
    }
  });

  const trace = (controller: number, to: string, port: number) =>
    w.vera.post('/api/tenants/acme/apps/shop/trace', {
      controller,
      query: { from: 'web-1', to, protocol: 'tcp', port },
    });

  it('what-if on the site is answered by ovn-trace: web → app allowed, web → db dropped', async () => {
    const allowed = await trace(site, 'app-1', 8080);
    expect(allowed.status, JSON.stringify(allowed.json)).toBe(200);
    expect(allowed.json).toMatchObject({
      tracedBy: 'ovn-trace',
      verdict: 'delivered',
      decidingRule: { ruleId: 'web-to-app' },
    });
    expect(allowed.json.output).toContain('ls_in_acl');
    const dropped = await trace(site, 'db-1', 5432);
    expect(dropped.json).toMatchObject({
      tracedBy: 'ovn-trace',
      verdict: 'dropped',
      decidingRule: { ruleId: 'default-drop' },
    });
    expect(dropped.json.reason).toContain('drops it before it reaches db-1');
  });

  it('without an SB remote the model answers, and says so', async () => {
    const nbOnly = await w.admin.post('/api/tenants/acme/controllers', {
      name: 'nb-only',
      kind: 'ovn',
      remote: ovn.nbRemote,
    });
    expect(nbOnly.json.sbRemote).toBeNull();
    const answer = await trace(nbOnly.json.id, 'db-1', 5432);
    expect(answer.json).toMatchObject({ tracedBy: 'model', verdict: 'dropped' });
    expect(answer.json.note).toContain('no Southbound remote');
  });
});
