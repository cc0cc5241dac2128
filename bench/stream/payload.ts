/** The three app topics a dashboard follows, with their states as the real server sent them. */
export type Payloads = Record<'ports' | 'links' | 'flows', Record<string, unknown>>;

/** Key of the entry that carries the tick's start time (epoch ms) in every topic. */
export const STAMP_KEY = 'bench-stamp';

const RATE_FIELDS = /Bps$|Pps$|PerSec$|^utilization$/;

function moved(value: unknown, factor: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = typeof v === 'number' && RATE_FIELDS.test(k) ? Math.round(v * factor * 100) / 100 : v;
  }
  return out;
}

/**
 * The state of `topic` at tick `tick`: every rate of every entry moves (as live counters do,
 * so a delta is as large as the state), plus the stamp entry. Both broadcasters call this.
 */
export function stateAt(
  base: Record<string, unknown>,
  tick: number,
  stampMs: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let i = 0;
  for (const [k, v] of Object.entries(base)) out[k] = moved(v, 1 + ((tick + i++) % 9) / 100);
  out[STAMP_KEY] = { sentAtMs: stampMs };
  return out;
}

const STAMP = /"sentAtMs":([0-9.]+)/g;

/**
 * The stamps in a message's text, one per topic frame (a `batch` message holds several),
 * without parsing the whole message.
 */
export function stampsOf(text: string): number[] {
  return Array.from(text.matchAll(STAMP), (m) => Number(m[1]));
}
