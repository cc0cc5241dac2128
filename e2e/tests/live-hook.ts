/** The console's stream test hook (apps/console/src/live/useLiveStoreFor.ts), as pages see it. */
export interface StreamTestHook {
  drop(): void;
  status(): string;
  reconnects(): number;
  times(): number[];
}

declare global {
  interface Window {
    __netcanvasStream?: StreamTestHook;
    __statusSeen?: string[];
  }
}
