import { type ReactNode, useState } from 'react';
import { LiveDashboard } from './LiveDashboard.tsx';
import { useLive } from './useLive.ts';

interface Props {
  /** the editor's side panel, one tab away */
  readonly design: ReactNode;
  readonly nameOf: (objectId: string) => string;
  readonly selectedId: string | undefined;
  readonly onPick: (objectId: string) => void;
}

/** The right side in live mode: the live dashboard, or the design's inspector and analysis. */
export function LivePanel({ design, nameOf, selectedId, onPick }: Props) {
  const [tab, setTab] = useState<'live' | 'design'>('live');
  const alerts = useLive()?.alerts.length ?? 0;
  return (
    <div className="live-panel">
      <div className="panel-tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'live'}
          className={tab === 'live' ? 'on' : ''}
          onClick={() => setTab('live')}
          data-testid="tab-live"
        >
          Live
          {alerts > 0 && <span className="count count-error">{alerts}</span>}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'design'}
          className={tab === 'design' ? 'on' : ''}
          onClick={() => setTab('design')}
          data-testid="tab-design"
        >
          Design
        </button>
      </div>
      {tab === 'live' ? (
        <LiveDashboard nameOf={nameOf} selectedId={selectedId} onPick={onPick} />
      ) : (
        design
      )}
    </div>
  );
}
