import type { CounterSample } from '@netcanvas/sflow';

/** A counter sample of one OVS interface, as OVS sends it: generic interface and port name (tests only). */
export function ovsCounterSample(
  ifIndex: number,
  name: string,
  inOctets: number,
  outOctets: number,
  sequence: number,
): CounterSample {
  return {
    kind: 'counters',
    expanded: false,
    sequence,
    sourceId: { type: 0, index: ifIndex },
    records: [
      {
        type: 'generic-interface',
        ifIndex,
        ifType: 6,
        ifSpeed: 10_000_000_000,
        ifDirection: 1,
        adminUp: true,
        operUp: true,
        inOctets,
        inUcastPkts: Math.floor(inOctets / 1000),
        inMulticastPkts: 0,
        inBroadcastPkts: 0,
        inDiscards: 0,
        inErrors: 0,
        inUnknownProtos: 0,
        outOctets,
        outUcastPkts: Math.floor(outOctets / 1000),
        outMulticastPkts: 0,
        outBroadcastPkts: 0,
        outDiscards: 0,
        outErrors: 0,
        promiscuous: false,
      },
      { type: 'port-name', name },
    ],
  };
}
