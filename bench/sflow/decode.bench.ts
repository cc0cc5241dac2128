/**
 * sFlow decode and ingest: netcanvas against tshark (decode of the same capture) and
 * pmacct's sfacctd (live UDP ingest of the same replay). See docs/benchmarks.md.
 *
 * Environment: BENCH_SECONDS (live replay length, default 60), BENCH_RATES (datagrams/s,
 * comma-separated, default 10000,40000,80000), BENCH_SIZES (tshark/decode replay sizes,
 * default 690,6900,69000).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeDatagram } from '@netcanvas/sflow';
import { type Comparison, compareTotals, expectedTotals } from './accuracy.ts';
import { type IngestResult, ingestNetcanvas, ingestSfacctd } from './ingest.ts';
import { timeCommand, versionOf } from './peers.ts';
import { fixturePayloads, replayDatagram, writeReplayPcap } from './replay.ts';

const numbers = (text: string | undefined, fallback: number[]) =>
  text ? text.split(',').map(Number) : fallback;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const RATES = numbers(process.env.BENCH_RATES, [10_000, 40_000, 80_000]);
const SIZES = numbers(process.env.BENCH_SIZES, [690, 6_900, 69_000]);

const TSHARK_FIELDS = [
  '-T',
  'fields',
  '-e',
  'sflow_245.agent',
  '-e',
  'sflow_245.sequence_number',
  '-e',
  'sflow.flow_sample.sequence_number',
  '-e',
  'sflow.flow_sample.sampling_rate',
  '-e',
  'sflow.flow_sample.input_interface',
  '-e',
  'sflow.flow_sample.output_interface',
  '-e',
  'sflow_245.header.frame_length',
  '-e',
  'ip.src',
  '-e',
  'ip.dst',
  '-e',
  'tcp.srcport',
  '-e',
  'udp.srcport',
];

/** Decode throughput of `count` replay datagrams in this process (one core). */
function decodeRate(count: number, minSeconds: number) {
  const payloads = fixturePayloads();
  const stream = Array.from({ length: count }, (_, i) => replayDatagram(payloads, i));
  let samples = 0;
  for (const d of stream.slice(0, 2_000)) samples += decodeDatagram(d).samples.length; // warm-up
  samples = 0;
  let decoded = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (const d of stream) samples += decodeDatagram(d).samples.length;
    decoded += stream.length;
    elapsed = (performance.now() - start) / 1000;
  } while (elapsed < minSeconds);
  return {
    secondsPerPass: elapsed / (decoded / count),
    datagramsPerSec: decoded / elapsed,
    samplesPerSec: samples / elapsed,
  };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Runs the sFlow benchmark and returns its markdown section. */
export async function run(log: (line: string) => void): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'netcanvas-bench-sflow-'));
  try {
    const out: string[] = [];
    const [tshark, sfacctd] = await Promise.all([
      versionOf('tshark', ['--version']),
      versionOf('sfacctd', ['-V']),
    ]);
    out.push(
      `Machine: ${cpus().length} CPUs (\`nproc\`), ${cpus()[0]?.model ?? '?'}; Node ${process.version}; ${tshark}; ${sfacctd}.`,
      '',
      'Input: the 69 datagrams of `packages/sflow/fixtures/ovs-3.1-http-udp-icmp.pcap` (Open vSwitch 3.1, 5.7 samples and ~1,100 bytes per datagram) repeated, each copy with the next datagram sequence number.',
      '',
    );

    log('decode: in-process and tshark at each size');
    out.push('### Decode cost by replay size', '');
    out.push(
      '| datagrams | netcanvas in-process | tshark `-T fields` | tshark `-V` | netcanvas ÷ tshark fields | netcanvas ÷ tshark -V |',
      '| ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    let headline = { datagramsPerSec: 0, samplesPerSec: 0 };
    let tsharkFieldsRate = 0;
    let tsharkVRate = 0;
    for (const size of SIZES) {
      const ours = decodeRate(size, 2);
      headline = ours;
      const pcap = join(dir, `replay-${size}.pcap`);
      writeReplayPcap(pcap, size);
      const fields = await timeCommand('tshark', ['-r', pcap, '-n', ...TSHARK_FIELDS]);
      const verbose = await timeCommand('tshark', ['-r', pcap, '-n', '-V']);
      tsharkFieldsRate = size / fields;
      tsharkVRate = size / verbose;
      out.push(
        `| ${fmt(size)} | ${fmt(ours.secondsPerPass * 1000, 1)} ms | ${fmt(fields * 1000)} ms | ${fmt(verbose * 1000)} ms | ${fmt(fields / ours.secondsPerPass)}× | ${fmt(verbose / ours.secondsPerPass)}× |`,
      );
      log(
        `  ${size}: netcanvas ${fmt(ours.datagramsPerSec)}/s, tshark fields ${fmt(fields, 2)} s, -V ${fmt(verbose, 2)} s`,
      );
    }
    out.push(
      '',
      'tshark times are wall time of the whole run, start-up included (about 0.5 s); the small sizes show mostly that.',
      '',
      '### Decode throughput (largest size)',
      '',
      '| decoder | datagrams/s | samples/s | ratio |',
      '| --- | ---: | ---: | ---: |',
      `| netcanvas \`decodeDatagram\` (headers decoded), one core | ${fmt(headline.datagramsPerSec)} | ${fmt(headline.samplesPerSec)} | 1 |`,
      `| tshark \`-T fields\` (sFlow + sampled IP/TCP/UDP fields) | ${fmt(tsharkFieldsRate)} | ${fmt(tsharkFieldsRate * (391 / 69))} | ${fmt(headline.datagramsPerSec / tsharkFieldsRate, 1)}× |`,
      `| tshark \`-V\` (full dissection tree) | ${fmt(tsharkVRate)} | ${fmt(tsharkVRate * (391 / 69))} | ${fmt(headline.datagramsPerSec / tsharkVRate, 1)}× |`,
      '',
      'tshark samples/s are datagrams/s × 391/69 (tshark prints no sample count).',
      '',
    );

    out.push(
      `### Live ingest over loopback (${SECONDS} s replay per rate and receiver)`,
      '',
      'A C sender (`bench/sflow/udp-replay.c`, sendmmsg, paced) replays the datagrams to 127.0.0.1 at a fixed rate, first to the netcanvas receiver (`SflowCollector` + `FlowTracker` by 5-tuple + bytes per input ifIndex, in a child Node process), then to `sfacctd` (print plugins aggregating `src_host,dst_host,src_port,dst_port,proto` and `in_iface`, `sfacctd_renormalize: true`). Both sockets ask for an 8 MiB receive buffer. Drops are the socket\'s own counter in /proc/net/udp and Udp RcvbufErrors in /proc/net/snmp over the run. "Truth" is computed from the datagrams actually sent.',
      '',
      '| rate (datagrams/s) | receiver | sent | received | rcvbuf drops | received/s | samples/s | CPU s / wall s | top-100 bytes vs truth | per-port bytes vs truth |',
      '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    const comparisons: string[] = [];
    for (const rate of RATES) {
      const results: IngestResult[] = [];
      for (const ingest of [ingestNetcanvas, ingestSfacctd]) {
        log(`ingest: ${ingest.name} at ${fmt(rate)}/s for ${SECONDS} s`);
        const r = await ingest(dir, rate, SECONDS);
        results.push(r);
        const truth = expectedTotals(r.sent);
        const vsTruth = compareTotals(r.totals, truth);
        out.push(
          `| ${fmt(rate)} | ${r.receiver} | ${fmt(r.sent)} | ${fmt(r.received)} | ${fmt(r.drops)} | ${fmt(r.received / SECONDS)} | ${fmt((r.received * 391) / 69 / SECONDS)} | ${fmt(r.cpuSeconds / SECONDS, 2)} | ${pct(vsTruth.topFlowsMaxError)} | ${pct(vsTruth.portsMaxError)} |`,
        );
        log(
          `  sent ${r.sent}, received ${r.received}, drops ${r.drops}, cpu ${fmt(r.cpuSeconds, 1)} s`,
        );
      }
      const [nc, sf] = results as [IngestResult, IngestResult];
      const c: Comparison = compareTotals(nc.totals, sf.totals);
      comparisons.push(
        `| ${fmt(rate)} | ${fmt(nc.received / Math.max(sf.received, 1), 3)} | ${pct(c.topFlowsMaxError)} (${c.topFlowsCompared} flows) | ${pct(c.portsMaxError)} (${c.portsCompared} ports) |`,
      );
    }
    out.push(
      '',
      '"vs truth": the largest relative difference over the 100 heaviest flows (and over the ports) between the receiver\'s totals and the exact totals of what was sent; with drops it mostly measures the drops. netcanvas reports its 1,000 heaviest flows (the FlowTracker capacity) so ties at the 100th place do not count as missing.',
      '',
      '| rate | netcanvas ÷ sfacctd datagrams received | top-100 flows: max difference netcanvas vs sfacctd | per-port bytes: max difference |',
      '| ---: | ---: | ---: | ---: |',
      ...comparisons,
      '',
    );
    return out.join('\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function pct(x: number | undefined): string {
  return x === undefined ? 'n/a' : `${(x * 100).toFixed(3)}%`;
}
