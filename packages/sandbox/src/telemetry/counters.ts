import type { CounterRecord, CounterSample } from '@netcanvas/sflow';

const TWO_POW_32 = 0x1_0000_0000;
const IF_SPEED = 10_000_000_000;

/** Running counters of one virtual port, from the switch's side: in = sent by the workload. */
export class PortCounters {
  inOctets = 0;
  inPackets = 0;
  outOctets = 0;
  outPackets = 0;
  /** packets that could have been sampled here (the sample pool) */
  pool = 0;
  flowSequence = 0;
  counterSequence = 0;

  /** a counter sample: generic interface, Ethernet and port name records */
  sample(ifIndex: number, name: string): CounterSample {
    const records: CounterRecord[] = [
      {
        type: 'generic-interface',
        ifIndex,
        ifType: 6,
        ifSpeed: IF_SPEED,
        ifDirection: 1,
        adminUp: true,
        operUp: true,
        inOctets: this.inOctets,
        inUcastPkts: this.inPackets % TWO_POW_32,
        inMulticastPkts: 0,
        inBroadcastPkts: 0,
        inDiscards: 0,
        inErrors: 0,
        inUnknownProtos: 0,
        outOctets: this.outOctets,
        outUcastPkts: this.outPackets % TWO_POW_32,
        outMulticastPkts: 0,
        outBroadcastPkts: 0,
        outDiscards: 0,
        outErrors: 0,
        promiscuous: false,
      },
      {
        type: 'ethernet',
        alignmentErrors: 0,
        fcsErrors: 0,
        singleCollisionFrames: 0,
        multipleCollisionFrames: 0,
        sqeTestErrors: 0,
        deferredTransmissions: 0,
        lateCollisions: 0,
        excessiveCollisions: 0,
        internalMacTransmitErrors: 0,
        carrierSenseErrors: 0,
        frameTooLongs: 0,
        internalMacReceiveErrors: 0,
        symbolErrors: 0,
      },
      { type: 'port-name', name },
    ];
    const sequence = this.counterSequence;
    this.counterSequence = (this.counterSequence + 1) % TWO_POW_32;
    return {
      kind: 'counters',
      expanded: false,
      sequence,
      sourceId: { type: 0, index: ifIndex },
      records,
    };
  }
}
