import type { Clip } from './ops/clone.ts';

/** What was copied last, and how many times it was pasted (each paste lands further off). */
let held: { clip: Clip; pastes: number } | undefined;

export function copyToClipboard(clip: Clip): void {
  held = { clip, pastes: 0 };
}

/** The clip and the offset its next paste lands at, or undefined when nothing was copied. */
export function takeFromClipboard(): { clip: Clip; offset: number } | undefined {
  if (!held) return undefined;
  held.pastes += 1;
  return { clip: held.clip, offset: 40 * held.pastes };
}
