import type { Application } from '@netcanvas/model';

/** external_ids keys that mark a row as ours. */
export const EXT = {
  owner: 'netcanvas:owner',
  app: 'netcanvas:app',
  object: 'netcanvas:object',
  key: 'netcanvas:key',
} as const;

/** The value of `netcanvas:app`: tenant and app, so two tenants' apps never mix. */
export function appKey(app: Pick<Application, 'tenant' | 'id'>): string {
  return `${app.tenant}/${app.id}`;
}

/** NB names for one app's rows: readable in `ovn-nbctl show`, unique across tenants. */
export class OvnNames {
  readonly #prefix: string;
  readonly #ident: string;

  constructor(app: Pick<Application, 'tenant' | 'id'>) {
    this.#prefix = `${app.tenant}.${app.id}`;
    this.#ident = `nc_${app.tenant}_${app.id}`.replace(/[^A-Za-z0-9_]/g, '_');
  }

  /** e.g. `acme.shop.web` for switch `web` */
  object(id: string): string {
    return `${this.#prefix}.${id}`;
  }

  /** the logical switch port of a workload NIC: also the `iface-id` a hypervisor binds */
  nic(workloadId: string, nicId: string): string {
    return `${this.#prefix}.${workloadId}.${nicId}`;
  }

  routerPort(routerId: string, switchId: string): string {
    return `${this.#prefix}.${routerId}-${switchId}`;
  }

  switchRouterPort(switchId: string, routerId: string): string {
    return `${this.#prefix}.${switchId}-${routerId}`;
  }

  /** Port_Group and Address_Set names appear in ACL matches as `@name` / `$name`: identifiers only */
  ident(id: string): string {
    return `${this.#ident}_${id}`.replace(/[^A-Za-z0-9_]/g, '_');
  }

  /** the port group holding every workload port of the app; firewall ACLs hang on it */
  appPortGroup(): string {
    return `${this.#ident}_all`;
  }
}
