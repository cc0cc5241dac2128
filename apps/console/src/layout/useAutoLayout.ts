import type { Position } from '@netcanvas/model';
import { useCallback, useEffect, useRef } from 'react';
import type { LayoutRequest, LayoutResponse } from './layout-protocol.ts';

type Pending = Map<number, (res: LayoutResponse) => void>;

/** Lays out a graph with ELK in a Web Worker, so a big design never freezes the page. */
export function useAutoLayout(): (
  req: Omit<LayoutRequest, 'id'>,
) => Promise<Readonly<Record<string, Position>>> {
  const worker = useRef<Worker | undefined>(undefined);
  const pending = useRef<Pending>(new Map());
  const seq = useRef(0);

  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = undefined;
    },
    [],
  );

  return useCallback((req) => {
    if (!worker.current) {
      const w = new Worker(new URL('./elk.worker.ts', import.meta.url), { type: 'module' });
      w.onmessage = (e: MessageEvent<LayoutResponse>) => {
        pending.current.get(e.data.id)?.(e.data);
        pending.current.delete(e.data.id);
      };
      // a worker that cannot load or crashes fails what waits on it (the toolbar says so)
      // and is not reused: the next layout starts a fresh one
      w.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        w.terminate();
        if (worker.current === w) worker.current = undefined;
        const error = `the layout worker failed: ${e.message || 'it could not start'}`;
        for (const [id, done] of pending.current) done({ id, error });
        pending.current.clear();
      };
      worker.current = w;
    }
    const id = ++seq.current;
    const w = worker.current;
    return new Promise((resolve, reject) => {
      pending.current.set(id, (res) =>
        'error' in res ? reject(new Error(res.error)) : resolve(res.positions),
      );
      w.postMessage({ ...req, id } satisfies LayoutRequest);
    });
  }, []);
}
