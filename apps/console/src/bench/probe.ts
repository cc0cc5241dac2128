/** What the benchmark driver reads from the page (see bench/editor/). */
export interface BenchProbe {
  /** ms from navigation start until every node and edge is drawn and a frame painted */
  firstRender: number | undefined;
  readonly nodes: number;
  readonly edges: number;
  startFrames(): void;
  /** the requestAnimationFrame deltas since `startFrames`, in ms */
  stopFrames(): number[];
}

declare global {
  interface Window {
    __bench?: BenchProbe;
  }
}

/** resolves after the browser paints the frame it is called in */
function afterPaint(): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );
}

function drawn(nodes: number, edges: number): boolean {
  const shown = document.querySelectorAll('.react-flow__node:not([style*="visibility: hidden"])');
  // zoomed out, netcanvas draws its cards and links on a canvas that says how many it drew
  const far = document.querySelector<HTMLElement>('.far-cards');
  const cards = !far || Number(far.dataset.cards) === nodes;
  const links = far ? Number(far.dataset.links) : 0;
  return (
    cards &&
    shown.length === nodes &&
    document.querySelectorAll('.react-flow__edge').length + links === edges
  );
}

/**
 * Installs `window.__bench` for a page that will draw `nodes` nodes and `edges` edges:
 * watches every frame until they are all drawn, then records when that frame was painted.
 */
export function installProbe(nodes: number, edges: number): BenchProbe {
  let deltas: number[] = [];
  let recording = false;
  const probe: BenchProbe = {
    firstRender: undefined,
    nodes,
    edges,
    startFrames() {
      deltas = [];
      recording = true;
      let last = performance.now();
      const tick = (t: number) => {
        if (!recording) return;
        deltas.push(t - last);
        last = t;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame((t) => {
        last = t;
        requestAnimationFrame(tick);
      });
    },
    stopFrames() {
      recording = false;
      return deltas;
    },
  };
  const watch = () => {
    if (!drawn(nodes, edges)) {
      requestAnimationFrame(watch);
      return;
    }
    void afterPaint().then((t) => {
      probe.firstRender = t;
    });
  };
  requestAnimationFrame(watch);
  window.__bench = probe;
  return probe;
}
