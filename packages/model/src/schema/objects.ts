import { z } from 'zod';
import { ObjectId, objectBase, Protocol, Tags } from './common.ts';

/**
 * What an imported OVN row had that the model does not express: its original name and
 * columns netcanvas does not manage. Kept verbatim and written back unchanged.
 */
export const OvnVerbatim = z.object({
  name: z.string().min(1).max(256).optional(),
  columns: z.record(z.string(), z.unknown()).optional(),
});

/** Addresses handed out by OVN's native DHCP on a switch. */
export const DhcpOptions = z.object({
  enabled: z.boolean().default(true),
  /** pool kept for DHCP clients that are not in the design; IPAM never allocates from it */
  range: z.object({ start: z.string(), end: z.string() }).optional(),
  leaseTime: z.number().int().min(60).max(31_536_000).optional(),
  dnsServers: z.array(z.string()).max(8).optional(),
});

export const LogicalSwitch = z.object({
  ...objectBase,
  kind: z.literal('switch'),
  subnet: z.string().optional(),
  subnet6: z.string().optional(),
  dhcp: DhcpOptions.optional(),
  /** single addresses or `a..b` ranges IPAM must not hand out */
  excludeIps: z.array(z.string()).max(256).optional(),
  mtu: z.number().int().min(576).max(9216).optional(),
  /** bridges the switch onto a physical network (OVN localnet port) */
  uplink: ObjectId.optional(),
  vlan: z.number().int().min(1).max(4094).optional(),
  ovn: OvnVerbatim.optional(),
});

export const Uplink = z.object({
  ...objectBase,
  kind: z.literal('uplink'),
  /** the bridge mapping name on the chassis (`ovn-bridge-mappings`) */
  physicalNetwork: z.string().min(1).max(64),
  vlan: z.number().int().min(1).max(4094).optional(),
  /** the external subnet routers' gateway addresses live in */
  subnet: z.string().optional(),
  /** the upstream router on the physical network */
  gatewayIp: z.string().optional(),
  /** the localnet port as imported */
  ovn: OvnVerbatim.optional(),
});

export const RouterInterface = z.object({
  switch: ObjectId,
  /** defaults to the first host address of the switch subnet */
  ip: z.string().optional(),
  ip6: z.string().optional(),
  mac: z.string().optional(),
  /** the router port (LRP) as imported */
  ovn: OvnVerbatim.optional(),
  /** the switch's router-type port (LSP) as imported */
  ovnPeer: OvnVerbatim.optional(),
});

export const StaticRoute = z.object({
  prefix: z.string(),
  nextHop: z.string(),
  ovn: OvnVerbatim.optional(),
});

export const NatRule = z.object({
  id: ObjectId,
  type: z.enum(['snat', 'dnat', 'dnat_and_snat']),
  externalIp: z.string(),
  /** a CIDR for snat, an address for dnat and dnat_and_snat */
  internalIp: z.string().optional(),
  /** for dnat/dnat_and_snat: the workload whose first NIC address is the inside address */
  workload: ObjectId.optional(),
  ovn: OvnVerbatim.optional(),
});

export const GatewayChassis = z.object({
  name: z.string().min(1),
  priority: z.number().int().min(0).max(32767),
});

export const RouterGateway = z.object({
  uplink: ObjectId,
  ip: z.string(),
  mac: z.string().optional(),
  /** HA placement: the highest priority live chassis hosts the gateway port */
  chassis: z.array(GatewayChassis).max(16).default([]),
});

export const LogicalRouter = z.object({
  ...objectBase,
  kind: z.literal('router'),
  interfaces: z.array(RouterInterface).max(256).default([]),
  routes: z.array(StaticRoute).max(1024).default([]),
  nat: z.array(NatRule).max(1024).default([]),
  gateway: RouterGateway.optional(),
  ovn: OvnVerbatim.optional(),
});

export const Nic = z.object({
  id: ObjectId,
  switch: ObjectId,
  /** omitted: allocated by IPAM from the switch subnet */
  ip: z.string().optional(),
  ip6: z.string().optional(),
  /** omitted: allocated deterministically */
  mac: z.string().optional(),
  /** the logical switch port as imported (its name is the hypervisor's iface-id) */
  ovn: OvnVerbatim.optional(),
});

const Port = z.number().int().min(1).max(65535);
const EveryMs = z.number().int().min(10).max(3_600_000).default(1000);

/**
 * A small traffic generator the workload runs where it is deployed (the lab runs it in the
 * workload's namespace), so the dashboards show traffic the user asked for. Targets are
 * workload ids of the same app (their first NIC's address). Never written to the controller.
 */
export const TrafficProfile = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('http-server'), port: Port }),
  z.object({
    kind: z.literal('http-client'),
    target: ObjectId,
    port: Port,
    everyMs: EveryMs,
  }),
  z.object({
    kind: z.literal('udp-stream'),
    target: ObjectId,
    port: Port,
    packetsPerSecond: z.number().int().min(1).max(100_000).default(100),
    /** UDP payload bytes */
    size: z.number().int().min(1).max(1400).default(512),
  }),
  z.object({ kind: z.literal('ping'), target: ObjectId, everyMs: EveryMs }),
]);

export const Workload = z.object({
  ...objectBase,
  kind: z.literal('workload'),
  workloadType: z.enum(['vm', 'container']).default('vm'),
  nics: z.array(Nic).max(16).default([]),
  traffic: TrafficProfile.optional(),
});

export const HealthCheck = z.object({
  intervalSeconds: z.number().int().min(1).max(3600).default(5),
  timeoutSeconds: z.number().int().min(1).max(3600).default(3),
  successCount: z.number().int().min(1).max(100).default(3),
  failureCount: z.number().int().min(1).max(100).default(3),
});

export const LbBackend = z.object({
  /** the backend is this workload's first NIC address */
  workload: ObjectId.optional(),
  ip: z.string().optional(),
  port: z.number().int().min(1).max(65535),
});

export const Vip = z.object({
  ip: z.string(),
  port: z.number().int().min(1).max(65535),
  backends: z.array(LbBackend).max(1024).default([]),
});

export const LoadBalancer = z.object({
  ...objectBase,
  kind: z.literal('loadBalancer'),
  protocol: Protocol.default('tcp'),
  vips: z.array(Vip).max(256).default([]),
  healthCheck: HealthCheck.optional(),
  /** switches and/or routers the VIPs are reachable on */
  attachedTo: z.array(ObjectId).max(64).default([]),
  ovn: OvnVerbatim.optional(),
});

export const GroupMembers = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tags'), tags: Tags.min(1) }),
  z.object({ type: z.literal('cidrs'), cidrs: z.array(z.string()).min(1).max(1024) }),
]);

export const Group = z.object({
  ...objectBase,
  kind: z.literal('group'),
  members: GroupMembers,
  ovn: OvnVerbatim.optional(),
});

/** Where a rule's traffic comes from or goes to. */
export const Endpoint = z.union([
  z.literal('any'),
  z.object({ group: ObjectId }),
  z.object({ cidr: z.string() }),
]);

export const Service = z.object({
  protocol: z.enum(['tcp', 'udp', 'sctp', 'icmp']),
  /** `80` or `8000-8080`; omitted means every port */
  ports: z.string().optional(),
});

export const FirewallRule = z.object({
  id: ObjectId,
  name: z.string().max(128).optional(),
  from: Endpoint.default('any'),
  to: Endpoint.default('any'),
  /** empty: any IP traffic */
  services: z.array(Service).max(64).default([]),
  /** allow-stateless and pass come from imported ACLs */
  action: z.enum(['allow', 'allow-related', 'allow-stateless', 'pass', 'drop', 'reject']),
  log: z.boolean().default(false),
  /** OVN's direction: to-lport is checked where traffic is delivered, from-lport where it enters */
  direction: z.enum(['to-lport', 'from-lport']).default('to-lport'),
  /** an imported OVN match the model cannot express: used verbatim instead of from/to/services */
  match: z.string().min(1).max(4096).optional(),
  /** an imported ACL priority, kept as it was */
  priority: z.number().int().min(0).max(32767).optional(),
  ovn: OvnVerbatim.optional(),
});

export const FirewallPolicy = z.object({
  ...objectBase,
  kind: z.literal('firewall'),
  /** lower runs first among policies; rules run in list order inside one */
  priority: z.number().int().min(0).max(1000).default(100),
  rules: z.array(FirewallRule).max(1000).default([]),
  /** switches whose ports the rules guard; empty: every workload of the app */
  appliesTo: z.array(ObjectId).max(256).optional(),
});

export const QosPolicy = z.object({
  ...objectBase,
  kind: z.literal('qos'),
  /** workloads (all their NICs) or switches (every port on them) */
  appliesTo: z.array(ObjectId).min(1).max(256),
  direction: z.enum(['ingress', 'egress']).default('egress'),
  rateKbps: z.number().int().min(1).max(100_000_000).optional(),
  burstKbits: z.number().int().min(1).max(100_000_000).optional(),
  dscp: z.number().int().min(0).max(63).optional(),
});
