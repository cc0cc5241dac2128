const TWO_POW_32 = 2 ** 32;
const TWO_POW_64 = 2 ** 64;

/** `reset` means the counter went back in a way no wrap explains: re-baseline. */
export type Delta = number | null | 'reset';

/**
 * How much a counter grew between two readings. A decrease is a wrap only when the
 * wrapped amount is plausible (under half the range and under `limit`); otherwise the
 * source restarted. A 64-bit field that stays below 2^32 is treated as 32-bit, because
 * some agents fill 64-bit fields from 32-bit counters.
 */
export function counterDelta(
  prev: number | null,
  cur: number | null,
  bits: 32 | 64,
  limit: number,
): Delta {
  if (prev === null || cur === null) return null;
  if (cur >= prev) return cur - prev;
  const width = bits === 64 && prev >= TWO_POW_32 ? TWO_POW_64 : TWO_POW_32;
  const wrapped = cur + width - prev;
  return wrapped <= width / 2 && wrapped <= limit ? wrapped : 'reset';
}
