/** Codes of the OVN driver's errors; the server maps each to an HTTP status. */
export type OvnErrorCode =
  | 'controller-unreachable'
  | 'conflict'
  | 'rejected'
  | 'outcome-unknown'
  | 'invalid-design'
  | 'trace-failed';

/** An OVN driver failure that says what happened and what the user can do. */
export class OvnError extends Error {
  readonly code: OvnErrorCode;
  readonly details: unknown;

  constructor(
    code: OvnErrorCode,
    message: string,
    options?: { cause?: unknown; details?: unknown },
  ) {
    super(message, options);
    this.name = 'OvnError';
    this.code = code;
    this.details = options?.details;
  }
}
