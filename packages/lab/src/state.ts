import { mkdir, readFile, rename, rmdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { LabError } from './errors.ts';

const Process = z.object({
  name: z.string(),
  pid: z.number().int().positive(),
  marker: z.string(),
  pidfile: z.string().optional(),
});

const Device = z.object({
  name: z.string(),
  /** the namespace it lives in; null: the host's */
  netns: z.string().nullable(),
});

const Workload = z.object({
  appKey: z.string(),
  workloadId: z.string(),
  /** veth ends in the lab namespace (ports of br-int), with the iface-id each carries */
  ports: z.array(z.object({ lsp: z.string(), device: z.string() })),
  /** mac/ip/gateway the namespace was built with: a change rebuilds it */
  signature: z.string(),
});

const Traffic = z.object({
  netns: z.string(),
  workloadId: z.string(),
  profile: z.string(),
  process: Process,
  /** started because the design chose it (the agent changes it with the design), not by hand */
  fromDesign: z.boolean().default(false),
});

/** `<dir>/lab.json`: every PID, namespace and device the lab created, so down removes exactly those. */
export const LabState = z.object({
  site: z.string(),
  dir: z.string(),
  startedAt: z.string(),
  ports: z.object({ nb: z.number(), sb: z.number(), ovs: z.number() }),
  netns: z.string(),
  /** daemons and helpers in start order; stopped in reverse */
  processes: z.array(Process),
  namespaces: z.array(z.string()),
  devices: z.array(Device),
  /** workload namespaces, by namespace name */
  workloads: z.record(z.string(), Workload),
  traffic: z.array(Traffic),
});

/** The parsed `lab.json`. */
export type LabState = z.infer<typeof LabState>;
/** One workload namespace the agent created. */
export type WorkloadState = z.infer<typeof Workload>;
/** One traffic generator the agent started. */
export type TrafficState = z.infer<typeof Traffic>;

/** Path of a site's state file. */
export const statePath = (dir: string) => join(dir, 'lab.json');

/** Reads `lab.json`; undefined when the site was never brought up (or was brought down). */
export async function readState(dir: string): Promise<LabState | undefined> {
  let text: string;
  try {
    text = await readFile(statePath(dir), 'utf8');
  } catch {
    return undefined;
  }
  const parsed = LabState.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new LabError(
      'bad-state',
      `${statePath(dir)} is not a lab state file (${parsed.error.issues[0]?.message}); remove what it lists by hand, then delete it`,
    );
  }
  return parsed.data;
}

/** Writes `lab.json` atomically (rename), so a crash never leaves half a file. */
export async function writeState(state: LabState): Promise<void> {
  const path = statePath(state.dir);
  await writeFile(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}

/**
 * Runs `task` holding the site's state lock (`<dir>/lab.lock`, a directory: mkdir is atomic),
 * so the background agent and a `pnpm lab traffic` never overwrite each other's `lab.json`.
 * A lock older than `staleMs` is taken to be left by a killed process.
 */
export async function withStateLock<T>(
  dir: string,
  task: () => Promise<T>,
  staleMs = 60_000,
): Promise<T> {
  const lock = join(dir, 'lab.lock');
  const end = Date.now() + staleMs;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (since > staleMs || Date.now() > end) await rmdir(lock).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  try {
    return await task();
  } finally {
    await rmdir(lock).catch(() => undefined);
  }
}
