import type { ObjectKind } from '@netcanvas/model';

/** How each kind of object looks on the canvas and in lists. */
export interface KindStyle {
  readonly label: string;
  readonly plural: string;
  readonly color: string;
}

export const KIND_STYLES: Record<ObjectKind, KindStyle> = {
  uplink: { label: 'Uplink', plural: 'Uplinks', color: '#34d399' },
  router: { label: 'Logical router', plural: 'Routers', color: '#2dd4bf' },
  loadBalancer: { label: 'Load balancer', plural: 'Load balancers', color: '#f472b6' },
  switch: { label: 'Logical switch', plural: 'Switches', color: '#60a5fa' },
  workload: { label: 'Workload', plural: 'Workloads', color: '#a78bfa' },
  group: { label: 'Group', plural: 'Groups', color: '#fbbf24' },
  firewall: { label: 'Firewall policy', plural: 'Firewall policies', color: '#f87171' },
  qos: { label: 'QoS policy', plural: 'QoS policies', color: '#22d3ee' },
};

/** Kinds in the order the inventory lists them: outside in. */
export const KIND_ORDER: readonly ObjectKind[] = [
  'uplink',
  'router',
  'loadBalancer',
  'switch',
  'workload',
  'group',
  'firewall',
  'qos',
];
