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
  readonly rssMb: number;
}

export interface FanOutResult {
  readonly steps: readonly FanOutStep[];
  readonly largest: Readonly<Record<Mode, number | undefined>>;
}

const MB = 1024 * 1024;
const passes = (s: FanOutStep) => s.clients.latency.p99 < P99_TARGET_MS;

/**
 * For each broadcaster, a fresh server process per client count, sizes in increasing order;
 * after two sizes over the target only the table sizes are still run.
 */
export async function runFanOut(
  payloadFile: string,
  sizes: readonly number[],
  timing: { warmupS: number; measureS: number; probes: number },
  log: (line: string) => void,
): Promise<FanOutResult> {
  const steps: FanOutStep[] = [];
  for (const mode of MODES) {
    let misses = 0;
    for (const n of sizes) {
      if (misses >= 2 && !TABLE_SIZES.includes(n)) continue;
      const server = await startBroadcaster(mode, payloadFile);
      let from = Number.POSITIVE_INFINITY;
      try {
        const clients = await runClients(server.url, {
          clients: n,
          throttledEvery: 0,
          ...timing,
          onConnected: () => {
            from = Date.now() + timing.warmupS * 1000;
          },
        });
        const during = server.samples.filter((s) => s.atMs >= from);
        const step: FanOutStep = {
          mode,
          n,
          clients,
          tickMsMax: Math.max(0, ...during.map((s) => s.tickMsMax)),
          rssMb: (server.samples.at(-1)?.rss ?? 0) / MB,
        };
        steps.push(step);
        log(
          `  ${mode} ${n} clients: p50 ${clients.latency.p50.toFixed(1)} ms, p99 ${clients.latency.p99.toFixed(1)} ms, longest tick ${step.tickMsMax.toFixed(0)} ms, client loop p99 ${clients.loopDelayP99Ms.toFixed(0)} ms`,
        );
        if (!passes(step)) misses++;
      } finally {
        await server.stop();
      }
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
