import { type Db, now } from './db.ts';

export type ControllerKind = 'ovn' | 'sandbox';

/** A registered controller (site) of one tenant. */
export interface ControllerRow {
  readonly id: number;
  readonly tenantId: string;
  readonly name: string;
  readonly kind: ControllerKind;
  /** the NB remote for `ovn`: `tcp:H:P`, `ssl:H:P`, `unix:PATH`, or a comma-separated cluster */
  readonly remote: string | null;
  /** the SB remote of an `ovn` site: port status and ovn-trace; null when not given */
  readonly sbRemote: string | null;
  /**
   * the hypervisors' Open_vSwitch DBs, comma-separated, each `REMOTE` or `AGENT@REMOTE` (the
   * sFlow agent address its datagrams carry): the telemetry port map; null when not given
   */
  readonly ovsRemote: string | null;
  /** key, certificate and CA files for the site's `ssl:` remotes; null when it uses none */
  readonly ssl: SslFiles | null;
  readonly createdAt: string;
}

/** PEM files by path on the server host (never their contents). */
export interface SslFiles {
  readonly privateKey: string;
  readonly certificate: string;
  readonly caCert: string;
}

/** The optional remotes of an `ovn` site beyond its NB. */
export interface SiteRemotes {
  readonly sbRemote?: string | null;
  readonly ovsRemote?: string | null;
  readonly ssl?: SslFiles | null;
}

interface Row {
  id: number;
  tenant_id: string;
  name: string;
  kind: ControllerKind;
  remote: string | null;
  sb_remote: string | null;
  ovs_remote: string | null;
  ssl_files: string | null;
  created_at: string;
}

const toController = (r: Row): ControllerRow => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  kind: r.kind,
  remote: r.remote,
  sbRemote: r.sb_remote ?? null,
  ovsRemote: r.ovs_remote ?? null,
  ssl: r.ssl_files ? (JSON.parse(r.ssl_files) as SslFiles) : null,
  createdAt: r.created_at,
});

/** Controller rows; every lookup is by tenant, so one tenant never reaches another's. */
export class ControllerStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  list(tenantId: string): ControllerRow[] {
    return (
      this.#db
        .prepare('SELECT * FROM controllers WHERE tenant_id = ? ORDER BY id')
        .all(tenantId) as Row[]
    ).map(toController);
  }

  get(tenantId: string, id: number): ControllerRow | undefined {
    const row = this.#db
      .prepare('SELECT * FROM controllers WHERE tenant_id = ? AND id = ?')
      .get(tenantId, id) as Row | undefined;
    return row && toController(row);
  }

  /** Undefined when the tenant already has a controller with that name. */
  create(
    tenantId: string,
    name: string,
    kind: ControllerKind,
    remote: string | null,
    remotes: SiteRemotes = {},
  ): ControllerRow | undefined {
    const taken = this.#db
      .prepare('SELECT 1 FROM controllers WHERE tenant_id = ? AND name = ?')
      .get(tenantId, name);
    if (taken) return undefined;
    const createdAt = now();
    const sbRemote = remotes.sbRemote ?? null;
    const ovsRemote = remotes.ovsRemote ?? null;
    const ssl = remotes.ssl ?? null;
    const info = this.#db
      .prepare(
        'INSERT INTO controllers (tenant_id, name, kind, remote, sb_remote, ovs_remote, ssl_files, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        tenantId,
        name,
        kind,
        remote,
        sbRemote,
        ovsRemote,
        ssl ? JSON.stringify(ssl) : null,
        createdAt,
      );
    return {
      id: Number(info.lastInsertRowid),
      tenantId,
      name,
      kind,
      remote,
      sbRemote,
      ovsRemote,
      ssl,
      createdAt,
    };
  }

  /** Every tenant's `ovn` controllers with hypervisor OVS DBs: what the telemetry port map follows. */
  withHypervisors(): ControllerRow[] {
    return (
      this.#db
        .prepare(
          "SELECT * FROM controllers WHERE kind = 'ovn' AND ovs_remote IS NOT NULL ORDER BY id",
        )
        .all() as Row[]
    ).map(toController);
  }

  delete(tenantId: string, id: number): boolean {
    return (
      this.#db.prepare('DELETE FROM controllers WHERE tenant_id = ? AND id = ?').run(tenantId, id)
        .changes > 0
    );
  }
}
