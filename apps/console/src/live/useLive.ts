import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LiveStore, LiveView } from './live-store.ts';

/** The live store of the app being watched; undefined outside live mode. */
export const LiveContext = createContext<LiveStore | undefined>(undefined);

const noop = () => () => {};
const nothing = () => undefined;

/** The current live view (re-renders at most once per frame), or undefined without live mode. */
export function useLive(): LiveView | undefined {
  const store = useContext(LiveContext);
  return useSyncExternalStore(store?.subscribe ?? noop, store?.getView ?? nothing);
}

export function useLiveStore(): LiveStore | undefined {
  return useContext(LiveContext);
}
