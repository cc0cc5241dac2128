export {
  type DriftedObject,
  type DriftedRow,
  type DriftReport,
  DriftWatcher,
  type DriftWatcherEvents,
  type DriftWatcherOptions,
  type NbSource,
} from './drift.ts';
export {
  type ApplyResult,
  NB_DB,
  OvnDriver,
  type OvnDriverOptions,
  OWNED_TABLES,
  type PlannedApply,
} from './driver.ts';
export { OvnError, type OvnErrorCode } from './errors.ts';
export { type ImportOptions, type ImportResult, importForeign } from './import/import.ts';
export type { NbRow, NbSnapshot } from './import/nb-snapshot.ts';
export { appKey, EXT, OvnNames } from './names.ts';
export {
  HypervisorPortMap,
  type HypervisorPortMapEvents,
  type HypervisorSource,
  VSWITCH_DB,
} from './port-map.ts';
export {
  canonicalAgent,
  diffPortMaps,
  indexInterfaces,
  type PortMapChange,
  type PortMapEntry,
  type PortMapRows,
} from './port-map-entries.ts';
export { PortMap, type PortMapEvents, type PortResolution } from './port-map-hypervisors.ts';
export {
  type PortStatus,
  PortStatusWatcher,
  type PortStatusWatcherEvents,
  type PortStatusWatcherOptions,
  SB_DB,
} from './port-status.ts';
export { readBack } from './read-back.ts';
export { type ActualRow, type NbPlan, type RowChange, reconcile } from './reconcile.ts';
export { renderApplication } from './render/render.ts';
export type { ColumnValue, DesiredRow, NbTable } from './render/rows.ts';
export {
  type CaptureOptions,
  captureSnapshot,
  readApplied,
  restorePlan,
  restoreTarget,
  rowsStateVersion,
} from './snapshot.ts';
export { type SslFiles, sslArgs, tlsFromFiles } from './ssl.ts';
export { type TraceOptions, type TraceResult, traceWorkloads } from './trace.ts';
export { interpretTrace } from './trace-interpret.ts';
export { type TracePacket, tracePacket } from './trace-packet.ts';
export {
  type ParsedTrace,
  parseDetailedTrace,
  type TraceSection,
  type TraceStage,
} from './trace-parse.ts';
