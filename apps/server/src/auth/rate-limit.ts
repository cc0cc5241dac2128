import { HttpError } from '../errors.ts';

/** Fixed-window counter of failed logins per key (client address, username). */
export class LoginLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #failures = new Map<string, { count: number; resetAt: number }>();

  constructor(options: { max: number; windowMs: number }) {
    this.#max = options.max;
    this.#windowMs = options.windowMs;
  }

  /** Throws 429 when any key has used up its window. */
  check(keys: readonly string[]): void {
    const now = Date.now();
    for (const key of keys) {
      const entry = this.#failures.get(key);
      if (entry && entry.resetAt > now && entry.count >= this.#max) {
        const seconds = Math.ceil((entry.resetAt - now) / 1000);
        throw new HttpError(
          429,
          'rate-limited',
          `too many failed logins; try again in ${seconds} s`,
          {
            retryAfterSeconds: seconds,
          },
        );
      }
    }
  }

  fail(keys: readonly string[]): void {
    const now = Date.now();
    for (const key of keys) {
      const entry = this.#failures.get(key);
      if (!entry || entry.resetAt <= now)
        this.#failures.set(key, { count: 1, resetAt: now + this.#windowMs });
      else entry.count += 1;
    }
    if (this.#failures.size > 10_000) {
      for (const [key, entry] of this.#failures)
        if (entry.resetAt <= now) this.#failures.delete(key);
    }
  }

  succeed(keys: readonly string[]): void {
    for (const key of keys) this.#failures.delete(key);
  }
}
