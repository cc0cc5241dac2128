import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random URL-safe secret of `bytes` bytes. */
export const randomSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Session ids and token secrets are high-entropy, so a fast hash is enough at rest. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Constant-time comparison of two strings. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
