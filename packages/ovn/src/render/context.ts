import {
  type AddressPlan,
  type Application,
  type Nic,
  type NicAddresses,
  parseCidr,
  type RouterPortAddresses,
  resolveAddresses,
} from '@netcanvas/model';
import { OvnNames } from '../names.ts';

/** Row keys: stable, app-scoped, what `netcanvas:key` holds. */
export const KEY = {
  switch: (id: string) => `ls/${id}`,
  uplinkSwitch: (id: string) => `ls-uplink/${id}`,
  localnet: (switchId: string) => `lsp-localnet/${switchId}`,
  nic: (w: string, n: string) => `lsp/${w}/${n}`,
  switchRouterPort: (sw: string, r: string) => `lsp-router/${sw}/${r}`,
  router: (id: string) => `lr/${id}`,
  routerPort: (r: string, sw: string) => `lrp/${r}/${sw}`,
  gatewayChassis: (r: string, chassis: string) => `gwc/${r}/${chassis}`,
  route: (r: string, i: number) => `route/${r}/${i}`,
  defaultRoute: (r: string) => `route-default/${r}`,
  nat: (r: string, id: string) => `nat/${r}/${id}`,
  dhcp: (sw: string) => `dhcp/${sw}`,
  lb: (id: string) => `lb/${id}`,
  lbHealth: (id: string, vip: number) => `lb-hc/${id}/${vip}`,
  portGroup: (id: string) => `pg/${id}`,
  addressSet: (id: string, family: 4 | 6) => `as/${id}/${family}`,
  appPortGroup: () => 'pg-all',
  acl: (policy: string, rule: string) => `acl/${policy}/${rule}`,
  qos: (policy: string, target: string) => `qos/${policy}/${target}`,
  aclLogMeter: () => 'meter/acl-log',
  aclLogMeterBand: () => 'meter-band/acl-log',
} as const;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** What every renderer needs: the app, its resolved addresses and its OVN names, indexed once. */
export class RenderContext {
  readonly app: Application;
  readonly names: OvnNames;
  readonly addresses: AddressPlan;
  readonly #objects: Map<string, Application['objects'][number]>;
  readonly #nicsOn: Map<string, NicAddresses[]>;
  readonly #nicsOf: Map<string, NicAddresses[]>;
  readonly #portsOn: Map<string, RouterPortAddresses[]>;

  constructor(app: Application) {
    this.app = app;
    this.names = new OvnNames(app);
    this.addresses = resolveAddresses(app);
    this.#objects = new Map(app.objects.map((o) => [o.id, o]));
    this.#nicsOn = groupBy(this.addresses.nics, (n) => n.switchId);
    this.#nicsOf = groupBy(this.addresses.nics, (n) => n.workloadId);
    this.#portsOn = groupBy(this.addresses.routerPorts, (p) => p.switchId);
  }

  /** the design's NIC (for its imported OVN name and columns) */
  nicSpec(workloadId: string, nicId: string): Nic | undefined {
    const w = this.#objects.get(workloadId);
    return w?.kind === 'workload' ? w.nics.find((n) => n.id === nicId) : undefined;
  }

  /** the LSP name of a NIC: as imported, else ours */
  nicName(workloadId: string, nicId: string): string {
    return this.nicSpec(workloadId, nicId)?.ovn?.name ?? this.names.nic(workloadId, nicId);
  }

  /** keys of the ACLs of firewall policies applied to this switch (not to the app's port group) */
  switchAcls(switchId: string): string[] {
    return this.app.objects.flatMap((o) =>
      o.kind === 'firewall' && (o.appliesTo ?? []).includes(switchId)
        ? o.rules.map((r) => KEY.acl(o.id, r.id))
        : [],
    );
  }

  nicsOn(switchId: string): readonly NicAddresses[] {
    return this.#nicsOn.get(switchId) ?? [];
  }

  nicsOf(workloadId: string): readonly NicAddresses[] {
    return this.#nicsOf.get(workloadId) ?? [];
  }

  routerPortsOn(switchId: string): readonly RouterPortAddresses[] {
    return this.#portsOn.get(switchId) ?? [];
  }

  routerPort(routerId: string, switchId: string): RouterPortAddresses | undefined {
    return this.routerPortsOn(switchId).find((p) => p.routerId === routerId);
  }

  /** `10.0.1.1/24` from an address and the subnet it sits in */
  withPrefix(ip: string | undefined, subnet: string | undefined): string | undefined {
    const c = subnet === undefined ? undefined : parseCidr(subnet);
    return ip === undefined || !c ? undefined : `${ip}/${c.prefixLength}`;
  }
}
