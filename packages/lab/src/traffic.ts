import { isIP } from 'node:net';
import { LabError } from './errors.ts';

/** A small traffic generator a workload runs, so the dashboards show real packets. */
export type TrafficProfile =
  | { readonly kind: 'http-server'; readonly port: number }
  | { readonly kind: 'http-client'; readonly url: string; readonly everyMs: number }
  | {
      readonly kind: 'udp-stream';
      readonly target: string;
      readonly port: number;
      readonly packetsPerSecond: number;
      readonly size: number;
    }
  | { readonly kind: 'ping'; readonly target: string; readonly everyMs: number };

// numeric addresses only: a workload namespace has no DNS, a lookup stalls ~15 s
const HTTP_SERVER = `
const [ip, port] = process.argv.slice(1);
require('node:http').createServer((q, r) => { q.resume(); r.end('netcanvas lab ' + ip + '\\n'); })
  .listen(Number(port), ip);
`;
const HTTP_CLIENT = `
const [url, every] = process.argv.slice(1);
const http = require('node:http');
const tick = () => {
  const q = http.get(url, { timeout: 2000 }, (r) => r.resume());
  q.on('timeout', () => q.destroy()); q.on('error', () => {});
  setTimeout(tick, Number(every));
};
tick();
`;
const UDP_STREAM = `
const [host, port, pps, size] = process.argv.slice(1).map((x, i) => (i ? Number(x) : x));
const s = require('node:dgram').createSocket(host.includes(':') ? 'udp6' : 'udp4');
s.on('error', () => {});
const payload = Buffer.alloc(size, 0x6e);
const batch = Math.max(1, Math.round(pps / 50));
setInterval(() => { for (let i = 0; i < batch; i++) s.send(payload, port, host); }, (1000 * batch) / pps);
`;

const numeric = (what: string, ip: string) => {
  if (isIP(ip) === 0) {
    throw new LabError(
      'bad-argument',
      `${what} "${ip}" is not a numeric IP address; workloads have no DNS, use the address`,
    );
  }
  return ip;
};

/** The command a workload runs for `profile`; `ownIp` is its first NIC's address. */
export function trafficCommand(
  profile: TrafficProfile,
  ownIp: string | undefined,
): { command: string; args: string[] } {
  const node = process.execPath;
  switch (profile.kind) {
    case 'http-server':
      return { command: node, args: ['-e', HTTP_SERVER, ownIp ?? '0.0.0.0', String(profile.port)] };
    case 'http-client':
      numeric('host of the URL', new URL(profile.url).hostname.replace(/^\[|\]$/g, ''));
      return { command: node, args: ['-e', HTTP_CLIENT, profile.url, String(profile.everyMs)] };
    case 'udp-stream':
      return {
        command: node,
        args: [
          '-e',
          UDP_STREAM,
          numeric('target', profile.target),
          String(profile.port),
          String(profile.packetsPerSecond),
          String(profile.size),
        ],
      };
    case 'ping':
      return {
        command: 'ping',
        args: ['-n', '-q', '-i', String(profile.everyMs / 1000), numeric('target', profile.target)],
      };
  }
}

/**
 * Parses a profile as a user types it:
 * `http-server 8080`, `http-client http://10.0.2.11:8080/ every 500`,
 * `udp-stream 10.0.2.11:9000 100pps 512`, `ping 10.0.2.11 every 1000`.
 */
export function parseTrafficProfile(text: string): TrafficProfile {
  const [kind, a, b, c] = text.trim().split(/\s+/);
  const bad = () =>
    new LabError(
      'bad-argument',
      `"${text}" is not a traffic profile: use "http-server PORT", "http-client URL every MS", "udp-stream IP:PORT PPSpps SIZE" or "ping IP every MS"`,
    );
  const int = (x: string | undefined, min: number, max: number) => {
    const n = Number(x);
    if (!Number.isInteger(n) || n < min || n > max) throw bad();
    return n;
  };
  const every = (word: string | undefined, ms: string | undefined, fallback: number) => {
    if (word === undefined) return fallback;
    if (word !== 'every') throw bad();
    return int(ms, 10, 3_600_000);
  };
  switch (kind) {
    case 'http-server':
      return { kind, port: int(a, 1, 65535) };
    case 'http-client':
      if (!a?.startsWith('http://')) throw bad();
      return { kind, url: a, everyMs: every(b, c, 1000) };
    case 'udp-stream': {
      const at = a?.lastIndexOf(':') ?? -1;
      if (!a || at < 0) throw bad();
      return {
        kind,
        target: a.slice(0, at).replace(/^\[|\]$/g, ''),
        port: int(a.slice(at + 1), 1, 65535),
        packetsPerSecond: int((b ?? '100pps').replace(/pps$/, ''), 1, 100_000),
        size: int(c ?? '512', 1, 1400),
      };
    }
    case 'ping':
      if (!a) throw bad();
      return { kind, target: a, everyMs: every(b, c, 1000) };
    default:
      throw bad();
  }
}

/** The profile in the form {@link parseTrafficProfile} reads. */
export function formatTrafficProfile(p: TrafficProfile): string {
  switch (p.kind) {
    case 'http-server':
      return `http-server ${p.port}`;
    case 'http-client':
      return `http-client ${p.url} every ${p.everyMs}`;
    case 'udp-stream':
      return `udp-stream ${p.target.includes(':') ? `[${p.target}]` : p.target}:${p.port} ${p.packetsPerSecond}pps ${p.size}`;
    case 'ping':
      return `ping ${p.target} every ${p.everyMs}`;
  }
}
