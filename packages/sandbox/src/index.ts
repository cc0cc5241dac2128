export { appKey, toControllerChanges } from './changes.ts';
export {
  SANDBOX_VERSION,
  SandboxController,
  type SandboxControllerOptions,
  type SandboxPlan,
} from './controller.ts';
export { SandboxError, type SandboxErrorCode } from './errors.ts';
export { MemorySandboxStore, type SandboxStore, type StoredApplication } from './store.ts';
export { discoverFlows, type IfIndexOf } from './telemetry/discover.ts';
export {
  type EmitterPort,
  TrafficEmitter,
  type TrafficEmitterOptions,
} from './telemetry/emitter.ts';
export type { FlowDirection, TrafficFlow } from './telemetry/flows.ts';
export type { SandboxPortMapEntry } from './telemetry/port-map.ts';
export { RATE_PROFILES, type RateProfile, type RateRange, rateProfile } from './telemetry/rates.ts';
export { DEFAULT_AGENT, type TelemetryOptions } from './telemetry/telemetry.ts';
export { type DatagramSink, UdpSink, type UdpSinkStats } from './telemetry/udp-sink.ts';
