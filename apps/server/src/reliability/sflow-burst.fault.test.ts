import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { promisify } from 'node:util';
import {
  freeUdpPort,
  type StandaloneServer,
  startOvsdbServer,
  VSWITCH_SCHEMA,
} from '@netcanvas/ovsdb/testing';
import { type CounterSample, encodeDatagram } from '@netcanvas/sflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ovsCounterSample, plugWorkloadTaps } from '../live/ovs-fixtures.ts';
import type { RunningServer } from '../serve.ts';
import type { HealthEntry, PortLoad } from '../stream/index.ts';
import { applyChanges } from '../stream/keyed-diff.ts';
import { ApiClient } from '../test-client.ts';
import { startTestServer } from '../test-server.ts';
import { threeTier } from '../test-world.ts';

const run = promisify(execFile);
/** the hypervisor's sFlow agent (TEST-NET-1: nothing else sends as it) */
const AGENT = '192.0.2.10';
const BURST_MS = 60_000;
/** the agent restarts (sequence, uptime, counters and sample sequences from zero) this often */
const RESTART_EVERY_MS = 20_000;
/** every this-many-th sequence number is withheld, and the first two after each restart */
const WITHHOLD_EVERY = 25;
/** what the ports send: web-1 takes in 1 MB/s (8 Mb/s), db-1 sends 250 kB/s (2 Mb/s) */
const WEB_IN_BPS = 8_000_000;
const DB_OUT_BPS = 2_000_000;
const HEAP_BOUND = 32 * 2 ** 20;
const RSS_BOUND = 128 * 2 ** 20;

/** One OVS interface's counters at `seconds` of uptime since its agent booted. */
function counters(
  ifIndex: number,
  name: string,
  inBps: number,
  outBps: number,
  seconds: number,
  sequence: number,
): CounterSample {
  const inOctets = Math.floor((inBps / 8) * seconds);
  const outOctets = Math.floor((outBps / 8) * seconds);
  return ovsCounterSample(ifIndex, name, inOctets, outOctets, sequence);
}

describe('a sustained sFlow burst: 10× the normal rate for 60 s, with agent restarts and withheld datagrams', {
  timeout: 120_000,
}, () => {
  let nb: StandaloneServer;
  let vswitch: StandaloneServer;
  let server: RunningServer;
  let admin: ApiClient;
  let sflowPort: number;
  const vsctl = (...args: string[]) =>
    run('ovs-vsctl', ['--no-wait', `--db=${vswitch.unixRemote}`, '--timeout=10', ...args]);
  const metric = async (name: string) => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  };
  const applyTo = async (controller: number, app: string) => {
    const created = await admin.post('/api/tenants/acme/apps', { app: threeTier(app) });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const plan = await admin.post(`/api/tenants/acme/apps/${app}/plan`, { controller });
    const applied = await admin.post(`/api/tenants/acme/apps/${app}/apply`, {
      planId: plan.json.planId,
    });
    expect(applied.status, JSON.stringify(applied.json)).toBe(200);
  };

  beforeAll(async () => {
    [nb, vswitch, sflowPort] = await Promise.all([
      startOvsdbServer(),
      startOvsdbServer({ schema: VSWITCH_SCHEMA }),
      freeUdpPort(),
    ]);
    await plugWorkloadTaps(vsctl);
    server = await startTestServer({ sflowPort });
    const first = server.firstRun;
    if (!first) throw new Error('expected a fresh data dir');
    admin = new ApiClient(server.url);
    expect((await admin.login(first.username, first.password)).status).toBe(200);
    expect((await admin.post('/api/tenants', { id: 'acme', name: 'Acme' })).status).toBe(201);
    const site = await admin.post('/api/tenants/acme/controllers', {
      name: 'lab',
      kind: 'ovn',
      remote: nb.tcpRemote,
      ovsRemote: `${AGENT}@${vswitch.tcpRemote}`,
    });
    expect(site.status, JSON.stringify(site.json)).toBe(201);
    const sandbox = await admin.post('/api/tenants/acme/controllers', {
      name: 'sb',
      kind: 'sandbox',
    });
    // the normal feed: the sandbox agent's telemetry of one applied three-tier app
    await applyTo(sandbox.json.id, 'steady');
    await applyTo(site.json.id, 'shop');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await Promise.all([nb?.stop(), vswitch?.stop()]);
  });

  it('stays up with bounded memory, shows no rate spike across restarts, and counts exactly the datagrams withheld', async () => {
    // what the sandbox sends on its own, before the burst
    await new Promise((r) => setTimeout(r, 500));
    const normalFrom = await metric('netcanvas_sflow_datagrams_total');
    await new Promise((r) => setTimeout(r, 3000));
    const normalPerSec = ((await metric('netcanvas_sflow_datagrams_total')) - normalFrom) / 3;
    expect(normalPerSec).toBeGreaterThan(0);
    const burstPerSec = Math.ceil(10 * normalPerSec);

    let ports: Record<string, PortLoad> = {};
    let health: Record<string, HealthEntry> = {};
    const peak = { webIn: 0, dbOut: 0 };
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/stream`, {
      headers: { cookie: admin.cookie ?? '' },
    });
    ws.on('message', (d) => {
      const f = JSON.parse(String(d));
      if (f.type !== 'snapshot' && f.type !== 'delta') return;
      const next = (state: Record<string, unknown>) =>
        f.type === 'snapshot' ? f.state : applyChanges(state, f.changes);
      if (f.topic === 'telemetry/health') health = next(health);
      if (f.topic !== 'app/acme/shop/ports') return;
      ports = next(ports);
      peak.webIn = Math.max(peak.webIn, ports['web-1/eth0']?.inBps ?? 0);
      peak.dbOut = Math.max(peak.dbOut, ports['db-1/eth0']?.outBps ?? 0);
    });
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send(JSON.stringify({ type: 'subscribe', topic: 'app/acme/shop/ports' }));
    ws.send(JSON.stringify({ type: 'subscribe', topic: 'telemetry/health' }));

    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const rssBefore = process.memoryUsage().rss;
    const udp = createSocket('udp4');
    const started = Date.now();
    let bootAt = started;
    // up for five minutes when the burst starts; a restart boots it at uptime 0
    let uptimeBase = 300_000;
    let sequence = 0;
    let samples = 0;
    let lastUptimeMs = -1;
    let sent = 0;
    let withheld = 0;
    let restarts = 0;
    const sendOne = () => {
      const now = Date.now();
      if (now - bootAt >= RESTART_EVERY_MS && restarts < 2) {
        restarts++;
        bootAt = now;
        uptimeBase = 0;
        sequence = 0;
        samples = 0;
        lastUptimeMs = -1;
        // the first two datagrams of the new sequence never arrive
        sequence += 2;
        withheld += 2;
      }
      sequence++;
      if (sequence % WITHHOLD_EVERY === 0) {
        withheld++;
        sequence++;
      }
      samples++;
      // a late timer sends several at once: each still a millisecond after the last, as an
      // agent's counter polls are (the same uptime twice would read as no traffic between)
      const uptimeMs = Math.max(uptimeBase + (now - bootAt), lastUptimeMs + 1);
      lastUptimeMs = uptimeMs;
      const seconds = uptimeMs / 1000;
      const datagram = encodeDatagram({
        agent: AGENT,
        subAgentId: 0,
        sequence,
        uptimeMs,
        samples: [
          counters(41, 'tap-web1', WEB_IN_BPS, 80_000, seconds, samples),
          counters(43, 'tap-db1', 40_000, DB_OUT_BPS, seconds, samples),
        ],
      });
      udp.send(datagram, sflowPort, '127.0.0.1');
      sent++;
    };
    const healthAlive: number[] = [];
    await new Promise<void>((resolve) => {
      // paced from the clock, so a late timer catches up and the average rate is exact
      const timer = setInterval(() => {
        const elapsed = Date.now() - started;
        const due = Math.floor((Math.min(elapsed, BURST_MS) / 1000) * burstPerSec);
        while (sent < due) sendOne();
        if (elapsed >= BURST_MS) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
      const probe = setInterval(async () => {
        if (Date.now() - started >= BURST_MS) return clearInterval(probe);
        healthAlive.push((await fetch(`${server.url}/api/health`)).status);
      }, 10_000);
    });
    // the rates as the burst ends, 20 s after the last restart
    const atEnd = ports['web-1/eth0']?.inBps;
    udp.close();
    // one more refresh of the topics after the last datagram
    await new Promise((r) => setTimeout(r, 2500));
    ws.terminate();

    const agent = health[`agent:${AGENT}`];
    globalThis.gc?.();
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    const seconds = BURST_MS / 1000;
    console.log('sFlow 10× burst', {
      normalPerSec,
      burstPerSec,
      seconds,
      sent,
      withheld,
      restarts,
      received: agent?.kind === 'agent' ? agent.datagrams : undefined,
      lost: agent?.kind === 'agent' ? agent.lostDatagrams : undefined,
      peakWebInBps: peak.webIn,
      peakDbOutBps: peak.dbOut,
      webInBpsAtEnd: atEnd,
      heapGrowthMB: Math.round(heapGrowth / 2 ** 20),
      rssGrowthMB: Math.round(rssGrowth / 2 ** 20),
    });
    expect(restarts).toBe(2);
    expect(healthAlive.every((s) => s === 200)).toBe(true);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    // every datagram sent arrived (loopback at this rate drops none) and every one withheld
    // is counted lost: the gaps, and the first two after each restart
    expect(agent).toMatchObject({ kind: 'agent', datagrams: sent, restarts: 2 });
    expect(agent?.kind === 'agent' && agent.lostDatagrams).toBe(withheld);
    expect(await metric('netcanvas_sflow_lost_datagrams')).toBeGreaterThanOrEqual(withheld);
    // counters reset at each restart: the rate re-baselines, never a spike above what was sent
    expect(peak.webIn).toBeGreaterThan(0);
    expect(peak.webIn).toBeLessThanOrEqual(WEB_IN_BPS * 1.01);
    expect(peak.dbOut).toBeLessThanOrEqual(DB_OUT_BPS * 1.01);
    // and after the last restart the rates are back at what the ports carry
    expect(atEnd).toBeCloseTo(WEB_IN_BPS, -5);
    expect(heapGrowth).toBeLessThan(HEAP_BOUND);
    expect(rssGrowth).toBeLessThan(RSS_BOUND);
  });
});
