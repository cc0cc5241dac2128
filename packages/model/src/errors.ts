/** Codes of errors the model throws (validation findings are data, not errors). */
export type ModelErrorCode = 'plan-mismatch' | 'unknown-template';

/** A programming or input error in the model, with a code callers can branch on. */
export class ModelError extends Error {
  readonly code: ModelErrorCode;

  constructor(code: ModelErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelError';
    this.code = code;
  }
}
