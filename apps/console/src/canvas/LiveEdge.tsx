import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getSmoothStepPath } from '@xyflow/react';
import { formatBps, formatPps, formatRate, loadColor, loadLevel } from '../live/format.ts';
import type { EdgeLive } from './live-overlay.ts';

/**
 * A workload–switch link carrying live load: width and colour by bits/s on a log scale, a
 * dash moving in the busier direction, the rate on the line and both directions on hover.
 */
export function LiveEdge(props: EdgeProps) {
  const live = props.data as EdgeLive | undefined;
  const [path, labelX, labelY] = getSmoothStepPath(props);
  if (!live) return <BaseEdge id={props.id} path={path} />;
  const { link, port } = live;
  const tx = link.toSwitchBps ?? 0;
  const rx = link.fromSwitchBps ?? 0;
  const level = loadLevel(Math.max(tx, rx));
  const color = link.up ? loadColor(level) : '#f05252';
  const width = 1.5 + level * 5;
  const testKey = live.key.replace('/', '-');
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        style={{ stroke: color, strokeWidth: width, opacity: 0.55 }}
      />
      {link.up && (tx > 0 || rx > 0) && (
        <path
          d={path}
          className={tx >= rx ? 'live-dash' : 'live-dash reverse'}
          style={{ stroke: color, strokeWidth: Math.max(1.2, width * 0.55) }}
        />
      )}
      <EdgeLabelRenderer>
        <div
          className="link-load nodrag nopan"
          style={{
            transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
            borderColor: color,
          }}
          data-testid={`link-load-${testKey}`}
          data-bps={tx + rx}
        >
          {link.up ? formatBps(tx + rx) : 'down'}
          <div className="link-tip" data-testid={`link-tip-${testKey}`}>
            <div className="link-tip-title">{port?.portName ?? live.key}</div>
            <table>
              <thead>
                <tr>
                  <th />
                  <th>to switch</th>
                  <th>from switch</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th>bits/s</th>
                  <td>{formatBps(tx)}</td>
                  <td>{formatBps(rx)}</td>
                </tr>
                <tr>
                  <th>packets/s</th>
                  <td>{formatPps(port?.inPps)}</td>
                  <td>{formatPps(port?.outPps)}</td>
                </tr>
                <tr>
                  <th>errors/s</th>
                  <td>{formatRate(port?.inErrorsPerSec, '')}</td>
                  <td>{formatRate(port?.outErrorsPerSec, '')}</td>
                </tr>
                <tr>
                  <th>drops/s</th>
                  <td>{formatRate(port?.inDropsPerSec, '')}</td>
                  <td>{formatRate(port?.outDropsPerSec, '')}</td>
                </tr>
              </tbody>
            </table>
            <div className="link-tip-foot">
              {link.utilization === null
                ? 'speed unknown'
                : `${(link.utilization * 100).toFixed(2)}% of link speed`}
            </div>
          </div>
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
