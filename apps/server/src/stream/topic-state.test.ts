import { describe, expect, it } from 'vitest';
import { parseTopic } from './protocol.ts';
import { TopicState } from './topic-state.ts';

const limits = { historySize: 4, historyBytes: 1024 * 1024, maxEvents: 3 };

describe('parseTopic', () => {
  it('accepts the app streams and telemetry health, nothing else', () => {
    expect(parseTopic('app/acme/shop/flows')).toEqual({
      kind: 'app',
      tenant: 'acme',
      appId: 'shop',
      stream: 'flows',
    });
    expect(parseTopic('telemetry/health')).toEqual({ kind: 'telemetry', name: 'health' });
    for (const bad of [
      'app/acme/shop',
      'app/acme/shop/secrets',
      'app/../shop/ports',
      'app/a/b/ports/x',
      '',
    ]) {
      expect(parseTopic(bad)).toBeUndefined();
    }
  });
});

describe('TopicState', () => {
  it('keeps the newest events and ages out the oldest with a removal', () => {
    const t = new TopicState('app/a/b/events', 'events', limits, JSON.stringify);
    for (let i = 1; i <= 4; i++)
      t.event({ kind: 'drift', atMs: i, objectIds: [], message: `${i}` });
    const frame = JSON.parse(t.commit() ?? '{}');
    // a burst beyond what the topic holds keeps its newest events
    const messages = Object.values(frame.changes.set).map(
      (e) => (e as { message: string }).message,
    );
    expect(messages).toEqual(['2', '3', '4']);
    t.event({ kind: 'drift', atMs: 5, objectIds: [], message: '5' });
    expect(JSON.parse(t.commit() ?? '{}').changes).toEqual({
      set: { '4': { kind: 'drift', atMs: 5, objectIds: [], message: '5' } },
      removed: ['1'],
    });
    expect(Object.keys(t.state)).toEqual(['2', '3', '4']);
  });

  it('keeps at most historySize deltas and knows when a resume is impossible', () => {
    const t = new TopicState('app/a/b/ports', 'keyed', limits, JSON.stringify);
    for (let i = 1; i <= 10; i++) {
      t.publish({ k: i });
      t.commit();
    }
    expect(t.deltasSince(10)).toEqual([]);
    expect(t.deltasSince(6)?.map((f) => JSON.parse(f).revision)).toEqual([7, 8, 9, 10]);
    expect(t.deltasSince(5)).toBeUndefined();
    expect(t.deltasSince(11)).toBeUndefined();
  });

  it('serializes a snapshot once per revision', () => {
    let calls = 0;
    const t = new TopicState('app/a/b/ports', 'keyed', limits, (m) => {
      calls++;
      return JSON.stringify(m);
    });
    t.snapshotFrame();
    t.snapshotFrame();
    expect(calls).toBe(1);
    t.publish({ a: 1 });
    t.commit();
    t.snapshotFrame();
    expect(calls).toBe(3);
  });
});
