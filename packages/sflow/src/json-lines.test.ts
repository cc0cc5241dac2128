import { describe, expect, it } from 'vitest';
import { decodeDatagram, flattenSamples, toJsonLines } from './index.ts';
import { fixtureDatagrams } from './test-support/fixture.ts';

describe('JSON lines', () => {
  const payloads = fixtureDatagrams();

  it('writes one parseable line per sample with flow fields a user filters on', () => {
    const u = payloads[1];
    if (!u) throw new Error('fixture');
    const text = toJsonLines(decodeDatagram(u.payload), {
      timestampMs: u.timestampMs,
      source: '127.0.0.1:41280',
    });
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatchObject({
      source: '127.0.0.1:41280',
      agent: '127.0.0.1',
      datagramSequence: 591,
      kind: 'flow',
      sequence: 9,
      sourceIdType: 2,
      sourceIdIndex: 1000,
      samplingRate: 16,
      inputIfIndex: 70,
      outputIfIndex: 68,
      srcMac: '50:54:00:00:00:03',
      dstMac: '00:00:00:00:ff:02',
      srcIp: '10.0.2.13',
      dstIp: '10.0.1.11',
      ipProtocol: 6,
      srcPort: 8080,
      dstPort: 55742,
      frameLength: 70,
    });
  });

  it('flattens counter samples with port name and unknown counters as null', () => {
    const flat = flattenSamples(decodeDatagram(payloads[0]?.payload ?? new Uint8Array()));
    expect(flat[0]).toMatchObject({
      kind: 'counters',
      sourceIdIndex: 68,
      ifIndex: 68,
      ifName: 'ovnlab-vm1',
      ofPort: 1,
      ifSpeed: 10_000_000_000,
      inOctets: 4890,
      inBroadcastPkts: null,
      'ethernet.singleCollisionFrames': null,
    });
  });
});
