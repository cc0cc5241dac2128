/** NB tables the driver writes. */
export type NbTable =
  | 'Logical_Switch'
  | 'Logical_Switch_Port'
  | 'Logical_Router'
  | 'Logical_Router_Port'
  | 'Logical_Router_Static_Route'
  | 'NAT'
  | 'Gateway_Chassis'
  | 'Load_Balancer'
  | 'Load_Balancer_Health_Check'
  | 'Port_Group'
  | 'Address_Set'
  | 'ACL'
  | 'DHCP_Options'
  | 'QoS'
  | 'Meter'
  | 'Meter_Band';

/** A column value in JS form: sets are arrays, maps are string records, optional scalars may be null. */
export type ColumnValue =
  | string
  | number
  | boolean
  | null
  | readonly (string | number)[]
  | Readonly<Record<string, string | number>>;

/** One NB row the design asks for, before UUIDs exist. */
export interface DesiredRow {
  readonly table: NbTable;
  /** unique within the app; stored in external_ids so the row is found again */
  readonly key: string;
  /** the model object the row comes from */
  readonly objectId: string;
  readonly columns: Readonly<Record<string, ColumnValue>>;
  /** reference columns: column → keys of other desired rows */
  readonly refs: Readonly<Record<string, readonly string[]>>;
}

/** Tables whose rows OVSDB keeps only while referenced (so they must be referenced on insert). */
export const NON_ROOT_TABLES: ReadonlySet<NbTable> = new Set([
  'Logical_Switch_Port',
  'Logical_Router_Port',
  'Logical_Router_Static_Route',
  'NAT',
  'Gateway_Chassis',
  'Load_Balancer_Health_Check',
  'ACL',
  'QoS',
  'Meter_Band',
]);

/** Reference columns per table, and whether we own every ref in them or share them with others. */
export const REF_COLUMNS: Readonly<Partial<Record<NbTable, readonly string[]>>> = {
  Logical_Switch: ['ports', 'load_balancer', 'qos_rules', 'acls'],
  Logical_Router: ['ports', 'static_routes', 'nat', 'load_balancer'],
  Logical_Router_Port: ['gateway_chassis'],
  Logical_Switch_Port: ['dhcpv4_options'],
  Load_Balancer: ['health_check'],
  Port_Group: ['ports', 'acls'],
  Meter: ['bands'],
};

/** Makes a row, tidying empty optional values away. */
export function row(
  table: NbTable,
  key: string,
  objectId: string,
  columns: Record<string, ColumnValue | undefined>,
  refs: Record<string, readonly string[]> = {},
): DesiredRow {
  const clean: Record<string, ColumnValue> = {};
  for (const [k, v] of Object.entries(columns)) if (v !== undefined) clean[k] = v;
  return { table, key, objectId, columns: clean, refs };
}

/** Rendered columns with an imported row's verbatim columns laid over them (theirs win). */
export function withVerbatim(
  columns: Record<string, ColumnValue | undefined>,
  ovn: { readonly columns?: Readonly<Record<string, unknown>> | undefined } | undefined,
): Record<string, ColumnValue | undefined> {
  return { ...columns, ...((ovn?.columns ?? {}) as Record<string, ColumnValue>) };
}
