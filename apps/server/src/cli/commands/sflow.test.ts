import { execFileSync, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractUdpPayloads } from '@netcanvas/sflow';
import { afterAll, describe, expect, it } from 'vitest';
import { sflowCommand } from './sflow.ts';
import type { ListenFrame } from './sflow-listen.ts';

const FIXTURE = fileURLToPath(
  new URL('../../../../../packages/sflow/fixtures/ovs-3.1-http-udp-icmp.pcap', import.meta.url),
);
const hasTshark = spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'netcanvas-sflow-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Line = Record<string, string | number | boolean | null>;
type Tree = Record<string, unknown>;

async function decodeFixture(): Promise<Line[]> {
  const r = await sflowCommand(['decode', FIXTURE], { json: false });
  expect(r.exitCode).toBe(0);
  expect(r.stderr).toBeUndefined();
  return (r.stdout ?? '')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
}

describe('sflow decode', () => {
  it('prints one JSON line per sample of the OVS capture, flow and counter', async () => {
    const lines = await decodeFixture();
    // 69 datagrams holding 391 samples (tshark: sum of sflow_245.numsamples)
    expect(lines).toHaveLength(391);
    expect(lines.filter((l) => l.kind === 'flow')).toHaveLength(366);
    const counters = lines.find((l) => l.kind === 'counters' && l.ifName === 'ovnlab-vm1');
    expect(counters).toMatchObject({
      agent: '127.0.0.1',
      sourceIdType: 0,
      sourceIdIndex: 68,
      ifIndex: 68,
      ofPort: expect.any(Number),
      inOctets: expect.any(Number),
      outUcastPkts: expect.any(Number),
    });
  });

  it.runIf(hasTshark)('gives the fields tshark -V shows for flow samples', async () => {
    const lines = await decodeFixture();
    const json = execFileSync(
      'tshark',
      ['-r', FIXTURE, '-c', '6', '-T', 'json', '--no-duplicate-keys', '-J', 'sflow'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    ).toString();
    const frames = (JSON.parse(json) as { _source: { layers: { sflow: Tree } } }[]).map(
      (f) => f._source.layers.sflow,
    );
    let compared = 0;
    for (const frame of frames) {
      const sequence = Number(frame['sflow_245.sequence_number']);
      const ours = lines.filter((l) => l.datagramSequence === sequence && l.kind === 'flow');
      const theirs = Object.entries(frame)
        .filter(([k]) => k.startsWith('Flow sample'))
        .map(([, v]) => v as Tree);
      expect(ours).toHaveLength(theirs.length);
      theirs.forEach((t, i) => {
        const header = (t['Raw packet header'] as Tree)['sflow_245.header_tree'] as Tree;
        const ip = header.ip as Tree;
        const line = ours[i];
        expect(line).toMatchObject({
          agent: frame['sflow_245.agent'],
          sequence: Number(t['sflow.flow_sample.sequence_number']),
          sourceIdType: Number(t['sflow.flow_sample.source_id_class']),
          sourceIdIndex: Number(t['sflow.flow_sample.index']),
          samplingRate: Number(t['sflow.flow_sample.sampling_rate']),
          samplePool: Number(t['sflow.flow_sample.sample_pool']),
          frameLength: Number((t['Raw packet header'] as Tree)['sflow_245.header.frame_length']),
          srcMac: (header.eth as Tree)['eth.src'],
          srcIp: ip['ip.src'],
          dstIp: ip['ip.dst'],
          ipProtocol: Number(ip['ip.proto']),
        });
        const input = t['sflow.flow_sample.input_interface_tree'] as Tree | undefined;
        expect(line?.inputIfIndex).toBe(
          Number(
            input?.['sflow.flow_sample.input_interface_value'] ??
              t['sflow.flow_sample.input_interface'],
          ),
        );
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('says what is wrong with a missing file, a non-capture and a wrong port', async () => {
    const missing = await sflowCommand(['decode', join(dir, 'nope.pcap')], { json: false });
    expect(missing).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('no such file') });

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a capture at all\n');
    const bad = await sflowCommand(['decode', text], { json: false });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('is not a pcap or pcapng capture');

    const other = await sflowCommand(['decode', FIXTURE], { json: false, port: '9999' });
    expect(other).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('port 9999') });

    expect((await sflowCommand(['frobnicate'], { json: false })).exitCode).toBe(2);
  });
});

/** Runs `sflow listen` on a free port and replays the fixture's datagrams to it. */
async function listenWhileReplaying(json: boolean): Promise<{ exitCode: number; out: string }> {
  const payloads = extractUdpPayloads(new Uint8Array(readFileSync(FIXTURE)));
  let out = '';
  let started: (port: number) => void = () => undefined;
  const port = new Promise<number>((resolve) => {
    started = resolve;
  });
  const result = sflowCommand(['listen'], {
    json,
    port: '0',
    seconds: '2',
    write: (text) => {
      out += text;
      const m = /127\.0\.0\.1:(\d+)/.exec(out);
      if (m) started(Number(m[1]));
    },
  });
  const target = await Promise.race([port, result.then(() => 0)]);
  expect(target).toBeGreaterThan(0);
  const socket = createSocket('udp4');
  for (const p of payloads) {
    await new Promise<void>((resolve, reject) =>
      socket.send(p.payload, target, '127.0.0.1', (e) => (e ? reject(e) : resolve())),
    );
  }
  socket.close();
  const { exitCode } = await result;
  return { exitCode, out };
}

describe('sflow listen', { timeout: 15_000 }, () => {
  it('shows the top flows, ports and agent health of live sFlow', async () => {
    const { exitCode, out } = await listenWhileReplaying(false);
    expect(exitCode).toBe(0);
    const last = out.slice(out.lastIndexOf('sFlow 20'));
    expect(last).toMatch(/^127\.0\.0\.1\s+69\s+391\s+0\s+0\s+0$/m);
    expect(last).toMatch(/^udp\s+10\.0\.1\.11:\d+\s+10\.0\.2\.13:5353\s/m);
    expect(last).toMatch(/^tcp\s+10\.0\.2\.13:8080\s+10\.0\.1\.12:\d+\s/m);
    expect(last).toMatch(/^127\.0\.0\.1\s+68\s+ovnlab-vm1\s/m);
  });

  it('prints one JSON frame per refresh with --json', async () => {
    const { exitCode, out } = await listenWhileReplaying(true);
    expect(exitCode).toBe(0);
    const frames = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as ListenFrame);
    expect(frames.length).toBeGreaterThanOrEqual(2);
    const last = frames.at(-1);
    expect(last?.agents).toEqual([
      expect.objectContaining({ agent: '127.0.0.1', datagrams: 69, lostDatagrams: 0 }),
    ]);
    const sources = new Set(last?.flows.map((f) => f.src));
    expect(sources).toContain('10.0.1.11');
    expect(last?.flows[0]?.bytesPerSec).toBeGreaterThan(0);
  });

  it('refuses a bad port and a port already taken', async () => {
    expect((await sflowCommand(['listen'], { json: false, port: 'x' })).exitCode).toBe(2);
    const taken = createSocket('udp4');
    await new Promise<void>((resolve) => taken.bind(0, '127.0.0.1', resolve));
    const r = await sflowCommand(['listen'], {
      json: false,
      port: String(taken.address().port),
      seconds: '1',
      write: () => undefined,
    });
    taken.close();
    expect(r).toMatchObject({ exitCode: 3, stderr: expect.stringContaining('in use') });
  });
});
