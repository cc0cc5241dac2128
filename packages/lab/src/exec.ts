import { execFile } from 'node:child_process';
import { LabError } from './errors.ts';

/** Options of one command run. */
export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** run inside this network namespace (`ip netns exec`) */
  readonly netns?: string;
  readonly timeoutMs?: number;
}

/** Runs a command and returns its stdout; a failure becomes `command-failed` with its stderr. */
export function run(command: string, args: readonly string[], options: RunOptions = {}) {
  const [file, argv] = options.netns
    ? ['ip', ['netns', 'exec', options.netns, command, ...args]]
    : [command, [...args]];
  return new Promise<string>((resolve, reject) => {
    execFile(
      file,
      argv,
      { env: options.env ?? process.env, timeout: options.timeoutMs ?? 20_000 },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const why = String(stderr).trim() || error.message;
        reject(
          new LabError('command-failed', `${[file, ...argv].join(' ')} failed: ${why}`, {
            cause: error,
          }),
        );
      },
    );
  });
}

/** Like {@link run}, but a failure is ignored (teardown of things that may be gone already). */
export async function runQuietly(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<boolean> {
  try {
    await run(command, args, options);
    return true;
  } catch {
    return false;
  }
}

/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it returns true; false when `timeoutMs` ran out. */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  everyMs = 50,
): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= end) return false;
    await sleep(everyMs);
  }
}
