import type { UnknownRecord } from './flow-types.ts';

/** Counter values are null where the agent reported all ones ("unknown"). */
type Counter = number | null;

export type CounterRecord =
  | GenericInterfaceCounters
  | EthernetCounters
  | VlanCounters
  | ProcessorCounters
  | OpenFlowPort
  | PortName
  | HostDescription
  | HostParent
  | HostCpu
  | HostMemory
  | HostNetIo
  | AppResources
  | OvsDatapathCounters
  | UnknownRecord;

/** 0:1 — ifTable / ifXTable counters. */
export interface GenericInterfaceCounters {
  readonly type: 'generic-interface';
  readonly ifIndex: number;
  readonly ifType: number;
  /** bits per second */
  readonly ifSpeed: Counter;
  /** 0 unknown, 1 full-duplex, 2 half-duplex, 3 in, 4 out */
  readonly ifDirection: number;
  readonly adminUp: boolean;
  readonly operUp: boolean;
  readonly inOctets: Counter;
  readonly inUcastPkts: Counter;
  readonly inMulticastPkts: Counter;
  readonly inBroadcastPkts: Counter;
  readonly inDiscards: Counter;
  readonly inErrors: Counter;
  readonly inUnknownProtos: Counter;
  readonly outOctets: Counter;
  readonly outUcastPkts: Counter;
  readonly outMulticastPkts: Counter;
  readonly outBroadcastPkts: Counter;
  readonly outDiscards: Counter;
  readonly outErrors: Counter;
  readonly promiscuous: boolean | null;
}

/** 0:2 — dot3StatsTable. */
export interface EthernetCounters {
  readonly type: 'ethernet';
  readonly alignmentErrors: Counter;
  readonly fcsErrors: Counter;
  readonly singleCollisionFrames: Counter;
  readonly multipleCollisionFrames: Counter;
  readonly sqeTestErrors: Counter;
  readonly deferredTransmissions: Counter;
  readonly lateCollisions: Counter;
  readonly excessiveCollisions: Counter;
  readonly internalMacTransmitErrors: Counter;
  readonly carrierSenseErrors: Counter;
  readonly frameTooLongs: Counter;
  readonly internalMacReceiveErrors: Counter;
  readonly symbolErrors: Counter;
}

/** 0:5 */
export interface VlanCounters {
  readonly type: 'vlan';
  readonly vlanId: number;
  readonly octets: Counter;
  readonly ucastPkts: Counter;
  readonly multicastPkts: Counter;
  readonly broadcastPkts: Counter;
  readonly discards: Counter;
}

/** 0:1001 — CPU in percent, memory in bytes. */
export interface ProcessorCounters {
  readonly type: 'processor';
  readonly cpu5s: number;
  readonly cpu1m: number;
  readonly cpu5m: number;
  readonly totalMemory: Counter;
  readonly freeMemory: Counter;
}

/** 0:1004 — ties an sFlow data source to an OpenFlow switch port. */
export interface OpenFlowPort {
  readonly type: 'openflow-port';
  /** 16 hex digits */
  readonly datapathId: string;
  readonly portNo: number;
}

/** 0:1005 */
export interface PortName {
  readonly type: 'port-name';
  readonly name: string;
}

/** 0:2000 */
export interface HostDescription {
  readonly type: 'host-description';
  readonly hostname: string;
  /** canonical 8-4-4-4-12 form */
  readonly uuid: string;
  readonly machineType: number;
  readonly osName: number;
  readonly osRelease: string;
}

/** 0:2002 */
export interface HostParent {
  readonly type: 'host-parent';
  readonly containerType: number;
  readonly containerIndex: number;
}

/** 0:2003 */
export interface HostCpu {
  readonly type: 'host-cpu';
  readonly loadOne: number;
  readonly loadFive: number;
  readonly loadFifteen: number;
  readonly procRun: Counter;
  readonly procTotal: Counter;
  readonly cpuNum: Counter;
  readonly cpuSpeedMhz: Counter;
  readonly uptimeSeconds: Counter;
  readonly cpuUserMs: Counter;
  readonly cpuNiceMs: Counter;
  readonly cpuSystemMs: Counter;
  readonly cpuIdleMs: Counter;
  readonly cpuWioMs: Counter;
  readonly cpuIntrMs: Counter;
  readonly cpuSintrMs: Counter;
  readonly interrupts: Counter;
  readonly contexts: Counter;
}

/** 0:2004 — bytes and pages. */
export interface HostMemory {
  readonly type: 'host-memory';
  readonly memTotal: Counter;
  readonly memFree: Counter;
  readonly memShared: Counter;
  readonly memBuffers: Counter;
  readonly memCached: Counter;
  readonly swapTotal: Counter;
  readonly swapFree: Counter;
  readonly pageIn: Counter;
  readonly pageOut: Counter;
  readonly swapIn: Counter;
  readonly swapOut: Counter;
}

/** 0:2006 */
export interface HostNetIo {
  readonly type: 'host-net-io';
  readonly bytesIn: Counter;
  readonly pktsIn: Counter;
  readonly errsIn: Counter;
  readonly dropsIn: Counter;
  readonly bytesOut: Counter;
  readonly pktsOut: Counter;
  readonly errsOut: Counter;
  readonly dropsOut: Counter;
}

/** 0:2203 — the agent process itself (OVS: ovs-vswitchd). */
export interface AppResources {
  readonly type: 'app-resources';
  readonly userTimeMs: Counter;
  readonly systemTimeMs: Counter;
  readonly memUsed: Counter;
  readonly memMax: Counter;
  readonly fdOpen: Counter;
  readonly fdMax: Counter;
  readonly connOpen: Counter;
  readonly connMax: Counter;
}

/** 0:2207 — Open vSwitch datapath statistics. */
export interface OvsDatapathCounters {
  readonly type: 'ovs-datapath';
  readonly hits: Counter;
  readonly misses: Counter;
  readonly lost: Counter;
  readonly maskHits: Counter;
  readonly flows: Counter;
  readonly masks: Counter;
}
