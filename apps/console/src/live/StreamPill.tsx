import { useLive } from './useLive.ts';

const TEXT = {
  connecting: ['muted', 'Connecting…'],
  open: ['good', 'Live'],
  reconnecting: ['warn', 'Reconnecting…'],
  closed: ['muted', 'Stream closed'],
} as const;

/** The stream's state in the top bar: live, or reconnecting after a drop. */
export function StreamPill() {
  const view = useLive();
  if (!view) return null;
  const [tone, text] = TEXT[view.status];
  return (
    <span
      className={`pill pill-${tone}${view.status === 'open' ? ' pill-live' : ''}`}
      data-testid="stream-status"
      data-status={view.status}
      title={`${view.app} · ${view.reconnects} reconnect(s)${view.error ? ` · ${view.error}` : ''}`}
    >
      <span className="dot" />
      {text} · {view.app}
    </span>
  );
}
