import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

// both print Date.now(): one clock for every process (a child's timeOrigin may be off by tens of ms)
const LISTENER = `
const [ip, port] = process.argv.slice(1);
const now = () => Date.now();
require('node:net').createServer((s) => s.end()).listen(Number(port), ip, () => console.log('ready ' + now()));
`;
/** a fresh connection every `every` ms (a lost SYN is retried by TCP only after 1 s); the first that connects wins */
const PROBE = `
const [host, port, every, limit] = process.argv.slice(1).map((x, i) => (i ? Number(x) : x));
const net = require('node:net');
const now = () => Date.now();
const start = now();
let tries = 0;
console.log('ready ' + start);
const tick = () => {
  tries++;
  const s = net.connect({ host, port });
  s.on('connect', () => { console.log('connected ' + now() + ' ' + tries); process.exit(0); });
  s.on('error', () => s.destroy());
  if (now() - start > limit) { console.log('gave-up ' + now() + ' ' + tries); process.exit(1); }
  setTimeout(tick, every);
};
tick();
`;

/** A process started in a namespace, with each stdout line's tag and wall-clock time. */
export interface NsProcess {
  readonly child: ChildProcess;
  /** resolves with the wall-clock ms of the first line tagged `tag` (and the line's fields) */
  line(tag: string): Promise<{ at: number; fields: string[] }>;
  stop(): void;
}

function inNamespace(netns: string, script: string, args: string[]): NsProcess {
  const child = spawn('ip', ['netns', 'exec', netns, process.execPath, '-e', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const waiting = new Map<string, (v: { at: number; fields: string[] }) => void>();
  const seen = new Map<string, { at: number; fields: string[] }>();
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (l) => {
    const [tag = '', at = '0', ...fields] = l.trim().split(' ');
    const v = { at: Number(at), fields };
    seen.set(tag, v);
    waiting.get(tag)?.(v);
  });
  return {
    child,
    line: (tag) =>
      new Promise((resolve, reject) => {
        const had = seen.get(tag);
        if (had) return resolve(had);
        waiting.set(tag, resolve);
        child.once('exit', (code) => {
          const now = seen.get(tag);
          if (now) resolve(now);
          else reject(new Error(`probe in ${netns} exited ${code} before "${tag}"`));
        });
      }),
    stop: () => {
      if (child.exitCode === null && child.pid) child.kill('SIGTERM');
    },
  };
}

/** A TCP listener on `ip:port` inside `netns` (what app-1 serves on 8080). */
export function listen(netns: string, ip: string, port: number): NsProcess {
  return inNamespace(netns, LISTENER, [ip, String(port)]);
}

/** TCP connects to `host:port` from inside `netns` every `everyMs` until one succeeds (or `limitMs`). */
export function probe(
  netns: string,
  host: string,
  port: number,
  everyMs: number,
  limitMs: number,
): NsProcess {
  return inNamespace(netns, PROBE, [host, String(port), String(everyMs), String(limitMs)]);
}

/** Wall-clock ms now, comparable with what the namespace processes print. */
export const wallNow = () => Date.now();
