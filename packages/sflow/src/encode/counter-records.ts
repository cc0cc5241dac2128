import type { CounterRecord, GenericInterfaceCounters } from '../counter-types.ts';
import { SflowEncodeError } from './errors.ts';
import type { XdrWriter } from './xdr-writer.ts';

const promiscuousWord = (p: boolean | null) => (p === null ? 3 : p ? 1 : 2);

function writeGenericInterface(b: XdrWriter, r: GenericInterfaceCounters): void {
  b.u32(r.ifIndex, 'ifIndex')
    .u32(r.ifType, 'ifType')
    .counter64(r.ifSpeed, 'ifSpeed')
    .u32(r.ifDirection, 'ifDirection')
    .u32((r.adminUp ? 1 : 0) | (r.operUp ? 2 : 0))
    .counter64(r.inOctets, 'inOctets')
    .counter32(r.inUcastPkts, 'inUcastPkts')
    .counter32(r.inMulticastPkts, 'inMulticastPkts')
    .counter32(r.inBroadcastPkts, 'inBroadcastPkts')
    .counter32(r.inDiscards, 'inDiscards')
    .counter32(r.inErrors, 'inErrors')
    .counter32(r.inUnknownProtos, 'inUnknownProtos')
    .counter64(r.outOctets, 'outOctets')
    .counter32(r.outUcastPkts, 'outUcastPkts')
    .counter32(r.outMulticastPkts, 'outMulticastPkts')
    .counter32(r.outBroadcastPkts, 'outBroadcastPkts')
    .counter32(r.outDiscards, 'outDiscards')
    .counter32(r.outErrors, 'outErrors')
    .u32(promiscuousWord(r.promiscuous));
}

/** Writes one counter record (format, length, body). */
export function writeCounterRecord(w: XdrWriter, r: CounterRecord): void {
  switch (r.type) {
    case 'generic-interface':
      w.framed(1, (b) => writeGenericInterface(b, r));
      return;
    case 'ethernet':
      w.framed(2, (b) =>
        b
          .counter32(r.alignmentErrors)
          .counter32(r.fcsErrors)
          .counter32(r.singleCollisionFrames)
          .counter32(r.multipleCollisionFrames)
          .counter32(r.sqeTestErrors)
          .counter32(r.deferredTransmissions)
          .counter32(r.lateCollisions)
          .counter32(r.excessiveCollisions)
          .counter32(r.internalMacTransmitErrors)
          .counter32(r.carrierSenseErrors)
          .counter32(r.frameTooLongs)
          .counter32(r.internalMacReceiveErrors)
          .counter32(r.symbolErrors),
      );
      return;
    case 'vlan':
      w.framed(5, (b) =>
        b
          .u32(r.vlanId, 'vlan_id')
          .counter64(r.octets)
          .counter32(r.ucastPkts)
          .counter32(r.multicastPkts)
          .counter32(r.broadcastPkts)
          .counter32(r.discards),
      );
      return;
    case 'port-name':
      w.framed(1005, (b) => b.string(r.name));
      return;
    default:
      throw new SflowEncodeError('unsupported', `counter record ${r.type} is not encoded`);
  }
}
