import { useEffect, useState } from 'react';
import { streamUrl } from './live-app.ts';
import { LiveStore } from './live-store.ts';

/** What e2e tests (and a curious engineer in devtools) can reach: cut the socket, read series. */
export interface StreamTestHook {
  drop(): void;
  status(): string;
  reconnects(): number;
  /** timestamps (s) of the app totals series, oldest first */
  times(): number[];
}

declare global {
  interface Window {
    __netcanvasStream?: StreamTestHook;
  }
}

/** Opens the stream for `app` (`tenant/appId`) while mounted; undefined without an app. */
export function useLiveStoreFor(app: string | undefined): LiveStore | undefined {
  const [store, setStore] = useState<LiveStore | undefined>();
  useEffect(() => {
    if (!app) return;
    const s = new LiveStore(app, streamUrl());
    setStore(s);
    window.__netcanvasStream = {
      drop: () => s.drop(),
      status: () => s.view.status,
      reconnects: () => s.view.reconnects,
      times: () => s.totals.times(),
    };
    return () => {
      s.close();
      setStore(undefined);
      delete window.__netcanvasStream;
    };
  }, [app]);
  return store;
}
