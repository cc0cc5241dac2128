import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Summary } from './stats.ts';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** A counters line of broadcast-server.ts. */
export interface ServerSample {
  readonly atMs: number;
  readonly rss: number;
  readonly heapUsed: number;
  readonly ticks: number;
  /** time spent in ticks since start (cumulative) */
  readonly tickMs: number;
  /** CPU (user + system) spent in ticks since start: the work, whatever else the machine runs */
  readonly tickCpuMs: number;
  /** of which in JSON.stringify (cumulative, wall) */
  readonly serializeMs: number;
  /** the longest tick in the last second */
  readonly tickMsMax: number;
  readonly clients: number;
  readonly bufferedBytes: number;
  readonly framesSent: number;
  /** WebSocket messages (netcanvas: a batch of frames counts once; naive: one per frame) */
  readonly messagesSent?: number;
  readonly framesDropped?: number;
  readonly snapshotsSent?: number;
  readonly heartbeatTimeouts?: number;
}

/** A running broadcast-server.ts child and the counters it has printed so far. */
export interface Broadcaster {
  readonly url: string;
  readonly pid: number;
  readonly samples: ServerSample[];
  stop(): Promise<void>;
}

function tsx(script: string, args: readonly string[], stderr: 'inherit' | 'pipe'): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', here(script), ...args], {
    stdio: ['pipe', 'pipe', stderr],
  });
}

/** Starts one server process (`netcanvas` or `naive`) and waits for its port. */
export async function startBroadcaster(
  mode: 'netcanvas' | 'naive',
  payloadFile: string,
): Promise<Broadcaster> {
  const child = tsx('./broadcast-server.ts', [mode, payloadFile], 'inherit');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const samples: ServerSample[] = [];
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
    lines.on('line', (line) => {
      const msg = JSON.parse(line) as { port?: number } & ServerSample;
      if (msg.port !== undefined) resolve(msg.port);
      else samples.push(msg);
    });
  });
  return {
    url: `ws://127.0.0.1:${port}/api/stream`,
    pid: child.pid ?? 0,
    samples,
    stop: async () => {
      child.stdin?.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** What load-clients.ts reports. */
export interface ClientsResult {
  readonly clients: number;
  readonly probes: number;
  readonly connectMs: number;
  readonly latency: Summary;
  readonly probeFrames: number;
  readonly reconnects: number;
  readonly closedByServer: number;
  readonly failures: number;
  /** failed connections by cause: an errno (ECONNRESET…), no-open-in-time, no-snapshots-in-time */
  readonly failureCauses: Readonly<Record<string, number>>;
  readonly loopDelayP99Ms: number;
}

export interface ClientsRun {
  readonly clients: number;
  readonly throttledEvery: number;
  readonly warmupS: number;
  readonly measureS: number;
  readonly probes: number;
  /** called once every client has its first frames, when warm-up starts */
  readonly onConnected?: () => void;
}

/** Runs the load-clients.ts process against `url` to the end of its measurement. */
export async function runClients(url: string, run: ClientsRun): Promise<ClientsResult> {
  const child = tsx(
    './load-clients.ts',
    [url, run.clients, run.throttledEvery, run.warmupS, run.measureS, run.probes].map(String),
    'pipe',
  );
  let errors = '';
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
    if (line.startsWith('connected ')) run.onConnected?.();
    else errors += `${line}\n`;
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`load clients exited with ${code}: ${errors.slice(-2000)}`);
  return JSON.parse(out) as ClientsResult;
}

/**
 * The soft limit on open files this process (and so each child) has, from /proc (Linux);
 * undefined elsewhere. Every client is a descriptor in the server and in the load process.
 */
export function openFilesLimit(): number | undefined {
  try {
    const line = /^Max open files\s+(\d+|unlimited)/m.exec(
      readFileSync('/proc/self/limits', 'utf8'),
    );
    if (!line) return undefined;
    return line[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(line[1]);
  } catch {
    return undefined;
  }
}
