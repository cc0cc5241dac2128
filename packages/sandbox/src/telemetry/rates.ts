/** A range of bits per second, inclusive. */
export interface RateRange {
  readonly min: number;
  readonly max: number;
}

/** How much one kind of connection carries each way, and in what frame sizes. */
export interface RateProfile {
  readonly tier: 'web' | 'app' | 'db' | 'udp' | 'icmp' | 'denied';
  /** client → server */
  readonly request: RateRange;
  /** server → client */
  readonly response: RateRange;
  /** Ethernet frame bytes without FCS */
  readonly requestFrame: number;
  readonly responseFrame: number;
}

const MBIT = 1_000_000;
const WEB_PORTS = new Set([80, 443, 8443]);
const DB_PORTS = new Set([1433, 1521, 3306, 5432, 6379, 9042, 27017]);

/** The profiles the sandbox draws rates from; a flow's rate stays inside its range. */
export const RATE_PROFILES: Readonly<Record<RateProfile['tier'], RateProfile>> = {
  web: {
    tier: 'web',
    request: { min: 0.5 * MBIT, max: 2 * MBIT },
    response: { min: 4 * MBIT, max: 16 * MBIT },
    requestFrame: 420,
    responseFrame: 1514,
  },
  app: {
    tier: 'app',
    request: { min: 1 * MBIT, max: 5 * MBIT },
    response: { min: 2 * MBIT, max: 10 * MBIT },
    requestFrame: 640,
    responseFrame: 1400,
  },
  db: {
    tier: 'db',
    request: { min: 1 * MBIT, max: 4 * MBIT },
    response: { min: 3 * MBIT, max: 12 * MBIT },
    requestFrame: 310,
    responseFrame: 1200,
  },
  udp: {
    tier: 'udp',
    request: { min: 0.1 * MBIT, max: 0.6 * MBIT },
    response: { min: 0.1 * MBIT, max: 0.6 * MBIT },
    requestFrame: 200,
    responseFrame: 240,
  },
  icmp: {
    tier: 'icmp',
    request: { min: 20_000, max: 80_000 },
    response: { min: 20_000, max: 80_000 },
    requestFrame: 98,
    responseFrame: 98,
  },
  // connection attempts the firewall drops: SYNs retried by a client that was never let through
  denied: {
    tier: 'denied',
    request: { min: 60_000, max: 160_000 },
    response: { min: 0, max: 0 },
    requestFrame: 74,
    responseFrame: 74,
  },
};

/** The profile of a service: web ports, well-known databases, other TCP as an app tier. */
export function rateProfile(
  protocol: 'tcp' | 'udp' | 'icmp',
  port: number | undefined,
): RateProfile {
  if (protocol === 'icmp') return RATE_PROFILES.icmp;
  if (protocol === 'udp') return RATE_PROFILES.udp;
  if (port !== undefined && WEB_PORTS.has(port)) return RATE_PROFILES.web;
  if (port !== undefined && DB_PORTS.has(port)) return RATE_PROFILES.db;
  return RATE_PROFILES.app;
}
