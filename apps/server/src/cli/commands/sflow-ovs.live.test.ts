/**
 * Live: real Open vSwitch (userspace datapath) in a private network namespace, two
 * workload namespaces on veths, sFlow export, and a ping flood between them. Checks that
 * flow samples resolve through the HypervisorPortMap to the right iface-ids and that the
 * counter samples agree with `ovs-ofctl dump-ports` and Interface statistics.
 *
 * OVS sends sFlow from inside its namespace, where the host's loopback is unreachable.
 * Rather than add a device to the host namespace, a tiny relay runs inside it (`ip netns
 * exec … node`): it receives on the namespace's 127.0.0.1 and writes each datagram to its
 * stdout, and the test re-sends them over the host's loopback to the SflowCollector.
 * Needs root, ovs-vswitchd and ping; skips otherwise.
 */
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HypervisorPortMap } from '@netcanvas/ovn';
import {
  type StandaloneServer,
  startOvsdbServer,
  stopDaemon,
  VSWITCH_SCHEMA,
} from '@netcanvas/ovsdb/testing';
import type { CounterSample, FlowSample, GenericInterfaceCounters } from '@netcanvas/sflow';
import { SflowCollector } from '@netcanvas/sflow/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const has = (bin: string) => spawnSync('which', [bin], { stdio: 'ignore' }).status === 0;
const skipReason =
  process.getuid?.() !== 0
    ? 'not root (network namespaces and veths need it)'
    : !has('ovs-vswitchd')
      ? 'ovs-vswitchd is not installed (apt-get install openvswitch-switch)'
      : !has('ping')
        ? 'ping is not installed (apt-get install iputils-ping)'
        : undefined;
if (skipReason) console.warn(`skipping the live Open vSwitch sFlow test: ${skipReason}`);

const id = randomBytes(3).toString('hex');
const SWITCH_NS = `nc-test-${id}`;
const WORKLOADS = [
  { ns: `nc-test-${id}-a`, port: `nc${id}a`, ip: '10.99.0.1', lsp: 'lsp-web-1' },
  { ns: `nc-test-${id}-b`, port: `nc${id}b`, ip: '10.99.0.2', lsp: 'lsp-web-2' },
] as const;
const POLLING_S = 2;
const SAMPLING = 4;
/** what a quiet port may still exchange between two readings: a few ARP frames */
const QUIET_PACKETS = 4;
const QUIET_BYTES = QUIET_PACKETS * 42;

const RELAY = `
const s = require('node:dgram').createSocket('udp4');
s.on('message', (m) => { const h = Buffer.alloc(4); h.writeUInt32BE(m.length); process.stdout.write(Buffer.concat([h, m])); });
s.bind(Number(process.argv[1]), '127.0.0.1', () => process.stdout.write(Buffer.alloc(4)));
`;

describe.skipIf(skipReason !== undefined)(
  'sFlow from a real Open vSwitch',
  { timeout: 90_000 },
  () => {
    let server: StandaloneServer;
    let vswitchdPid = 0;
    let relay: ChildProcess | undefined;
    let collector: SflowCollector;
    let portMap: HypervisorPortMap;
    const namespaces: string[] = [];
    const flows: FlowSample[] = [];
    const counters: { at: number; sample: CounterSample }[] = [];
    const env = () => ({
      ...process.env,
      OVS_RUNDIR: server.dir,
      OVS_LOGDIR: server.dir,
      OVS_DBDIR: server.dir,
      OVS_SYSCONFDIR: server.dir,
    });
    const vsctl = (...args: string[]) =>
      run('ovs-vsctl', [`--db=${server.unixRemote}`, '--timeout=15', ...args], { env: env() });
    const inNs = (ns: string, ...args: string[]) => run('ip', ['netns', 'exec', ns, ...args]);

    beforeAll(async () => {
      server = await startOvsdbServer({ schema: VSWITCH_SCHEMA });
      await vsctl('--no-wait', 'init');
      for (const ns of [SWITCH_NS, ...WORKLOADS.map((w) => w.ns)]) {
        await run('ip', ['netns', 'add', ns]);
        namespaces.push(ns);
        await run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
        // no IPv6 neighbour/router chatter on the ports, so counters stop when ping stops
        await inNs(ns, 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1');
        await inNs(ns, 'sysctl', '-qw', 'net.ipv6.conf.default.disable_ipv6=1');
      }
      const pidfile = join(server.dir, 'ovs-vswitchd.pid');
      await run(
        'ip',
        [
          'netns',
          'exec',
          SWITCH_NS,
          'ovs-vswitchd',
          server.unixRemote,
          '--detach',
          '--no-chdir',
          `--pidfile=${pidfile}`,
          `--log-file=${join(server.dir, 'ovs-vswitchd.log')}`,
          '-vconsole:off',
        ],
        { env: env() },
      );
      vswitchdPid = Number((await readFile(pidfile, 'utf8')).trim());
      await vsctl('add-br', 'br0', '--', 'set', 'bridge', 'br0', 'datapath_type=netdev');
      for (const w of WORKLOADS) {
        await run('ip', [
          '-n',
          SWITCH_NS,
          'link',
          'add',
          w.port,
          'type',
          'veth',
          'peer',
          'name',
          'eth0',
          'netns',
          w.ns,
        ]);
        await run('ip', ['-n', w.ns, 'addr', 'add', `${w.ip}/24`, 'dev', 'eth0']);
        await run('ip', ['-n', w.ns, 'link', 'set', 'eth0', 'up']);
        await run('ip', ['-n', SWITCH_NS, 'link', 'set', w.port, 'up']);
        await vsctl(
          'add-port',
          'br0',
          w.port,
          '--',
          'set',
          'Interface',
          w.port,
          `external_ids:iface-id=${w.lsp}`,
        );
      }

      collector = new SflowCollector({ port: 0, families: ['ipv4'], ipv4Address: '127.0.0.1' });
      collector.on('datagram', ({ datagram, receivedAtMs }) => {
        for (const s of datagram.samples) {
          if (s.kind === 'flow') flows.push(s);
          else if (s.kind === 'counters') counters.push({ at: receivedAtMs, sample: s });
        }
      });
      await collector.start();
      const collectorPort = collector.addresses().ipv4?.port ?? 0;

      const relayPort = 20_000 + Math.floor(Math.random() * 20_000);
      relay = spawn(
        'ip',
        ['netns', 'exec', SWITCH_NS, process.execPath, '-e', RELAY, String(relayPort)],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const forward = createSocket('udp4');
      let pending = Buffer.alloc(0);
      let ready: () => void = () => undefined;
      const listening = new Promise<void>((resolve) => {
        ready = resolve;
      });
      relay.stdout?.on('data', (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 4) {
          const n = pending.readUInt32BE(0);
          if (pending.length < 4 + n) break;
          if (n === 0) ready();
          else forward.send(pending.subarray(4, 4 + n), collectorPort, '127.0.0.1');
          pending = pending.subarray(4 + n);
        }
      });
      await listening;

      portMap = await HypervisorPortMap.connect({
        agent: '127.0.0.1',
        remote: server.unixRemote,
        statistics: true,
      });
      await vsctl(
        '--',
        '--id=@s',
        'create',
        'sflow',
        'agent=lo',
        `target="127.0.0.1:${relayPort}"`,
        `sampling=${SAMPLING}`,
        `polling=${POLLING_S}`,
        'header=128',
        '--',
        'set',
        'bridge',
        'br0',
        'sflow=@s',
      );
      // vswitchd fills in ifindex and ofport; the port map follows through its monitor
      for (let i = 0; i < 100 && portMap.entries().filter((e) => e.ifaceId).length < 2; i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
    });

    afterAll(async () => {
      portMap?.close();
      if (vswitchdPid) {
        // vswitchd removes its tap devices itself while it is still running
        await vsctl('--if-exists', 'del-br', 'br0').catch(() => undefined);
        await stopDaemon(vswitchdPid);
      }
      if (relay?.pid) relay.kill('SIGTERM');
      await collector?.close();
      for (const ns of namespaces) await run('ip', ['netns', 'del', ns]).catch(() => undefined);
      await server?.stop();
    });

    it('maps flow samples to the iface-ids of the ports they entered and left by', async () => {
      const [a, b] = WORKLOADS;
      await inNs(a.ns, 'ping', '-f', '-c', '2000', '-W', '1', '-q', b.ip);
      for (let i = 0; i < 40 && flows.length < 200; i++)
        await new Promise((r) => setTimeout(r, 100));

      const icmp = flows.flatMap((s) => {
        const raw = s.records.find((r) => r.type === 'raw-header');
        const ip = raw?.type === 'raw-header' ? raw.decoded?.ip : undefined;
        return ip?.protocol === 1 ? [{ s, ip }] : [];
      });
      // 4,000 ICMP packets cross the bridge sampled 1 in 4: expect hundreds of samples
      expect(icmp.length).toBeGreaterThan(300);
      const port = (i: FlowSample['input']) =>
        i.format === 'ifindex' ? portMap.lookup('127.0.0.1', i.ifIndex)?.ifaceId : undefined;
      const seen = new Map<string, number>();
      for (const { s, ip } of icmp) {
        const key = `${ip.src}>${ip.dst} in=${port(s.input)} out=${port(s.output)}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
      expect([...seen.keys()].sort()).toEqual([
        `${a.ip}>${b.ip} in=${a.lsp} out=${b.lsp}`,
        `${b.ip}>${a.ip} in=${b.lsp} out=${a.lsp}`,
      ]);
    });

    it('reports per-port counters that agree with ovs-ofctl dump-ports and Interface statistics', async () => {
      // traffic has stopped: wait for a polling round after it and for OVS's 5 s statistics refresh
      const quietSince = Date.now();
      await new Promise((r) => setTimeout(r, Math.max(POLLING_S * 2, 6) * 1000));
      const { stdout } = await run('ovs-ofctl', ['--no-names', 'dump-ports', 'br0'], {
        env: env(),
      });
      const ofctl = parseDumpPorts(stdout);
      for (const w of WORKLOADS) {
        const entry = portMap.entries().find((e) => e.ifaceId === w.lsp);
        expect(entry, `port map entry for ${w.lsp}`).toBeDefined();
        const latest = counters
          .filter(
            ({ at, sample }) =>
              at > quietSince + POLLING_S * 1000 && sample.sourceId.index === entry?.ifIndex,
          )
          .at(-1)?.sample;
        const generic = latest?.records.find(
          (r): r is GenericInterfaceCounters => r.type === 'generic-interface',
        );
        expect(generic, `a counter sample for ${w.port} after the traffic`).toBeDefined();
        const of = ofctl.get(String(entry?.ofport));
        // both sides of the port saw the 2,000 requests or replies (98-byte frames)
        expect(of?.rxPackets).toBeGreaterThanOrEqual(2000);
        // the port is quiet now, but an ARP refresh (42-byte frames) may fall between readings;
        // Interface statistics are also up to 5 s old
        const within = (x: number | null | undefined, y: number | undefined, slack: number) =>
          expect(Math.abs((x ?? Number.NaN) - (y ?? Number.NaN))).toBeLessThanOrEqual(slack);
        within(generic?.inOctets, of?.rxBytes, QUIET_BYTES);
        within(generic?.outOctets, of?.txBytes, QUIET_BYTES);
        const stats = entry ? portMap.statistics(entry.ifIndex) : undefined;
        within(stats?.rx_bytes, of?.rxBytes, QUIET_BYTES);
        within(stats?.tx_bytes, of?.txBytes, QUIET_BYTES);
        within(stats?.rx_packets, of?.rxPackets, QUIET_PACKETS);
        within(stats?.tx_packets, of?.txPackets, QUIET_PACKETS);
      }
    });
  },
);

interface PortCounters {
  rxPackets: number;
  rxBytes: number;
  txPackets: number;
  txBytes: number;
}

/** `port  OFPORT: rx pkts=…, bytes=…` / `tx pkts=…, bytes=…` lines of ovs-ofctl dump-ports, by OpenFlow port. */
function parseDumpPorts(text: string): Map<string, PortCounters> {
  const out = new Map<string, PortCounters>();
  const re = /port\s+"?([^:"]+)"?:\s*rx pkts=(\d+), bytes=(\d+).*?\n\s*tx pkts=(\d+), bytes=(\d+)/g;
  for (const m of text.matchAll(re)) {
    out.set(m[1]?.trim() ?? '', {
      rxPackets: Number(m[2]),
      rxBytes: Number(m[3]),
      txPackets: Number(m[4]),
      txBytes: Number(m[5]),
    });
  }
  return out;
}
