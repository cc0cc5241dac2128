import { HttpError } from '../errors.ts';

/** The ETag of one app version: `"<appId>:<version>"`. */
export const etagOf = (appId: string, version: number): string => `"${appId}:${version}"`;

/**
 * The version an If-Match header names for this app; 428 when absent, since a save
 * without it could silently overwrite someone else's.
 */
export function ifMatchVersion(header: string | undefined, appId: string): number {
  if (!header) {
    throw new HttpError(
      428,
      'precondition-required',
      'send If-Match with the ETag of the version you edited, so a concurrent save is never overwritten',
    );
  }
  const match = /^(?:W\/)?"(.+):(\d+)"$/.exec(header.trim());
  if (!match || match[1] !== appId) return -1;
  return Number(match[2]);
}
