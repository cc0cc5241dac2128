/** A rate limit set by the user on the app (in+out of all ports) or on one port. */
export interface Threshold {
  /** `app` or a port key `<objectId>/<nicId>` */
  readonly target: string;
  readonly bps: number;
}

/** A threshold being crossed right now. */
export interface Alert {
  readonly target: string;
  readonly label: string;
  readonly bps: number;
  readonly limit: number;
  readonly sinceMs: number;
}

const keyOf = (app: string) => `netcanvas.thresholds.${app}`;

export function loadThresholds(app: string): Threshold[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(keyOf(app)) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (t): t is Threshold =>
        typeof t?.target === 'string' && typeof t.bps === 'number' && t.bps > 0,
    );
  } catch {
    return [];
  }
}

export function saveThresholds(app: string, list: readonly Threshold[]): void {
  localStorage.setItem(keyOf(app), JSON.stringify(list));
}
