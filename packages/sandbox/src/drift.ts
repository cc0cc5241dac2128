import { type Application, plan } from '@netcanvas/model';

/**
 * The objects whose stored state differs from what this controller last put there: a
 * change made to the store outside `commit` (another process on the same store, or a
 * test standing in for someone editing the controller by hand). Sorted, deduplicated.
 */
export function driftedObjects(
  expected: Pick<Application, 'objects'>,
  stored: Pick<Application, 'objects'> | undefined,
): string[] {
  return [...new Set(plan(expected, stored ?? { objects: [] }).map((c) => c.id))].sort();
}

/** How a drift reads in the event: which objects, in words. */
export function driftDetail(ids: readonly string[]): string {
  const shown = ids.slice(0, 5).join(', ');
  const more = ids.length > 5 ? ` and ${ids.length - 5} more` : '';
  return `${ids.length} object${ids.length === 1 ? '' : 's'} changed on the sandbox outside netcanvas: ${shown}${more}`;
}
