const UNITS = ['', 'k', 'M', 'G', 'T'];

/** 12.3 Mb/s style rate; `unit` is b/s or p/s. */
export function formatRate(value: number | null | undefined, unit = 'b/s'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  let v = Math.abs(value);
  let u = 0;
  while (v >= 1000 && u < UNITS.length - 1) {
    v /= 1000;
    u++;
  }
  const digits = v >= 100 || u === 0 ? 0 : v >= 10 ? 1 : 2;
  return `${value < 0 ? '-' : ''}${v.toFixed(digits)} ${UNITS[u]}${unit}`;
}

export const formatBps = (v: number | null | undefined) => formatRate(v, 'b/s');
export const formatPps = (v: number | null | undefined) => formatRate(v, 'p/s');

const PROTOCOLS: Record<number, string> = {
  1: 'icmp',
  6: 'tcp',
  17: 'udp',
  58: 'icmp6',
  132: 'sctp',
};
export const protocolName = (p: number) => PROTOCOLS[p] ?? String(p);

/** 0..1 on a log scale from 1 kb/s to 10 Gb/s, the range the canvas colours. */
export function loadLevel(bps: number | null | undefined): number {
  if (!bps || bps <= 0) return 0;
  return Math.min(1, Math.max(0, (Math.log10(bps) - 3) / 7));
}

const STOPS: readonly [number, [number, number, number]][] = [
  [0, [59, 130, 246]],
  [0.5, [34, 211, 238]],
  [0.7, [74, 222, 128]],
  [0.85, [250, 204, 21]],
  [0.93, [249, 115, 22]],
  [1, [239, 68, 68]],
];

/** The colour of a load level: blue (idle), cyan, green (~100 Mb/s), yellow (1 Gb/s), red (10 Gb/s). */
export function loadColor(level: number): string {
  for (let i = 1; i < STOPS.length; i++) {
    const [b, cb] = STOPS[i] ?? [1, [0, 0, 0]];
    const [a, ca] = STOPS[i - 1] ?? [0, [0, 0, 0]];
    if (level <= b) {
      const f = (level - a) / (b - a || 1);
      const c = ca.map((x, j) => Math.round(x + ((cb[j] ?? x) - x) * f));
      return `rgb(${c.join(' ')})`;
    }
  }
  return 'rgb(239 68 68)';
}

/** The legend's ticks of the log scale. */
export const SCALE_TICKS = [
  [0, '1k'],
  [2 / 7, '100k'],
  [4 / 7, '10M'],
  [6 / 7, '1G'],
  [1, '10G'],
] as const;
