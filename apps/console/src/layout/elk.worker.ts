import ELK from 'elkjs/lib/elk.bundled.js';
import { elkComponents } from './elk-component.ts';
import { layoutGraph } from './layout-graph.ts';
import type { LayoutRequest, LayoutResponse } from './layout-protocol.ts';

const elk = new ELK();

async function layout(req: LayoutRequest): Promise<LayoutResponse> {
  const positions = await layoutGraph(req, (cs) => elkComponents(elk, cs));
  return { id: req.id, positions };
}

// assigned after the import, so it replaces the handler elk.bundled.js installs in workers
self.onmessage = (e: MessageEvent<LayoutRequest>) => {
  layout(e.data).then(
    (res) => self.postMessage(res),
    (err: unknown) => self.postMessage({ id: e.data.id, error: String(err) }),
  );
};
