/** The text of a `batch` message holding already-serialized frames, in order. */
export function batchText(frames: readonly string[]): string {
  // each frame is a JSON text already: splice them in rather than parse and stringify again
  return `{"type":"batch","frames":[${frames.join(',')}]}`;
}

/**
 * One tick's committed frames as the bytes put on the wire: each frame, and each batch of
 * frames, is UTF-8 encoded once however many clients it goes to, so clients that receive the
 * same topics share one Buffer.
 */
export class TickFrames {
  readonly #frames: readonly string[];
  readonly #singles: (Buffer | undefined)[] = [];
  readonly #batches = new Map<string, Buffer>();

  constructor(frames: readonly string[]) {
    this.#frames = frames;
  }

  /** Bytes of frame `i` alone. */
  single(i: number): Buffer {
    let bytes = this.#singles[i];
    if (!bytes) {
      bytes = Buffer.from(this.#frames[i] as string, 'utf8');
      this.#singles[i] = bytes;
    }
    return bytes;
  }

  /** Bytes of one message carrying frames `indices` (ascending); a lone frame is sent as is. */
  message(indices: readonly number[]): Buffer {
    if (indices.length === 1) return this.single(indices[0] as number);
    const key = indices.join(',');
    let bytes = this.#batches.get(key);
    if (!bytes) {
      bytes = Buffer.from(batchText(indices.map((i) => this.#frames[i] as string)), 'utf8');
      this.#batches.set(key, bytes);
    }
    return bytes;
  }
}
