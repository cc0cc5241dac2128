import { describe, expect, it } from 'vitest';
import { conversations } from './conversations.ts';

const flow = (src: string, srcPort: number, dst: string, dstPort: number, bytesPerSec: number) => ({
  protocol: 6,
  src,
  srcPort,
  dst,
  dstPort,
  bytesPerSec,
  packetsPerSec: bytesPerSec / 1000,
});

describe('conversations', () => {
  it('folds request and reply into one connection told from the client', () => {
    const out = conversations([
      flow('10.0.3.11', 5432, '10.0.2.11', 39262, 1_400_000),
      flow('10.0.2.11', 39262, '10.0.3.11', 5432, 200_000),
      flow('10.0.1.11', 80, '198.51.100.10', 47189, 1_700_000),
    ]);
    expect(out.map((c) => [c.client, c.server, c.port, c.bytesPerSec])).toEqual([
      ['198.51.100.10', '10.0.1.11', 80, 1_700_000],
      ['10.0.2.11', '10.0.3.11', 5432, 1_600_000],
    ]);
  });
});
