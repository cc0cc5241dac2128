import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const CONSOLE_MODULES = fileURLToPath(new URL('../../apps/console/node_modules/', import.meta.url));
const BENCH_MODULES = fileURLToPath(new URL('../node_modules/', import.meta.url));

/** The installed version of a package the console (or, failing that, the bench) uses. */
export async function versionOf(name: string): Promise<string> {
  for (const dir of [CONSOLE_MODULES, BENCH_MODULES]) {
    const text = await readFile(`${dir}${name}/package.json`, 'utf8').catch(() => undefined);
    if (text) return `${name} ${(JSON.parse(text) as { version: string }).version}`;
  }
  return `${name} (not installed)`;
}

/** CPUs, model and the 1-minute load average, for the machine line. */
export function machine(): string {
  return `${cpus().length} CPUs (\`nproc\`), ${cpus()[0]?.model ?? '?'}; Node ${process.version}; load average ${loadavg()[0]?.toFixed(1)} at start`;
}
