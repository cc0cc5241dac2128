import {
  type ClientsResult,
  runClients,
  type ServerSample,
  startBroadcaster,
} from './processes.ts';
import { largestPassing, slope } from './stats.ts';

/** The two broadcasters compared. */
export const MODES = ['netcanvas', 'naive'] as const;
export type Mode = (typeof MODES)[number];

/** Sizes always run, for the table at three sizes (issue #11), even past the cliff. */
export const TABLE_SIZES = [100, 1000, 5000];

/** The delivery target of issue #7. */
export const P99_TARGET_MS = 100;

/** One client count against one broadcaster. */
export interface FanOutStep {
  readonly mode: Mode;
  readonly n: number;
  readonly clients: ClientsResult;
  /** the longest single tick (publish + serialize + send) during the measurement */
  readonly tickMsMax: number;
  /** mean tick and the part of it in JSON.stringify, during the measurement */
  readonly tickMsMean: number;
  readonly serializeMsMean: number;
  /** mean CPU time of a tick: robust to other load on the machine, unlike the wall times */
  readonly tickCpuMsMean: number;
  readonly rssMb: number;
}

export interface FanOutResult {
  readonly steps: readonly FanOutStep[];
  readonly largest: Readonly<Record<Mode, number | undefined>>;
}

const MB = 1024 * 1024;
const passes = (s: FanOutStep) => s.clients.latency.p99 < P99_TARGET_MS;

async function fanOutStep(
  mode: Mode,
  n: number,
  payloadFile: string,
  timing: { warmupS: number; measureS: number; probes: number },
): Promise<FanOutStep> {
  const server = await startBroadcaster(mode, payloadFile);
  try {
    let from = Number.POSITIVE_INFINITY;
    const clients = await runClients(server.url, {
      clients: n,
      throttledEvery: 0,
      ...timing,
      onConnected: () => {
        from = Date.now() + timing.warmupS * 1000;
      },
    });
    const during = server.samples.filter((s) => s.atMs >= from);
    const first = during[0];
    const last = during.at(-1);
    const ticks = first && last ? last.ticks - first.ticks : 0;
    const mean = (total: (s: ServerSample) => number) =>
      first && last && ticks > 0 ? (total(last) - total(first)) / ticks : Number.NaN;
    return {
      mode,
      n,
      clients,
      tickMsMax: Math.max(0, ...during.map((s) => s.tickMsMax)),
      tickMsMean: mean((s) => s.tickMs),
      serializeMsMean: mean((s) => s.serializeMs),
      tickCpuMsMean: mean((s) => s.tickCpuMs),
      rssMb: (server.samples.at(-1)?.rss ?? 0) / MB,
    };
  } finally {
    await server.stop();
  }
}

/**
 * A fresh server process per broadcaster and client count, sizes in increasing order, both
 * broadcasters at each size; after two sizes over the target a broadcaster runs only the
 * table sizes.
 */
export async function runFanOut(
  payloadFile: string,
  sizes: readonly number[],
  timing: { warmupS: number; measureS: number; probes: number },
  log: (line: string) => void,
): Promise<FanOutResult> {
  const steps: FanOutStep[] = [];
  const misses: Record<Mode, number> = { netcanvas: 0, naive: 0 };
  // both at one size, then the next: background load on a shared machine hits both alike
  for (const n of sizes) {
    for (const mode of MODES) {
      if (misses[mode] >= 2 && !TABLE_SIZES.includes(n)) continue;
      const step = await fanOutStep(mode, n, payloadFile, timing);
      steps.push(step);
      const c = step.clients;
      log(
        `  ${mode} ${n} clients: p50 ${c.latency.p50.toFixed(1)} ms, p99 ${c.latency.p99.toFixed(1)} ms, tick mean ${step.tickMsMean.toFixed(1)} ms, CPU ${step.tickCpuMsMean.toFixed(1)} ms (stringify ${step.serializeMsMean.toFixed(1)}), longest ${step.tickMsMax.toFixed(0)} ms, client loop p99 ${c.loopDelayP99Ms.toFixed(0)} ms`,
      );
      if (!passes(step)) misses[mode]++;
    }
  }
  const largest = Object.fromEntries(
    MODES.map((mode) => [
      mode,
      largestPassing(
        steps.filter((s) => s.mode === mode).map((s) => ({ n: s.n, result: s })),
        passes,
      ),
    ]),
  ) as Record<Mode, number | undefined>;
  return { steps, largest };
}

/** RSS over a long run with some clients throttled. */
export interface MemoryRun {
  readonly mode: Mode;
  readonly startMb: number;
  readonly endMb: number;
  readonly maxMb: number;
  /** least-squares growth over the run */
  readonly mbPerMinute: number;
  readonly last: ServerSample | undefined;
  readonly clients: ClientsResult;
}

/** Both broadcasters side by side for `seconds`, each with its own client process. */
export async function runMemory(
  payloadFile: string,
  n: number,
  throttledEvery: number,
  seconds: number,
  log: (line: string) => void,
): Promise<MemoryRun[]> {
  const servers = await Promise.all(MODES.map((m) => startBroadcaster(m, payloadFile)));
  try {
    const runs = await Promise.all(
      MODES.map(async (mode, i) => {
        const server = servers[i] as (typeof servers)[number];
        let from = Number.POSITIVE_INFINITY;
        const clients = await runClients(server.url, {
          clients: n,
          throttledEvery,
          warmupS: 5,
          measureS: seconds,
          probes: 50,
          onConnected: () => {
            from = Date.now() + 5_000;
            log(`  ${mode}: ${n} clients connected, measuring ${seconds} s`);
          },
        });
        const during = server.samples.filter((s) => s.atMs >= from);
        const mb = (s: ServerSample | undefined) => (s?.rss ?? 0) / MB;
        const first = during[0];
        return {
          mode,
          startMb: mb(first),
          endMb: mb(during.at(-1)),
          maxMb: Math.max(0, ...during.map(mb)),
          mbPerMinute: slope(during.map((s) => [(s.atMs - (first?.atMs ?? 0)) / 60_000, mb(s)])),
          last: during.at(-1),
          clients,
        };
      }),
    );
    return runs;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}
