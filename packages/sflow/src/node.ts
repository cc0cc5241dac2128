export {
  type CollectorStats,
  type ReceivedDatagram,
  type RejectedDatagram,
  type Sender,
  SflowCollector,
  type SflowCollectorOptions,
} from './collector.ts';
