/** Every problem `validate` can report; each has a test in validate/*.test.ts. */
export type DiagnosticCode =
  | 'schema'
  | 'duplicate-id'
  | 'duplicate-name'
  | 'dangling-reference'
  | 'reference-wrong-kind'
  | 'invalid-address'
  | 'invalid-mac'
  | 'duplicate-ip'
  | 'duplicate-mac'
  | 'reserved-address'
  | 'address-outside-subnet'
  | 'no-subnet'
  | 'ip-family-mismatch'
  | 'overlapping-subnets'
  | 'router-ip-conflict'
  | 'router-attached-twice'
  | 'dhcp-range-outside-subnet'
  | 'ipam-exhausted'
  | 'lb-backend-unreachable'
  | 'lb-backend-missing'
  | 'unknown-group'
  | 'invalid-port-range'
  | 'shadowed-rule'
  | 'gateway-outside-uplink'
  | 'nat-outside-gateway'
  | 'traffic-target';

export type Severity = 'error' | 'warning' | 'info';

/** One finding about an application: where it is, what is wrong and how to fix it. */
export interface Diagnostic {
  readonly severity: Severity;
  /** the object the finding is about; undefined for the application itself */
  readonly objectId: string | undefined;
  /** path inside the object (or the application for schema findings) */
  readonly path: readonly (string | number)[];
  readonly code: DiagnosticCode;
  readonly message: string;
}

/** True when any diagnostic blocks an apply. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
