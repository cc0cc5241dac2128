import type { Uuid, Value } from '@netcanvas/ovsdb';

/** A decoded NB row: columns by name, with `_uuid`. */
export type NbRow = Readonly<Record<string, Value>> & { readonly _uuid: Uuid };

/** The tables import reads, each as decoded rows, from one consistent read. */
export interface NbSnapshot {
  readonly [table: string]: readonly NbRow[];
}

export const IMPORT_TABLES = [
  'Logical_Switch',
  'Logical_Switch_Port',
  'Logical_Router',
  'Logical_Router_Port',
  'Logical_Router_Static_Route',
  'NAT',
  'Load_Balancer',
  'ACL',
  'Port_Group',
  'Address_Set',
  'DHCP_Options',
  'QoS',
  'Gateway_Chassis',
] as const;

export const str = (v: Value | undefined): string | undefined =>
  typeof v === 'string' ? v : undefined;
export const num = (v: Value | undefined): number | undefined =>
  typeof v === 'number' ? v : undefined;
export const list = (v: Value | undefined): readonly string[] =>
  Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : [];
export const map = (v: Value | undefined): Record<string, string> =>
  v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Map)
    ? (v as Record<string, string>)
    : {};

/** Columns worth keeping verbatim: those not managed and not at their empty default. */
export function verbatim(
  row: NbRow,
  managed: readonly string[],
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [col, v] of Object.entries(row)) {
    if (col.startsWith('_') || managed.includes(col)) continue;
    // 0 is the default of OVSDB integer columns (e.g. ACL label)
    if (v === null || v === '' || v === 0 || (Array.isArray(v) && v.length === 0)) continue;
    if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[col] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
