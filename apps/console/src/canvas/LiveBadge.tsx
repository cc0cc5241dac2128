import { formatBps, loadColor, loadLevel } from '../live/format.ts';
import type { NodeLive } from './graph.ts';

/** A node's live aggregate; on workloads also port up/down and the chassis it is bound to. */
export function LiveBadge({
  id,
  live,
  workload,
}: {
  id: string;
  live: NodeLive;
  workload: boolean;
}) {
  const state = live.down === 0 ? 'up' : live.down === live.ports ? 'down' : 'partial';
  return (
    <div className="node-live" data-testid={`node-live-${id}`} data-state={state}>
      {workload && <span className={`port-dot ${state}`} title={`ports ${state}`} />}
      <span className="node-live-rate mono" style={{ color: loadColor(loadLevel(live.bps)) }}>
        {formatBps(live.bps)}
      </span>
      {workload && live.chassis && (
        <span className="node-live-chassis mono" title="bound to chassis (sFlow agent)">
          on {live.chassis}
        </span>
      )}
    </div>
  );
}
