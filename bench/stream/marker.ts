import { encodeDatagram, rawHeaderRecord } from '@netcanvas/sflow';

/** Source address of every marker flow: benchmark space (RFC 2544), never an app's. */
export const MARKER_SRC = '198.18.0.1';
const MARKER_DST = '198.18.0.2';
/** destination port of marker `i`; the flow's 5-tuple is new for each marker */
export const markerPort = (i: number): number => 10_000 + (i % 50_000);
// a sub-agent of our own so the sandbox's sequence numbers are not seen as gaps
const SUB_AGENT = 7;

/**
 * One sFlow v5 datagram holding one flow sample that enters the app through `ifIndex`: a
 * new UDP 5-tuple per marker, weighted heavier than everything before it so it makes the
 * app's top flows (and so the `flows` topic) at the pipeline's next refresh.
 */
export function markerDatagram(agent: string, ifIndex: number, i: number): Uint8Array {
  const spec = {
    ethernet: { src: '02:00:00:00:be:01', dst: '02:00:00:00:be:02' },
    ip: { version: 4 as const, src: MARKER_SRC, dst: MARKER_DST },
    transport: { protocol: 'udp' as const, srcPort: 40_000, dstPort: markerPort(i) },
    frameLength: 1500,
  };
  return encodeDatagram({
    agent,
    subAgentId: SUB_AGENT,
    sequence: i + 1,
    uptimeMs: Math.round(performance.now()),
    samples: [
      {
        kind: 'flow',
        expanded: false,
        sequence: i + 1,
        sourceId: { type: 0, index: ifIndex },
        samplingRate: 1_000_000 + i * 10_000,
        samplePool: (i + 1) * 1_000_000,
        drops: 0,
        input: { format: 'ifindex', ifIndex },
        output: { format: 'ifindex', ifIndex: 0 },
        records: [rawHeaderRecord(spec)],
      },
    ],
  });
}

/** Marker ports found in a stream frame of the `flows` topic (snapshot or delta). */
export function markersIn(frame: {
  state?: Record<string, unknown>;
  changes?: { set?: Record<string, unknown> };
}): number[] {
  const values = Object.values(frame.state ?? frame.changes?.set ?? {});
  const out: number[] = [];
  for (const v of values) {
    const f = v as { src?: string; dstPort?: number };
    if (f.src === MARKER_SRC && typeof f.dstPort === 'number') out.push(f.dstPort);
  }
  return out;
}
