/** The NB tables a three-tier app writes, compared between netcanvas's apply and the script. */
export const COMPARED_TABLES = [
  'Logical_Switch',
  'Logical_Switch_Port',
  'Logical_Router',
  'Logical_Router_Port',
  'Logical_Router_Static_Route',
  'NAT',
  'ACL',
  'Port_Group',
  'Address_Set',
  'Load_Balancer',
  'Load_Balancer_Health_Check',
  'DHCP_Options',
  'Meter',
  'Meter_Band',
  'Gateway_Chassis',
] as const;

/** `ovn-nbctl --format=json list TABLE`: headings and rows of wire values. */
export interface NbctlJson {
  readonly headings: readonly string[];
  readonly data: readonly (readonly unknown[])[];
}

/** Columns that differ by construction: netcanvas's ownership tags and what the daemons write. */
const IGNORED = new Set(['_uuid', 'external_ids', 'up', 'dynamic_addresses']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What identifies a row across two NBs: its name, or for nameless tables the columns that key it. */
const IDENTITY: Readonly<Record<string, readonly string[]>> = {
  ACL: ['direction', 'priority'],
  NAT: ['type', 'external_ip', 'logical_ip'],
  DHCP_Options: ['cidr'],
  Load_Balancer_Health_Check: ['vip'],
  Logical_Router_Static_Route: ['ip_prefix', 'nexthop'],
  Meter_Band: ['action', 'rate'],
};

/** One NB row, normalized: its identity and its columns as text. */
export interface NormalRow {
  readonly id: string;
  readonly cols: Readonly<Record<string, string>>;
}

/**
 * Every row as `Table name` (or `Table key…` for nameless tables) with its columns as
 * text: `external_ids` — netcanvas's ownership tags — and what the daemons write are
 * dropped, and every reference is replaced by the referenced row's identity, so two NBs
 * built by different tools compare row by row and a difference shows once, where it is.
 */
export function normalizeNb(tables: Readonly<Record<string, NbctlJson>>): NormalRow[] {
  const rows = Object.entries(tables).flatMap(([table, t]) =>
    t.data.map((values) => ({
      table,
      raw: Object.fromEntries(t.headings.map((h, i) => [h, values[i]])) as Record<string, unknown>,
    })),
  );
  const labels = new Map<string, string>();
  const idOf = (table: string, raw: Record<string, unknown>) => {
    const keys = IDENTITY[table];
    if (keys)
      return `${table} ${keys.map((k) => (typeof raw[k] === 'string' ? raw[k] : text(raw[k], labels))).join(' ')}`;
    return `${table} ${typeof raw.name === 'string' ? raw.name : '?'}`;
  };
  for (const r of rows) {
    const uuid = uuidOf(r.raw._uuid);
    if (uuid) labels.set(uuid, idOf(r.table, r.raw));
  }
  return rows
    .map((r) => ({
      id: idOf(r.table, r.raw),
      cols: Object.fromEntries(
        Object.keys(r.raw)
          .filter((c) => !IGNORED.has(c))
          .sort()
          .map((c) => [c, text(r.raw[c], labels)]),
      ),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Where two normalized NBs differ: rows only on one side, and per shared row the columns that differ. */
export function diffNb(a: readonly NormalRow[], b: readonly NormalRow[]): string[] {
  const byId = (rows: readonly NormalRow[]) => new Map(rows.map((r) => [r.id, r.cols]));
  const [ma, mb] = [byId(a), byId(b)];
  const out: string[] = [];
  for (const [id, cols] of ma) {
    const other = mb.get(id);
    if (!other) {
      out.push(`${id}: only in the first`);
      continue;
    }
    for (const c of new Set([...Object.keys(cols), ...Object.keys(other)])) {
      if (cols[c] !== other[c])
        out.push(`${id}: ${c} ${cols[c] ?? '(none)'} vs ${other[c] ?? '(none)'}`);
    }
  }
  for (const id of mb.keys()) if (!ma.has(id)) out.push(`${id}: only in the second`);
  return out;
}

function uuidOf(v: unknown): string | undefined {
  return Array.isArray(v) && v[0] === 'uuid' && typeof v[1] === 'string' ? v[1] : undefined;
}

function text(v: unknown, labels: ReadonlyMap<string, string>): string {
  if (Array.isArray(v)) {
    const [tag, body] = v as [string, unknown];
    if (tag === 'uuid') return labels.get(String(body)) ?? '<ref>';
    if (tag === 'set')
      return `[${(body as unknown[])
        .map((x) => text(x, labels))
        .sort()
        .join(',')}]`;
    if (tag === 'map')
      return `{${(body as [unknown, unknown][])
        .map(([k, x]) => `${text(k, labels)}=${text(x, labels)}`)
        .sort()
        .join(',')}}`;
  }
  if (typeof v === 'string' && UUID.test(v)) return labels.get(v) ?? '<ref>';
  return JSON.stringify(v);
}
