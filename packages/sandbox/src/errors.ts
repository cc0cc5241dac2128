/** Codes of the sandbox controller's errors; the server maps each to an HTTP status. */
export type SandboxErrorCode =
  /** the applied state moved since the plan was made */
  | 'conflict'
  /** the design has validation errors */
  | 'invalid-design'
  /** the app is not applied, so there is nothing to trace */
  | 'not-applied'
  /** the telemetry socket could not be opened */
  | 'telemetry-failed';

/** A sandbox failure that says what happened and what the user can do. */
export class SandboxError extends Error {
  override readonly name = 'SandboxError';
  readonly code: SandboxErrorCode;
  readonly details: unknown;

  constructor(
    code: SandboxErrorCode,
    message: string,
    options?: { cause?: unknown; details?: unknown },
  ) {
    super(message, options);
    this.code = code;
    this.details = options?.details;
  }
}
