import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cpuSecondsOf, readSfacctdTotals, type Totals, writeSfacctdConfig } from './peers.ts';
import { socketDrops, udpRcvbufErrors } from './proc-net.ts';
import { fixturePayloads } from './replay.ts';

const run = promisify(execFile);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** both receivers get this long after binding before the replay starts */
const SETTLE_MS = 2_000;

export interface IngestResult {
  readonly receiver: string;
  readonly sent: number;
  /** datagrams the receiver got: its own count (netcanvas), or sent − socket drops (sfacctd) */
  readonly received: number;
  /** receive-buffer drops: the socket's own counter, else the growth of Udp RcvbufErrors */
  readonly drops: number;
  readonly cpuSeconds: number;
  readonly totals: Totals;
}

/** Compiles the C sender and writes the replay file once per run directory. */
async function sender(dir: string): Promise<{ binary: string; replay: string }> {
  const binary = join(dir, 'udp-replay');
  const replay = join(dir, 'replay.bin');
  if (!existsSync(binary)) {
    await run('cc', ['-O2', '-o', binary, here('./udp-replay.c')]);
    const parts: Buffer[] = [];
    for (const p of fixturePayloads()) {
      const h = Buffer.alloc(4);
      h.writeUInt32BE(p.length);
      parts.push(h, p);
    }
    await writeFile(replay, Buffer.concat(parts));
  }
  return { binary, replay };
}

async function replay(dir: string, port: number, rate: number, seconds: number) {
  const { binary, replay: file } = await sender(dir);
  const { stdout } = await run(binary, [file, String(port), String(rate), String(seconds)]);
  return JSON.parse(stdout) as { sent: number; sendErrors: number };
}

/** The netcanvas receiver (receiver.ts) in a child Node process. */
export async function ingestNetcanvas(
  dir: string,
  rate: number,
  seconds: number,
): Promise<IngestResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', here('./receiver.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  const { port } = JSON.parse(String(first.value)) as { port: number };
  await sleep(SETTLE_MS);
  const before = await udpRcvbufErrors();
  const sent = await replay(dir, port, rate, seconds);
  await sleep(1_000); // let the receiver drain its buffer
  const after = await udpRcvbufErrors();
  child.stdin.write('stop\n');
  const result = JSON.parse(String((await lines.next()).value)) as {
    received: number;
    drops: number | undefined;
    cpuSeconds: number;
    top: { key: string; bytes: number; packets: number }[];
    ports: Record<string, { bytes: number; packets: number }>;
  };
  return {
    receiver: 'netcanvas',
    sent: sent.sent - sent.sendErrors,
    received: result.received,
    drops: result.drops ?? after - before,
    cpuSeconds: result.cpuSeconds,
    totals: {
      flows: new Map(result.top.map((f) => [f.key, { bytes: f.bytes, packets: f.packets }])),
      ports: new Map(Object.entries(result.ports).map(([k, v]) => [Number(k), v])),
    },
  };
}

/** pmacct's sfacctd in the foreground, stopped with SIGINT (it then writes its totals). */
export async function ingestSfacctd(
  dir: string,
  rate: number,
  seconds: number,
): Promise<IngestResult> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const work = join(dir, `sfacctd-${rate}`);
  await run('mkdir', ['-p', work]);
  const config = await writeSfacctdConfig(work, port);
  const child = spawn('sfacctd', ['-f', config], { stdio: 'ignore' });
  for (let i = 0; i < 100 && (await socketDrops(port)) === undefined; i++) await sleep(50);
  if ((await socketDrops(port)) === undefined) throw new Error('sfacctd did not bind its port');
  await sleep(SETTLE_MS);
  const before = await udpRcvbufErrors();
  const sent = await replay(dir, port, rate, seconds);
  await sleep(1_000);
  const drops = await socketDrops(port);
  const after = await udpRcvbufErrors();
  const plugins = await Promise.all(
    ['flows', 'ports'].map(async (p) =>
      Number(await readFile(join(work, `sfacctd.pid-print-${p}`), 'utf8').catch(() => '0')),
    ),
  );
  let cpuSeconds = 0;
  for (const pid of [child.pid ?? 0, ...plugins]) {
    if (pid > 0) cpuSeconds += await cpuSecondsOf(pid).catch(() => 0);
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
  // the plugins purge their caches to the output files as they exit
  for (const pid of plugins) {
    for (let i = 0; i < 200 && pid > 0 && existsSync(`/proc/${pid}/cmdline`); i++) {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      if (stat === '' || stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) break;
      await sleep(50);
    }
  }
  const total = sent.sent - sent.sendErrors;
  const dropped = drops ?? after - before;
  return {
    receiver: 'sfacctd',
    sent: total,
    received: total - dropped,
    drops: dropped,
    cpuSeconds,
    totals: await readSfacctdTotals(work),
  };
}
