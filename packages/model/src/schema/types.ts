import type { z } from 'zod';
import type * as A from './application.ts';
import type * as O from './objects.ts';

export type Application = z.infer<typeof A.Application>;
export type ApplicationInput = z.input<typeof A.Application>;
export type NetworkObject = z.infer<typeof A.NetworkObject>;
export type ObjectKind = NetworkObject['kind'];
export type Layout = z.infer<typeof A.Layout>;
export type Position = z.infer<typeof A.Position>;
export type LogicalSwitch = z.infer<typeof O.LogicalSwitch>;
export type LogicalRouter = z.infer<typeof O.LogicalRouter>;
export type RouterInterface = z.infer<typeof O.RouterInterface>;
export type StaticRoute = z.infer<typeof O.StaticRoute>;
export type NatRule = z.infer<typeof O.NatRule>;
export type RouterGateway = z.infer<typeof O.RouterGateway>;
export type Workload = z.infer<typeof O.Workload>;
export type Nic = z.infer<typeof O.Nic>;
export type TrafficProfile = z.infer<typeof O.TrafficProfile>;
export type LoadBalancer = z.infer<typeof O.LoadBalancer>;
export type Vip = z.infer<typeof O.Vip>;
export type LbBackend = z.infer<typeof O.LbBackend>;
export type Group = z.infer<typeof O.Group>;
export type Endpoint = z.infer<typeof O.Endpoint>;
export type Service = z.infer<typeof O.Service>;
export type FirewallRule = z.infer<typeof O.FirewallRule>;
export type FirewallPolicy = z.infer<typeof O.FirewallPolicy>;
export type QosPolicy = z.infer<typeof O.QosPolicy>;
export type Uplink = z.infer<typeof O.Uplink>;
export type OvnVerbatim = z.infer<typeof O.OvnVerbatim>;

/** The object of one kind. */
export type ObjectOfKind<K extends ObjectKind> = Extract<NetworkObject, { kind: K }>;
