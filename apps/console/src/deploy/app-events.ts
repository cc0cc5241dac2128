import { streamUrl } from '../live/live-app.ts';
import type { StreamEvent } from '../live/protocol.ts';
import { StreamClient } from '../live/stream-client.ts';

/** Called with each event that arrives after the subscription's first snapshot. */
export type AppEventListener = (event: StreamEvent) => void;

interface Shared {
  readonly client: StreamClient;
  readonly listeners: Set<AppEventListener>;
  readonly seen: Set<string>;
  primed: boolean;
}

const shared = new Map<string, Shared>();

/**
 * Follows `app/<tenant>/<app>/events` on the one stream socket per app that every caller
 * shares (the top bar and the canvas both listen). Events already in the topic when it is
 * first read are history, not news: only later ones reach listeners.
 */
export function subscribeAppEvents(
  tenant: string,
  appId: string,
  listener: AppEventListener,
): () => void {
  const topic = `app/${tenant}/${appId}/events`;
  let entry = shared.get(topic);
  if (!entry) {
    const listeners = new Set<AppEventListener>();
    const seen = new Set<string>();
    const created: Shared = {
      listeners,
      seen,
      primed: false,
      client: new StreamClient({
        url: streamUrl(),
        onStatus: () => undefined,
        onTopic: (_topic, copy) => {
          const fresh: StreamEvent[] = [];
          for (const [key, value] of Object.entries(copy.state)) {
            if (seen.has(key)) continue;
            seen.add(key);
            if (created.primed) fresh.push(value as StreamEvent);
          }
          created.primed = true;
          for (const e of fresh) for (const l of listeners) l(e);
        },
      }),
    };
    created.client.subscribe(topic);
    shared.set(topic, created);
    entry = created;
  }
  const mine = entry;
  mine.listeners.add(listener);
  return () => {
    mine.listeners.delete(listener);
    if (mine.listeners.size === 0) {
      mine.client.close();
      shared.delete(topic);
    }
  };
}
