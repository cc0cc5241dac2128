import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installProbe } from './probe.ts';

/**
 * The editor benchmark's page: `?page=netcanvas&nodes=N` draws the console's canvas,
 * `?page=default&nodes=N` the same graph with React Flow's default nodes, `?page=stress`
 * React Flow's own 625-node stress example. No server: the design is generated here.
 */
async function main() {
  const params = new URLSearchParams(location.search);
  const page = params.get('page') ?? 'netcanvas';
  const nodes = Number(params.get('nodes') ?? 1000);
  const root = document.getElementById('root');
  if (!root) throw new Error('bench.html has no #root element');
  const view =
    page === 'netcanvas'
      ? await import('./NetcanvasBench.tsx').then((m) => m.netcanvasView(nodes))
      : page === 'default'
        ? await import('./ReactFlowPeer.tsx').then((m) => m.defaultNodesView(nodes))
        : page === 'stress'
          ? await import('./ReactFlowPeer.tsx').then((m) => m.stressView())
          : undefined;
  if (!view) throw new Error(`unknown bench page "${page}": netcanvas, default or stress`);
  installProbe(view.nodes, view.edges);
  createRoot(root).render(<StrictMode>{view.element}</StrictMode>);
}

void main();
