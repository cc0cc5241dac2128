/** Why a value could not be encoded as sFlow v5. */
export type SflowEncodeErrorCode =
  /** a record or sample kind the encoder does not write */
  | 'unsupported'
  /** a number outside its field's range, or an address that does not parse */
  | 'out-of-range';

/** A datagram the encoder refuses: nothing is written for it. */
export class SflowEncodeError extends RangeError {
  override readonly name = 'SflowEncodeError';
  readonly code: SflowEncodeErrorCode;

  constructor(code: SflowEncodeErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
