import { type FlowEstimate, flowKeyString, type PortRate } from '@netcanvas/sflow';
import type { FlowEntry, LinkLoad, PortLoad } from './topic-values.ts';

/** Where a telemetry port leads in the design: an app's NIC. */
export interface PortOwner {
  /** `<tenant>/<appId>` */
  readonly appKey: string;
  readonly objectId: string;
  readonly nicId: string;
  /** the logical switch port name (OVS iface-id) */
  readonly portName: string;
  /** the switch the NIC plugs into, for link loads */
  readonly switchId?: string;
}

/** A workload NIC an address belongs to. */
export interface Endpoint {
  readonly objectId: string;
  readonly nicId: string;
}

/** What the latest counter sample of a port said, besides rates. */
export interface PortStatus {
  readonly agent: string;
  readonly ifIndex: number;
  readonly ifName: string | undefined;
  readonly up: boolean;
  readonly speedBps: number | null;
  readonly atMs: number;
}

const whole = (n: number | null | undefined) => (n == null ? null : Math.round(n));
const hundredths = (n: number | null | undefined) => (n == null ? null : Math.round(n * 100) / 100);

/** The ports-topic entry of a NIC; rates are null until two counter samples arrived. */
export function portLoad(
  owner: PortOwner,
  status: PortStatus,
  rate: PortRate | undefined,
): PortLoad {
  const load: PortLoad = {
    objectId: owner.objectId,
    nicId: owner.nicId,
    portName: owner.portName,
    agent: status.agent,
    ifIndex: status.ifIndex,
    up: status.up,
    speedBps: status.speedBps,
    inBps: whole(rate?.inBitsPerSec),
    outBps: whole(rate?.outBitsPerSec),
    inPps: hundredths(rate?.inPacketsPerSec),
    outPps: hundredths(rate?.outPacketsPerSec),
    inErrorsPerSec: hundredths(rate?.inErrorsPerSec),
    outErrorsPerSec: hundredths(rate?.outErrorsPerSec),
    inDropsPerSec: hundredths(rate?.inDiscardsPerSec),
    outDropsPerSec: hundredths(rate?.outDiscardsPerSec),
    atMs: status.atMs,
  };
  return status.ifName === undefined ? load : { ...load, ifName: status.ifName };
}

/** The links-topic entry of a NIC: its port's counters seen from the link. */
export function linkLoad(owner: PortOwner, port: PortLoad): LinkLoad {
  const busier =
    port.inBps === null || port.outBps === null ? null : Math.max(port.inBps, port.outBps);
  const utilization =
    busier === null || !port.speedBps ? null : Math.round((busier / port.speedBps) * 1e4) / 1e4;
  const link: LinkLoad = {
    objectId: owner.objectId,
    nicId: owner.nicId,
    // the vswitch receives what the workload sends
    toSwitchBps: port.inBps,
    fromSwitchBps: port.outBps,
    utilization,
    up: port.up,
  };
  return owner.switchId === undefined ? link : { ...link, switchId: owner.switchId };
}

/** Flows-topic entries keyed by 5-tuple, ends resolved to workloads where known. */
export function flowEntries(
  flows: readonly FlowEstimate[],
  endpointOf: (ip: string) => Endpoint | undefined,
): Record<string, FlowEntry> {
  const out: Record<string, FlowEntry> = {};
  for (const f of flows) {
    const entry: FlowEntry = {
      protocol: f.protocol,
      src: f.src,
      dst: f.dst,
      srcPort: f.srcPort,
      dstPort: f.dstPort,
      bytesPerSec: Math.round(f.bytesPerSec),
      packetsPerSec: hundredths(f.packetsPerSec) ?? 0,
    };
    const src = endpointOf(f.src);
    const dst = endpointOf(f.dst);
    out[flowKeyString(f)] = {
      ...entry,
      ...(src ? { srcEndpoint: { ...src } } : {}),
      ...(dst ? { dstEndpoint: { ...dst } } : {}),
    };
  }
  return out;
}

/** Flows-topic entries of dropped flows, keyed `drop|<5-tuple>` apart from delivered ones. */
export function droppedFlowEntries(
  flows: readonly FlowEstimate[],
  reasons: ReadonlyMap<string, number>,
  endpointOf: (ip: string) => Endpoint | undefined,
): Record<string, FlowEntry> {
  const out: Record<string, FlowEntry> = {};
  for (const [key, entry] of Object.entries(flowEntries(flows, endpointOf))) {
    out[`drop|${key}`] = { ...entry, dropped: { reason: reasons.get(key) ?? DISCARD_UNKNOWN } };
  }
  return out;
}

/** sFlow discard reasons (output format 1) we name: an ACL, and "unknown" as OVS sends for any drop. */
export const DISCARD_ACL = 258;
export const DISCARD_UNKNOWN = 256;

/** Key of a NIC in the ports and links topics. */
export function nicKey(owner: Endpoint): string {
  return `${owner.objectId}/${owner.nicId}`;
}
