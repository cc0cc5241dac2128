/** What went wrong in the lab, as data: the CLI prints `message`, which says what to do. */
export type LabErrorCode =
  | 'not-root'
  | 'missing-package'
  | 'port-in-use'
  | 'device-exists'
  | 'already-up'
  | 'not-up'
  | 'bad-argument'
  | 'bad-state'
  | 'command-failed'
  | 'timeout';

/** The lab's one error class; `code` says which failure it is. */
export class LabError extends Error {
  readonly code: LabErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: LabErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'LabError';
    this.code = code;
    this.details = options.details;
  }
}
