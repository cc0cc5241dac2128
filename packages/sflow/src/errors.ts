/** Why a datagram could not be decoded. */
export type SflowDecodeErrorCode =
  | 'truncated'
  | 'bad-version'
  | 'bad-address-type'
  | 'bad-length'
  | 'bad-count'
  | 'too-many-records'
  | 'bad-string'
  /** a decoder bug, reported rather than thrown through the collector */
  | 'unexpected';

/**
 * A datagram that is not valid sFlow v5. The whole datagram is rejected: nothing of it is
 * half-reported. `offset` is the byte where the decoder gave up.
 */
export class SflowDecodeError extends RangeError {
  override readonly name = 'SflowDecodeError';
  readonly code: SflowDecodeErrorCode;
  readonly offset: number;

  constructor(code: SflowDecodeErrorCode, message: string, offset: number, options?: ErrorOptions) {
    super(`${message} (at byte ${offset})`, options);
    this.code = code;
    this.offset = offset;
  }
}

/** Why a capture file could not be read. */
export type CaptureFormatErrorCode = 'bad-magic' | 'truncated' | 'bad-block';

/** A capture file (pcap or pcapng) that is not readable. */
export class CaptureFormatError extends Error {
  override readonly name = 'CaptureFormatError';
  readonly code: CaptureFormatErrorCode;
  readonly offset: number;

  constructor(
    code: CaptureFormatErrorCode,
    message: string,
    offset: number,
    options?: ErrorOptions,
  ) {
    super(`${message} (at byte ${offset})`, options);
    this.code = code;
    this.offset = offset;
  }
}
