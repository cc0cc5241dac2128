import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { promisify } from 'node:util';
import {
  freeUdpPort,
  type StandaloneServer,
  startOvsdbServer,
  VSWITCH_SCHEMA,
} from '@netcanvas/ovsdb/testing';
import { encodeDatagram } from '@netcanvas/sflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RunningServer } from '../serve.ts';
import type { PortLoad } from '../stream/index.ts';
import { applyChanges } from '../stream/keyed-diff.ts';
import { startTestServer } from '../test-server.ts';
import { buildWorld, threeTier, type World } from '../test-world.ts';
import { ovsCounterSample, plugWorkloadTaps } from './ovs-fixtures.ts';

const run = promisify(execFile);
/** the hypervisor's sFlow agent address (TEST-NET-1: nothing else sends as it) */
const AGENT = '192.0.2.10';

describe('telemetry of an app applied to an OVN site, mapped through the hypervisor OVS DB', {
  timeout: 60_000,
}, () => {
  let nb: StandaloneServer;
  let vswitch: StandaloneServer;
  let server: RunningServer;
  let w: World;
  let sflowPort: number;
  const vsctl = (...args: string[]) =>
    run('ovs-vsctl', ['--no-wait', `--db=${vswitch.unixRemote}`, '--timeout=10', ...args]);

  beforeAll(async () => {
    nb = await startOvsdbServer();
    vswitch = await startOvsdbServer({ schema: VSWITCH_SCHEMA });
    await plugWorkloadTaps(vsctl);
    sflowPort = await freeUdpPort();
    server = await startTestServer({ sflowPort });
    w = await buildWorld(server);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await Promise.all([nb?.stop(), vswitch?.stop()]);
  });

  it('refuses hypervisors it cannot map, and registers them as AGENT@REMOTE', async () => {
    const refused = await w.admin.post('/api/tenants/acme/controllers', {
      name: 'typo',
      kind: 'ovn',
      remote: nb.tcpRemote,
      ovsRemote: `hv1@${vswitch.tcpRemote}`,
    });
    expect(refused.status).toBe(400);
    expect(refused.json.message).toContain('"hv1" in');
    const created = await w.admin.post('/api/tenants/acme/controllers', {
      name: 'lab',
      kind: 'ovn',
      remote: nb.tcpRemote,
      ovsRemote: `${AGENT}@${vswitch.tcpRemote}`,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json.ovsRemote).toBe(`${AGENT}@${vswitch.tcpRemote}`);
    const list = await w.vera.get('/api/tenants/acme/controllers');
    expect(list.json.map((c: { name: string }) => c.name)).toEqual(['lab']);
  });

  it("the hypervisor's sFlow counters arrive as the app's port rates, on the right workload NICs", async () => {
    const controllers = (await w.vera.get('/api/tenants/acme/controllers')).json;
    const site = controllers.find((c: { name: string }) => c.name === 'lab')?.id;
    expect((await w.alice.post('/api/tenants/acme/apps', { app: threeTier() })).status).toBe(201);
    const plan = await w.oscar.post('/api/tenants/acme/apps/shop/plan', { controller: site });
    const applied = await w.oscar.post('/api/tenants/acme/apps/shop/apply', {
      planId: plan.json.planId,
    });
    expect(applied.status, JSON.stringify(applied.json)).toBe(200);

    let ports: Record<string, PortLoad> = {};
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/stream`, {
      headers: { cookie: w.vera.cookie ?? '' },
    });
    ws.on('message', (d) => {
      const f = JSON.parse(String(d));
      if (f.topic !== 'app/acme/shop/ports') return;
      if (f.type === 'snapshot') ports = f.state;
      if (f.type === 'delta') ports = applyChanges(ports, f.changes) as Record<string, PortLoad>;
    });
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send(JSON.stringify({ type: 'subscribe', topic: 'app/acme/shop/ports' }));

    // web-1 sends 1 MB/s into the switch (8 Mb/s), db-1 receives 250 kB/s (2 Mb/s)
    const udp = createSocket('udp4');
    let tick = 0;
    const send = () => {
      const uptimeMs = 60_000 + tick * 500;
      const seconds = tick / 2;
      const datagram = encodeDatagram({
        agent: AGENT,
        subAgentId: 0,
        sequence: tick,
        uptimeMs,
        samples: [
          ovsCounterSample(41, 'tap-web1', 1_000_000 * seconds, 10_000 * seconds, tick),
          ovsCounterSample(43, 'tap-db1', 5_000 * seconds, 250_000 * seconds, tick),
          // an interface the OVS DB does not know: counted, never put on the app
          ovsCounterSample(99, 'tap-other', 9_000_000 * seconds, 0, tick),
        ],
      });
      udp.send(datagram, sflowPort, '127.0.0.1');
      tick++;
    };
    const timer = setInterval(send, 500);
    try {
      const ready = () =>
        (ports['web-1/eth0']?.inBps ?? null) !== null &&
        (ports['db-1/eth0']?.outBps ?? null) !== null;
      const deadline = Date.now() + 15_000;
      while (!ready() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(ready(), JSON.stringify(ports)).toBe(true);
      expect(ports['web-1/eth0']).toMatchObject({
        objectId: 'web-1',
        nicId: 'eth0',
        portName: 'tap-web1',
        agent: AGENT,
        ifIndex: 41,
        up: true,
      });
      expect(ports['web-1/eth0']?.inBps).toBeCloseTo(8_000_000, -4);
      expect(ports['db-1/eth0']?.outBps).toBeCloseTo(2_000_000, -4);
      expect(Object.keys(ports).sort()).toEqual(['db-1/eth0', 'web-1/eth0']);
    } finally {
      clearInterval(timer);
      udp.close();
      ws.terminate();
    }
  });
});
