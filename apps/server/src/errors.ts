/** Codes the HTTP API answers with; clients branch on these, never on messages. */
export type HttpErrorCode =
  | 'malformed-json'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'invalid-request'
  | 'invalid-application'
  | 'unknown-template'
  | 'not-found'
  | 'unauthenticated'
  | 'invalid-credentials'
  | 'forbidden'
  | 'csrf-token-invalid'
  | 'rate-limited'
  | 'already-exists'
  | 'precondition-required'
  | 'version-conflict'
  | 'design-has-errors'
  | 'plan-not-found'
  | 'controller-changed'
  | 'controller-unreachable'
  | 'controller-rejected'
  | 'apply-outcome-unknown'
  | 'sandbox-unavailable'
  | 'not-applied'
  | 'snapshot-bad-checksum'
  | 'snapshot-newer-schema'
  | 'snapshot-malformed'
  | 'internal';

/** An error a route throws on purpose; the one error handler turns it into a JSON reply. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: HttpErrorCode;
  readonly details: unknown;

  constructor(
    status: number,
    code: HttpErrorCode,
    message: string,
    details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}
