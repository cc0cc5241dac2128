import { isIPv6 } from 'node:net';
import {
  type AgentHealth,
  type FlowEstimate,
  FlowTracker,
  type PortRate,
  PortRateTracker,
} from '@netcanvas/sflow';
import { SflowCollector, type SflowCollectorOptions } from '@netcanvas/sflow/node';
import { type CommandResult, EXIT } from '../output.ts';

export interface ListenOptions {
  readonly port: number;
  readonly seconds: number | undefined;
  readonly json: boolean;
  readonly host: string | undefined;
  readonly write: (text: string) => void;
  /** clear the terminal before each refresh */
  readonly clear?: boolean;
}

const TOP_FLOWS = 20;
const WINDOW = '10s';

/** One refresh of `sflow listen`, also its `--json` line. */
export interface ListenFrame {
  readonly atMs: number;
  readonly listening: readonly string[];
  readonly agents: readonly Pick<
    AgentHealth,
    'agent' | 'datagrams' | 'samples' | 'lostDatagrams' | 'decodeErrors' | 'restarts'
  >[];
  readonly flows: readonly FlowEstimate[];
  readonly ports: readonly PortRate[];
}

/**
 * `sflow listen`: binds the collector (loopback by default), and every second prints the
 * top flows of the last 10 s, per-port rates from counter samples and per-agent health,
 * until `seconds` have passed or SIGINT/SIGTERM.
 */
export async function listenCommand(options: ListenOptions): Promise<CommandResult> {
  const collector = new SflowCollector(collectorOptions(options));
  const flows = new FlowTracker();
  const ports = new PortRateTracker();
  collector.on('datagram', ({ datagram, receivedAtMs }) => {
    flows.addDatagram(datagram, receivedAtMs);
    ports.addDatagram(datagram, receivedAtMs);
  });
  collector.on('error', () => undefined);
  try {
    await collector.start();
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why =
      e.code === 'EADDRINUSE'
        ? 'the port is in use (another collector, e.g. hsflowd or sfacctd?); pick another with --port N'
        : e.code === 'EACCES'
          ? 'permission denied; ports below 1024 need root'
          : e.message;
    return { exitCode: EXIT.unavailable, stderr: `cannot listen for sFlow: ${why}\n` };
  }
  const listening = Object.values(collector.addresses()).map((a) =>
    a.family === 'IPv6' ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`,
  );
  if (!options.json) options.write(`listening for sFlow on ${listening.join(', ')}\n`);

  const frame = (): ListenFrame => {
    const now = Date.now();
    return {
      atMs: now,
      listening,
      agents: collector.stats().agents.map((a) => ({
        agent: a.agent,
        datagrams: a.datagrams,
        samples: a.samples,
        lostDatagrams: a.lostDatagrams,
        decodeErrors: a.decodeErrors,
        restarts: a.restarts,
      })),
      flows: flows.top(WINDOW, TOP_FLOWS, now),
      ports: ports.rates().sort((a, b) => a.agent.localeCompare(b.agent) || a.ifIndex - b.ifIndex),
    };
  };
  const print = () => {
    const f = frame();
    if (options.json) options.write(`${JSON.stringify(f)}\n`);
    else options.write(`${options.clear ? '\x1b[H\x1b[2J' : '\n'}${formatFrame(f)}`);
  };

  await new Promise<void>((resolve) => {
    const timer = setInterval(print, 1000);
    const stop = () => {
      clearInterval(timer);
      clearTimeout(deadline);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    const deadline =
      options.seconds === undefined ? undefined : setTimeout(stop, options.seconds * 1000);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  print();
  await collector.close();
  return { exitCode: EXIT.ok };
}

function collectorOptions(options: ListenOptions): SflowCollectorOptions {
  const { host, port } = options;
  if (host === undefined) {
    return { port, ipv4Address: '127.0.0.1', ipv6Address: '::1' };
  }
  return isIPv6(host)
    ? { port, families: ['ipv6'], ipv6Address: host }
    : { port, families: ['ipv4'], ipv4Address: host };
}

const PROTOCOLS: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'icmpv6' };

/** The text table of one refresh. */
export function formatFrame(f: ListenFrame): string {
  const lines = [`sFlow ${new Date(f.atMs).toISOString()}  listening on ${f.listening.join(', ')}`];
  lines.push('', row(['agent', 'datagrams', 'samples', 'lost', 'errors', 'restarts'], AGENT_W));
  if (f.agents.length === 0) lines.push('(no sFlow received yet)');
  for (const a of f.agents) {
    lines.push(
      row(
        [a.agent, a.datagrams, a.samples, a.lostDatagrams, a.decodeErrors, a.restarts].map(String),
        AGENT_W,
      ),
    );
  }
  lines.push('', `top flows, last ${WINDOW}`);
  lines.push(row(['proto', 'source', 'destination', 'bits/s', 'packets/s'], FLOW_W));
  for (const x of f.flows) {
    lines.push(
      row(
        [
          PROTOCOLS[x.protocol] ?? String(x.protocol),
          endpoint(x.src, x.srcPort),
          endpoint(x.dst, x.dstPort),
          si(x.bytesPerSec * 8),
          si(x.packetsPerSec),
        ],
        FLOW_W,
      ),
    );
  }
  if (f.ports.length > 0) {
    lines.push('', 'ports, from counter samples');
    lines.push(row(['agent', 'ifIndex', 'name', 'in bits/s', 'out bits/s', 'up'], PORT_W));
    for (const p of f.ports) {
      lines.push(
        row(
          [
            p.agent,
            String(p.ifIndex),
            p.ifName ?? '',
            p.inBitsPerSec === null ? '?' : si(p.inBitsPerSec),
            p.outBitsPerSec === null ? '?' : si(p.outBitsPerSec),
            p.operUp ? 'up' : 'down',
          ],
          PORT_W,
        ),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const AGENT_W = [-24, 10, 10, 8, 8, 9];
const FLOW_W = [-7, -42, -42, 10, 10];
const PORT_W = [-24, 8, -16, 11, 11, 5];

/** Pads each cell: negative widths left-align, positive right-align. */
function row(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((c, i) => {
      const w = widths[i] ?? 0;
      return w < 0 ? c.padEnd(-w) : c.padStart(w);
    })
    .join(' ')
    .trimEnd();
}

function endpoint(address: string, port: number): string {
  const host = address.includes(':') ? `[${address}]` : address;
  return port ? `${host}:${port}` : host;
}

function si(value: number): string {
  const units = ['', 'k', 'M', 'G', 'T'];
  let v = value;
  let u = 0;
  while (Math.abs(v) >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v >= 100 || u === 0 ? v.toFixed(0) : v.toFixed(1)}${units[u]}`;
}
