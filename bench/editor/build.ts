import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

/** apps/console, whose Vite config (React plugin) both builds use unchanged. */
export const CONSOLE_DIR = fileURLToPath(new URL('../../apps/console/', import.meta.url));

/** Production build of the bench page (apps/console/bench.html) into `outDir`. */
export async function buildBenchPage(outDir: string): Promise<void> {
  await build({
    root: CONSOLE_DIR,
    configFile: join(CONSOLE_DIR, 'vite.config.ts'),
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      rollupOptions: { input: join(CONSOLE_DIR, 'bench.html') },
    },
  });
}

/** Production build of the console exactly as `pnpm --filter @netcanvas/console build`. */
export async function buildConsole(): Promise<string> {
  await build({
    root: CONSOLE_DIR,
    configFile: join(CONSOLE_DIR, 'vite.config.ts'),
    logLevel: 'warn',
  });
  return join(CONSOLE_DIR, 'dist');
}

/** One built JavaScript file: raw and gzipped (node:zlib, level 9) bytes. */
export interface Chunk {
  readonly file: string;
  readonly bytes: number;
  readonly gzip: number;
}

/** Every .js file under `dir` (source maps excluded), largest first. */
export async function jsChunks(dir: string): Promise<Chunk[]> {
  const out: Chunk[] = [];
  const walk = async (sub: string) => {
    for (const name of await readdir(join(dir, sub))) {
      const rel = sub ? `${sub}/${name}` : name;
      if ((await stat(join(dir, rel))).isDirectory()) await walk(rel);
      else if (name.endsWith('.js')) {
        const body = await readFile(join(dir, rel));
        out.push({ file: rel, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });
      }
    }
  };
  await walk('');
  return out.sort((a, b) => b.bytes - a.bytes);
}
