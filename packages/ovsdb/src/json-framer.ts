import { FramingError } from './errors.ts';

/** Options of a {@link JsonFramer}. */
export interface JsonFramerOptions {
  /** Largest accepted message in bytes; larger input fails with `FRAME_TOO_LARGE`. */
  maxMessageBytes?: number;
  /** Deepest accepted nesting of arrays/objects; deeper input fails with `FRAME_MALFORMED`. */
  maxDepth?: number;
}

/** Default cap on one message: generous for big monitor replies, bounded for hostile peers. */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 256;

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Scanner states, as plain numbers so the hot loop stays cheap. */
const State = {
  /** Between messages: only whitespace or the `{` that opens the next one. */
  Idle: 0,
  /** Inside a message, outside any string. */
  Value: 1,
  /** Inside a string. */
  String: 2,
  /** Right after a backslash inside a string. */
  Escape: 3,
  /** A previous error made the stream unusable. */
  Failed: 4,
} as const;
type State = (typeof State)[keyof typeof State];

/**
 * Splits a byte stream into JSON-RPC messages (top-level JSON objects, as OVSDB sends
 * them with no delimiter). Feed it chunks with {@link JsonFramer.push}; each complete
 * message is parsed and returned. It only tracks nesting and strings, so a message may
 * be split anywhere (even inside a UTF-8 sequence) or share a chunk with others.
 * Bad input throws a {@link FramingError}; after that the framer stays failed.
 */
export class JsonFramer {
  readonly #maxMessageBytes: number;
  readonly #maxDepth: number;
  readonly #decoder = new TextDecoder('utf-8', { fatal: true });
  #state: State = State.Idle;
  #depth = 0;
  /** Bytes of the message being scanned, from earlier chunks. */
  #parts: Buffer[] = [];
  #partsLength = 0;
  #failure: FramingError | undefined;

  constructor(options: JsonFramerOptions = {}) {
    this.#maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.#maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  }

  /** Bytes held for an incomplete message; never more than `maxMessageBytes`. */
  get bufferedBytes(): number {
    return this.#partsLength;
  }

  /** Consumes a chunk and returns the messages it completed, in order. */
  push(chunk: Uint8Array): unknown[] {
    if (this.#failure) throw this.#failure;
    const messages: unknown[] = [];
    let start = this.#state === State.Idle ? -1 : 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      switch (this.#state) {
        case State.Idle:
          if (byte === OPEN_BRACE) {
            this.#state = State.Value;
            this.#depth = 1;
            start = i;
          } else if (!isWhitespace(byte)) {
            this.#fail(
              'FRAME_MALFORMED',
              `unexpected byte 0x${byte.toString(16)} between messages`,
            );
          }
          break;
        case State.Value:
          if (byte === QUOTE) {
            this.#state = State.String;
          } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
            if (++this.#depth > this.#maxDepth) {
              this.#fail('FRAME_MALFORMED', `message nested deeper than ${this.#maxDepth}`);
            }
          } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
            if (--this.#depth === 0) {
              messages.push(this.#complete(chunk.subarray(start, i + 1)));
              this.#state = State.Idle;
              start = -1;
            }
          }
          break;
        case State.String:
          if (byte === QUOTE) this.#state = State.Value;
          else if (byte === BACKSLASH) this.#state = State.Escape;
          break;
        case State.Escape:
          this.#state = State.String;
          break;
        case State.Failed:
          break;
      }
      if (start >= 0 && this.#partsLength + (i - start + 1) > this.#maxMessageBytes) {
        this.#fail('FRAME_TOO_LARGE', `message exceeds ${this.#maxMessageBytes} bytes`);
      }
    }
    if (start >= 0) {
      // copy: the caller may reuse its buffer, and we must not pin a big chunk for a small tail
      const tail = Buffer.from(chunk.subarray(start));
      this.#parts.push(tail);
      this.#partsLength += tail.length;
    }
    return messages;
  }

  /** Drops any partial message and clears a failure, e.g. for a new connection. */
  reset(): void {
    this.#state = State.Idle;
    this.#depth = 0;
    this.#parts = [];
    this.#partsLength = 0;
    this.#failure = undefined;
  }

  #complete(last: Uint8Array): unknown {
    const bytes =
      this.#parts.length === 0
        ? last
        : Buffer.concat([...this.#parts, last], this.#partsLength + last.length);
    this.#parts = [];
    this.#partsLength = 0;
    let text: string;
    try {
      text = this.#decoder.decode(bytes);
    } catch (cause) {
      this.#fail('FRAME_MALFORMED', 'message is not valid UTF-8', cause);
    }
    try {
      return JSON.parse(text);
    } catch (cause) {
      this.#fail('FRAME_MALFORMED', 'message is not valid JSON', cause);
    }
  }

  #fail(code: 'FRAME_TOO_LARGE' | 'FRAME_MALFORMED', message: string, cause?: unknown): never {
    this.#state = State.Failed;
    this.#parts = [];
    this.#partsLength = 0;
    this.#failure = new FramingError(code, message, { cause });
    throw this.#failure;
  }
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}
