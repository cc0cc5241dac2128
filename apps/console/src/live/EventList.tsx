import { formatBps } from './format.ts';
import type { StreamEvent } from './protocol.ts';

const clock = (ms: number) => new Date(ms).toLocaleTimeString([], { hour12: false });

function describe(e: StreamEvent, nameOf: (id: string) => string): string {
  switch (e.kind) {
    case 'port-up':
      return `${nameOf(e.objectId)} ${e.portName} came up`;
    case 'port-down':
      return `${nameOf(e.objectId)} ${e.portName} went down`;
    case 'drift':
      return e.message;
    case 'applied':
      return `version ${e.version} applied by ${e.by}`;
    case 'threshold-crossed':
    case 'threshold-cleared': {
      const what = e.target === 'app' ? 'application' : nameOf(e.target.split('/')[0] ?? '');
      const way = e.direction === 'both' ? '' : ` ${e.direction}`;
      return e.kind === 'threshold-crossed'
        ? `${what}${way} crossed ${formatBps(e.limit)} at ${formatBps(e.bps)}`
        : `${what}${way} back under ${formatBps(e.limit)} (${formatBps(e.bps)})`;
    }
  }
}

/** The app's latest events: ports going up or down, drift, applies, thresholds crossed. */
export function EventList({
  events,
  nameOf,
}: {
  events: Readonly<Record<string, StreamEvent>>;
  nameOf: (id: string) => string;
}) {
  const list = Object.entries(events)
    .sort(([, a], [, b]) => b.atMs - a.atMs)
    .slice(0, 8);
  if (list.length === 0)
    return <p className="live-empty">No port, drift, apply or threshold events yet.</p>;
  return (
    <ul className="events" data-testid="live-events">
      {list.map(([key, e]) => (
        <li key={key} className={`event event-${e.kind}`} data-kind={e.kind}>
          <span className="mono muted">{clock(e.atMs)}</span>
          <span>{describe(e, nameOf)}</span>
        </li>
      ))}
    </ul>
  );
}
