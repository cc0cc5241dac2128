export {
  type AttachStreamOptions,
  type Authorize,
  attachStream,
  type StreamServer,
  type StreamServerMetrics,
} from './attach.ts';
export type { CanSubscribe } from './connection.ts';
export {
  type ClientStats,
  type PublishTap,
  type StreamClient,
  StreamHub,
  type StreamHubOptions,
  type StreamMetrics,
  type StreamPeer,
} from './hub.ts';
export { applyChanges, diffKeyed } from './keyed-diff.ts';
export {
  type AppStream,
  appTopic,
  Changes,
  ClientMessage,
  type EventTopic,
  type KeyedTopic,
  type ParsedTopic,
  parseTopic,
  ServerMessage,
  type StreamErrorCode,
  type Topic,
} from './protocol.ts';
export {
  AUDITED_REFUSALS_PER_MINUTE,
  auditRefusedSubscribes,
  type RefusalAuditOptions,
  RefusalBudget,
} from './refusal-audit.ts';
export {
  appKeyOf,
  type DatagramSource,
  type ResolvePort,
  type TelemetryOptions,
  TelemetryPipeline,
} from './telemetry.ts';
export type { Endpoint, PortOwner } from './telemetry-views.ts';
export {
  FlowEntry,
  HealthEntry,
  LinkLoad,
  PortLoad,
  StreamEvent,
  type TopicValue,
} from './topic-values.ts';
