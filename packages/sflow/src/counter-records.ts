import { formatUuid } from './addresses.ts';
import type { CounterRecord } from './counter-types.ts';
import type { XdrReader } from './xdr-reader.ts';

/** Decodes one counter record's body; `r` is bounded by the record's length. */
export function decodeCounterRecord(
  r: XdrReader,
  enterprise: number,
  format: number,
): CounterRecord {
  if (enterprise !== 0) return { type: 'unknown', enterprise, format, length: r.remaining };
  switch (format) {
    case 1:
      return decodeGenericInterface(r);
    case 2:
      return {
        type: 'ethernet',
        alignmentErrors: r.counter32(),
        fcsErrors: r.counter32(),
        singleCollisionFrames: r.counter32(),
        multipleCollisionFrames: r.counter32(),
        sqeTestErrors: r.counter32(),
        deferredTransmissions: r.counter32(),
        lateCollisions: r.counter32(),
        excessiveCollisions: r.counter32(),
        internalMacTransmitErrors: r.counter32(),
        carrierSenseErrors: r.counter32(),
        frameTooLongs: r.counter32(),
        internalMacReceiveErrors: r.counter32(),
        symbolErrors: r.counter32(),
      };
    case 5:
      return {
        type: 'vlan',
        vlanId: r.u32('vlan_id'),
        octets: r.counter64(),
        ucastPkts: r.counter32(),
        multicastPkts: r.counter32(),
        broadcastPkts: r.counter32(),
        discards: r.counter32(),
      };
    case 1001:
      return {
        type: 'processor',
        cpu5s: r.u32('5s_cpu') / 100,
        cpu1m: r.u32('1m_cpu') / 100,
        cpu5m: r.u32('5m_cpu') / 100,
        totalMemory: r.counter64(),
        freeMemory: r.counter64(),
      };
    case 1004:
      return {
        type: 'openflow-port',
        datapathId: r.hex64('datapath_id'),
        portNo: r.u32('port_no'),
      };
    case 1005:
      return { type: 'port-name', name: r.string(255, 'port name') };
    case 2000:
      return {
        type: 'host-description',
        hostname: r.string(64, 'hostname'),
        uuid: formatUuid(r.fixed(16, 'uuid')),
        machineType: r.u32('machine_type'),
        osName: r.u32('os_name'),
        osRelease: r.string(32, 'os_release'),
      };
    case 2002:
      return { type: 'host-parent', containerType: r.u32(), containerIndex: r.u32() };
    case 2003:
      return decodeHostCpu(r);
    case 2004:
      return {
        type: 'host-memory',
        memTotal: r.counter64(),
        memFree: r.counter64(),
        memShared: r.counter64(),
        memBuffers: r.counter64(),
        memCached: r.counter64(),
        swapTotal: r.counter64(),
        swapFree: r.counter64(),
        pageIn: r.counter32(),
        pageOut: r.counter32(),
        swapIn: r.counter32(),
        swapOut: r.counter32(),
      };
    case 2006:
      return {
        type: 'host-net-io',
        bytesIn: r.counter64(),
        pktsIn: r.counter32(),
        errsIn: r.counter32(),
        dropsIn: r.counter32(),
        bytesOut: r.counter64(),
        pktsOut: r.counter32(),
        errsOut: r.counter32(),
        dropsOut: r.counter32(),
      };
    case 2203:
      return {
        type: 'app-resources',
        userTimeMs: r.counter32(),
        systemTimeMs: r.counter32(),
        memUsed: r.counter64(),
        memMax: r.counter64(),
        fdOpen: r.counter32(),
        fdMax: r.counter32(),
        connOpen: r.counter32(),
        connMax: r.counter32(),
      };
    case 2207:
      return {
        type: 'ovs-datapath',
        hits: r.counter32(),
        misses: r.counter32(),
        lost: r.counter32(),
        maskHits: r.counter32(),
        flows: r.counter32(),
        masks: r.counter32(),
      };
    default:
      return { type: 'unknown', enterprise, format, length: r.remaining };
  }
}

function decodeGenericInterface(r: XdrReader): CounterRecord {
  const ifIndex = r.u32('ifIndex');
  const ifType = r.u32('ifType');
  const ifSpeed = r.counter64();
  const ifDirection = r.u32('ifDirection');
  const status = r.u32('ifStatus');
  return {
    type: 'generic-interface',
    ifIndex,
    ifType,
    ifSpeed,
    ifDirection,
    adminUp: (status & 1) !== 0,
    operUp: (status & 2) !== 0,
    inOctets: r.counter64(),
    inUcastPkts: r.counter32(),
    inMulticastPkts: r.counter32(),
    inBroadcastPkts: r.counter32(),
    inDiscards: r.counter32(),
    inErrors: r.counter32(),
    inUnknownProtos: r.counter32(),
    outOctets: r.counter64(),
    outUcastPkts: r.counter32(),
    outMulticastPkts: r.counter32(),
    outBroadcastPkts: r.counter32(),
    outDiscards: r.counter32(),
    outErrors: r.counter32(),
    promiscuous: promiscuous(r.u32('ifPromiscuousMode')),
  };
}

function promiscuous(v: number): boolean | null {
  if (v === 1) return true;
  if (v === 2 || v === 0) return false;
  return null;
}

function decodeHostCpu(r: XdrReader): CounterRecord {
  return {
    type: 'host-cpu',
    loadOne: r.float(),
    loadFive: r.float(),
    loadFifteen: r.float(),
    procRun: r.counter32(),
    procTotal: r.counter32(),
    cpuNum: r.counter32(),
    cpuSpeedMhz: r.counter32(),
    uptimeSeconds: r.counter32(),
    cpuUserMs: r.counter32(),
    cpuNiceMs: r.counter32(),
    cpuSystemMs: r.counter32(),
    cpuIdleMs: r.counter32(),
    cpuWioMs: r.counter32(),
    cpuIntrMs: r.counter32(),
    cpuSintrMs: r.counter32(),
    interrupts: r.counter32(),
    contexts: r.counter32(),
  };
}
