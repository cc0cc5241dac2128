import { type ComponentProps, useMemo, useState } from 'react';
import { useLive } from '../live/useLive.ts';
import { LiveLegend } from './LiveLegend.tsx';
import { withLiveLoad } from './live-overlay.ts';
import { NetworkCanvas } from './NetworkCanvas.tsx';

/** The canvas with the live overlay: link loads and node aggregates, switchable, with a legend. */
export function LiveNetworkCanvas(props: ComponentProps<typeof NetworkCanvas>) {
  const view = useLive();
  const [on, setOn] = useState(true);
  const { nodes, edges } = props;
  const graph = useMemo(
    () => (on && view ? withLiveLoad({ nodes, edges }, view) : { nodes, edges }),
    [on, view, nodes, edges],
  );
  return (
    <NetworkCanvas {...props} nodes={graph.nodes} edges={graph.edges}>
      {props.children}
      <LiveLegend on={on} onToggle={() => setOn((o) => !o)} />
    </NetworkCanvas>
  );
}
