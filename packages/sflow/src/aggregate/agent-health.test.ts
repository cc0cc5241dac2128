import { describe, expect, it } from 'vitest';
import type { SflowDatagram } from '../types.ts';
import { AgentHealthTracker } from './agent-health.ts';

function dg(sequence: number, uptimeMs = 10_000 + sequence, agent = '192.0.2.1'): SflowDatagram {
  return {
    version: 5,
    agent,
    agentAddressType: 'ipv4',
    subAgentId: 0,
    sequence,
    uptimeMs,
    samples: [],
  };
}

describe('agent telemetry health', () => {
  it('counts a skipped datagram as lost', () => {
    const t = new AgentHealthTracker();
    const events = [1, 2, 4, 5].map((s) => t.recordDatagram(dg(s), s));
    expect(events).toEqual(['first', 'in-order', 'gap', 'in-order']);
    expect(t.get('192.0.2.1')).toMatchObject({ datagrams: 4, lostDatagrams: 1, restarts: 0 });
  });

  it('takes a late datagram back off the loss count and never goes negative on duplicates', () => {
    const t = new AgentHealthTracker();
    for (const s of [10, 12, 11, 11, 12, 13]) t.recordDatagram(dg(s), 0);
    expect(t.get('192.0.2.1')).toMatchObject({ lostDatagrams: 0, outOfOrder: 1, duplicates: 2 });
  });

  it('follows the sequence across the 32-bit wrap without loss', () => {
    const t = new AgentHealthTracker();
    for (const s of [0xfffffffe, 0xffffffff, 0, 1, 3]) t.recordDatagram(dg(s, 5000), 0);
    expect(t.get('192.0.2.1')).toMatchObject({ lostDatagrams: 1, restarts: 0, duplicates: 0 });
  });

  it('treats a sequence reset with uptime going back as a restart, not loss', () => {
    const t = new AgentHealthTracker();
    for (const s of [500, 501, 502]) t.recordDatagram(dg(s, 900_000 + s), 0);
    expect(t.recordDatagram(dg(1, 2000), 0)).toBe('restart');
    t.recordDatagram(dg(2, 2100), 0);
    // a reset to a number close below the old one is still a restart thanks to uptime
    expect(t.recordDatagram(dg(1, 50), 0)).toBe('restart');
    expect(t.get('192.0.2.1')).toMatchObject({ lostDatagrams: 0, restarts: 2, duplicates: 0 });
  });

  it('counts the datagrams lost right after a restart, and takes late ones of them back off', () => {
    const t = new AgentHealthTracker();
    for (const s of [500, 501, 502]) t.recordDatagram(dg(s, 900_000 + s), 0);
    // restarted; 1..3 of the new sequence never arrived
    expect(t.recordDatagram(dg(4, 2000), 0)).toBe('restart');
    expect(t.get('192.0.2.1')).toMatchObject({ restarts: 1, lostDatagrams: 3 });
    t.recordDatagram(dg(5, 2100), 0);
    expect(t.recordDatagram(dg(2, 1900), 0)).toBe('out-of-order');
    expect(t.get('192.0.2.1')).toMatchObject({ restarts: 1, lostDatagrams: 2, outOfOrder: 1 });
    // a restart caught by the sequence going far back, uptime unchanged, counts the same way
    for (let s = 6; s < 600; s++) t.recordDatagram(dg(s, 2200), 0);
    expect(t.recordDatagram(dg(11, 2200), 0)).toBe('restart');
    expect(t.get('192.0.2.1')).toMatchObject({ restarts: 2, lostDatagrams: 12 });
  });

  it('counts nothing for a forward jump too far to be loss', () => {
    const t = new AgentHealthTracker({ maxGap: 1000 });
    t.recordDatagram(dg(10, 5000), 0);
    expect(t.recordDatagram(dg(50_000, 5100), 0)).toBe('restart');
    expect(t.get('192.0.2.1')).toMatchObject({ restarts: 1, lostDatagrams: 0 });
  });

  it('counts decode errors by code and bounds the number of agents', () => {
    const t = new AgentHealthTracker({ maxAgents: 3 });
    t.recordDecodeError('a', 'bad-version', 1);
    t.recordDecodeError('a', 'bad-version', 2);
    t.recordDecodeError('a', 'truncated', 3);
    expect(t.get('a')).toMatchObject({
      decodeErrors: 3,
      errorsByCode: { 'bad-version': 2, truncated: 1 },
    });
    for (let i = 0; i < 100; i++) t.recordDatagram(dg(1, 1, `10.0.0.${i}`), i);
    expect(t.size).toBe(3);
    expect(t.snapshot().map((h) => h.agent)).toEqual(['10.0.0.97', '10.0.0.98', '10.0.0.99']);
  });
});
