/**
 * `pnpm bench [NAME…] [--write]`: runs the benchmarks (all, or those named), prints each
 * one's markdown section, and with --write replaces those sections in docs/benchmarks.md
 * (between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

interface Bench {
  readonly title: string;
  run(log: (line: string) => void): Promise<string>;
}

const BENCHES: Record<string, () => Promise<Bench>> = {
  'ovn/provision': async () => ({
    title: 'Provisioning: netcanvas apply vs ovn-nbctl',
    run: (await import('./ovn/provision.bench.ts')).run,
  }),
  'scale/app': async () => ({
    title: 'Scaling: plan, apply, snapshot and restore by app size; server memory',
    run: (await import('./scale/scale.bench.ts')).run,
  }),
  'sflow/decode': async () => ({
    title: 'sFlow decode and ingest: netcanvas vs tshark and sfacctd',
    run: (await import('./sflow/decode.bench.ts')).run,
  }),
  'stream/latency': async () => ({
    title: 'Streaming: sFlow → browser latency, dashboard fan-out and memory vs a naive broadcast',
    run: (await import('./stream/latency.bench.ts')).run,
  }),
  'editor/canvas': async () => ({
    title:
      'Editor canvas: first render, drag and pan frames, console size (netcanvas vs React Flow)',
    run: (await import('./editor/canvas.bench.ts')).run,
  }),
  'editor/layout': async () => ({
    title: "Auto-layout: the console's elkjs layout (hubs out, twins folded, pods packed) vs dagre",
    run: (await import('./editor/layout.bench.ts')).run,
  }),
  'lab/first-packet': async () => ({
    title: 'Whole app: Apply → first packet in the lab, netcanvas vs an ovn-nbctl script',
    run: (await import('./lab/first-packet.bench.ts')).run,
  }),
};

const DOC = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));

const args = process.argv.slice(2);
const write = args.includes('--write');
const names = args.filter((a) => !a.startsWith('--'));
for (const name of names) {
  if (!BENCHES[name]) {
    process.stderr.write(
      `unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(', ')}\n`,
    );
    process.exit(2);
  }
}

for (const name of names.length ? names : Object.keys(BENCHES)) {
  const bench = await (BENCHES[name] as () => Promise<Bench>)();
  const log = (line: string) => process.stderr.write(`[${name}] ${line}\n`);
  const command = `pnpm bench ${name}${process.env.BENCH_SECONDS ? ` (BENCH_SECONDS=${process.env.BENCH_SECONDS})` : ''}`;
  const body = await bench.run(log);
  const section = `<!-- bench:${name} -->\n## ${bench.title}\n\nRun ${new Date().toISOString().slice(0, 10)} with \`${command}\`.\n\n${body}\n<!-- /bench:${name} -->`;
  process.stdout.write(`${section}\n\n`);
  if (!write) continue;
  // read the doc now, not at the start: a long run must not undo sections written meanwhile
  let doc = await readFile(DOC, 'utf8').catch(() => '# Benchmarks\n');
  const start = doc.indexOf(`<!-- bench:${name} -->`);
  const endMark = `<!-- /bench:${name} -->`;
  const end = doc.indexOf(endMark);
  doc =
    start >= 0 && end > start
      ? doc.slice(0, start) + section + doc.slice(end + endMark.length)
      : `${doc.trimEnd()}\n\n${section}\n`;
  await writeFile(DOC, doc);
  process.stderr.write(`wrote ${name} into ${DOC}\n`);
}
