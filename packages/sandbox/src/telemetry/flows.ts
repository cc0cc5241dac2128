import type { RateProfile } from './rates.ts';

/** One direction of a connection, as the sandbox's virtual switch sees it. */
export interface FlowDirection {
  readonly srcIp: string;
  readonly dstIp: string;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly srcMac: string;
  readonly dstMac: string;
  /** the port the sending workload is on; undefined when the sender is outside the app */
  readonly senderIfIndex: number | undefined;
  /** the port the receiving workload is on; undefined when it is outside the app */
  readonly receiverIfIndex: number | undefined;
  /** bits per second this direction carries */
  readonly rate: { readonly min: number; readonly max: number };
  /** Ethernet frame bytes without FCS */
  readonly frameBytes: number;
}

/** The firewall rule that drops a denied flow's attempts. */
export interface DenyingRule {
  readonly policyId: string;
  readonly ruleId: string;
}

/**
 * A connection with both of its directions: one the applied policy permits, or (with `denied`)
 * attempts it drops, of which only the request direction exists and nothing is delivered.
 */
export interface TrafficFlow {
  /** stable across ticks and re-applies: per-flow state and seeds hang off it */
  readonly id: string;
  readonly appKey: string;
  /** e.g. `web-1 → app-1 tcp/8080 (rule web to app)` */
  readonly label: string;
  readonly protocol: 'tcp' | 'udp' | 'icmp';
  readonly profile: RateProfile;
  readonly request: FlowDirection;
  readonly response: FlowDirection;
  readonly denied?: DenyingRule;
}
