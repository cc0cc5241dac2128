import { useEffect, useState } from 'react';
import { LayoutWorker, type WorkerLike } from './layout-worker.ts';

const startWorker = () =>
  new Worker(new URL('./elk.worker.ts', import.meta.url), { type: 'module' }) as WorkerLike;

/**
 * Lays out graphs with ELK in a Web Worker, so a big design never freezes the page. The
 * worker starts on first use and stops with the component.
 */
export function useAutoLayout(): LayoutWorker {
  const [worker] = useState(() => new LayoutWorker(startWorker));
  useEffect(() => () => worker.terminate(), [worker]);
  return worker;
}
