import { describe, expect, it } from 'vitest';
import { decodeDatagram } from '../datagram.ts';
import { fixtureDatagrams } from '../test-support/fixture.ts';
import {
  counterSample,
  datagram,
  type GenericInterfaceSpec,
  genericInterface,
} from '../test-support/xdr-writer.ts';
import type { SflowDatagram } from '../types.ts';
import { PortRateTracker } from './port-rates.ts';

let sampleSeq = 0;
function reading(
  uptimeMs: number,
  c: Omit<GenericInterfaceSpec, 'ifIndex'>,
  seq = ++sampleSeq,
): SflowDatagram {
  return decodeDatagram(
    datagram({
      uptimeMs,
      samples: [counterSample([genericInterface({ ifIndex: 7, ...c })], seq, 7)],
    }),
  );
}

const base = { inOctets: 0n, inUcastPkts: 0, outOctets: 0n, outUcastPkts: 0 };

describe('port rates from counter samples', () => {
  it('turns 5-second counter deltas into bits and packets per second', () => {
    const t = new PortRateTracker();
    expect(t.addDatagram(reading(10_000, base), 0)).toEqual([]);
    const [r] = t.addDatagram(
      reading(15_000, {
        inOctets: 625_000_000n,
        inUcastPkts: 500_000,
        outOctets: 62_500_000n,
        outUcastPkts: 50_000,
        inErrors: 10,
        inDiscards: 5,
      }),
      5000,
    );
    expect(r).toMatchObject({
      agent: '192.0.2.1',
      ifIndex: 7,
      intervalMs: 5000,
      inBitsPerSec: 1e9,
      outBitsPerSec: 1e8,
      inPacketsPerSec: 100_000,
      outPacketsPerSec: 10_000,
      inErrorsPerSec: 2,
      inDiscardsPerSec: 1,
      outErrorsPerSec: 0,
    });
  });

  it('follows a 32-bit packet counter across its wrap', () => {
    const t = new PortRateTracker();
    t.addDatagram(reading(10_000, { ...base, inUcastPkts: 2 ** 32 - 1000 }), 0);
    const [r] = t.addDatagram(reading(15_000, { ...base, inUcastPkts: 4000 }), 5000);
    expect(r?.inPacketsPerSec).toBe(1000);
  });

  it('follows 64-bit octet fields that an agent fills from 32-bit counters', () => {
    const t = new PortRateTracker();
    t.addDatagram(reading(10_000, { ...base, inOctets: 2n ** 32n - 1_000_000n }), 0);
    const [r] = t.addDatagram(reading(15_000, { ...base, inOctets: 1_500_000n }), 5000);
    expect(r?.inBitsPerSec).toBe((2_500_000 * 8) / 5);
  });

  it('re-baselines after an agent restart instead of reporting a spike', () => {
    const t = new PortRateTracker();
    const busy = {
      inOctets: 10n ** 12n,
      inUcastPkts: 3_000_000_000,
      outOctets: 10n ** 12n,
      outUcastPkts: 3_000_000_000,
    };
    t.addDatagram(reading(900_000, busy), 0);
    // restart: uptime and sample sequence start again, counters start from zero
    expect(
      t.addDatagram(reading(3000, { ...base, inOctets: 1000n, inUcastPkts: 10 }, 1), 5000),
    ).toEqual([]);
    const [r] = t.addDatagram(
      reading(8000, { ...base, inOctets: 6000n, inUcastPkts: 60 }, 2),
      10_000,
    );
    expect(r?.inBitsPerSec).toBe(8000);
    expect(r?.inPacketsPerSec).toBe(10);
  });

  it('re-baselines when counters go down without a restart (counters cleared)', () => {
    const t = new PortRateTracker();
    t.addDatagram(reading(10_000, { ...base, inOctets: 5_000_000n, inUcastPkts: 4000 }), 0);
    expect(
      t.addDatagram(reading(15_000, { ...base, inOctets: 100n, inUcastPkts: 1 }), 5000),
    ).toEqual([]);
    const [r] = t.addDatagram(reading(20_000, { ...base, inOctets: 600n, inUcastPkts: 6 }), 10_000);
    expect(r?.inBitsPerSec).toBe(800);
    expect(r?.inPacketsPerSec).toBe(1);
  });

  it('ignores a duplicated counter sample', () => {
    const t = new PortRateTracker();
    t.addDatagram(reading(10_000, base, 100), 0);
    t.addDatagram(reading(15_000, { ...base, inOctets: 5000n }, 101), 5000);
    expect(t.addDatagram(reading(15_000, { ...base, inOctets: 5000n }, 101), 5001)).toEqual([]);
    expect(t.get('192.0.2.1', 7)?.inBitsPerSec).toBe(8000);
  });

  it('gives sane rates for the OVS ports in the capture', () => {
    const t = new PortRateTracker();
    for (const u of fixtureDatagrams()) t.addDatagram(decodeDatagram(u.payload), u.timestampMs);
    const rates = t.rates();
    expect(rates.map((r) => r.ifName).sort()).toEqual([
      'br-int',
      'ovnlab-vm1',
      'ovnlab-vm2',
      'ovnlab-vm3',
    ]);
    for (const r of rates) {
      expect(r.intervalMs).toBe(5000);
      for (const v of [r.inBitsPerSec, r.outBitsPerSec, r.inPacketsPerSec, r.outPacketsPerSec]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThan(1e8);
      }
    }
    expect(t.get('127.0.0.1', 67)).toMatchObject({ inBitsPerSec: 0, operUp: false });
  });
});
