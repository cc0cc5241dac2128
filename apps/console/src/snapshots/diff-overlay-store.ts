import { useSyncExternalStore } from 'react';
import type { DiffMarkInfo, DiffOverlay } from './diff-overlay.ts';

// one overlay at a time: the snapshots dialog shows it, the canvas and its nodes read it
let current: DiffOverlay | undefined;
const listeners = new Set<() => void>();

const emit = () => {
  for (const l of listeners) l();
};
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const read = () => current;

/** Lays a snapshot diff over the canvas, replacing any shown. */
export function showDiffOverlay(overlay: DiffOverlay): void {
  current = overlay;
  emit();
}

/** Removes the overlay: every mark and ghost goes. */
export function closeDiffOverlay(): void {
  if (current === undefined) return;
  current = undefined;
  emit();
}

/** The overlay on the canvas, if one is shown. */
export function useDiffOverlay(): DiffOverlay | undefined {
  return useSyncExternalStore(subscribe, read, read);
}

/** How the overlay marks one object; undefined when no overlay is shown or it is unchanged. */
export function useDiffMark(objectId: string): DiffMarkInfo | undefined {
  return useSyncExternalStore(
    subscribe,
    () => current?.marks.get(objectId),
    () => undefined,
  );
}
