import { describe, expect, it } from 'vitest';
import type { StreamEvent } from './protocol.ts';
import { alertsFrom } from './thresholds.ts';

type ThresholdEvent = Extract<StreamEvent, { kind: 'threshold-crossed' | 'threshold-cleared' }>;

const crossed = (atMs: number, target = 'app'): ThresholdEvent => ({
  kind: 'threshold-crossed',
  atMs,
  target,
  direction: 'both',
  bps: 2e6,
  limit: 1e6,
});
const cleared = (atMs: number, target = 'app'): ThresholdEvent => ({
  ...crossed(atMs, target),
  kind: 'threshold-cleared',
  bps: 5e5,
});

describe('alertsFrom', () => {
  it('shows an alert from its crossing until its clearing, whatever order the events came in', () => {
    expect(alertsFrom([], [crossed(10)]).map((a) => a.sinceMs)).toEqual([10]);
    expect(alertsFrom([], [cleared(20), crossed(10)])).toEqual([]);
    expect(alertsFrom([], [crossed(10), cleared(20), crossed(30)]).map((a) => a.sinceMs)).toEqual([
      30,
    ]);
  });

  it('keeps an alert the server listed when its crossing has aged out of the stream, until it clears', () => {
    const listed = {
      target: 'web-1/eth0',
      direction: 'both' as const,
      bps: 3e6,
      limit: 1e6,
      sinceMs: 5,
    };
    expect(alertsFrom([listed], [crossed(10)]).map((a) => a.target)).toEqual(['web-1/eth0', 'app']);
    expect(alertsFrom([listed], [crossed(5, 'web-1/eth0')])).toHaveLength(1);
    expect(alertsFrom([listed], [cleared(8, 'web-1/eth0')])).toEqual([]);
  });
});
