import type { Diagnostic } from './diagnostics.ts';
import { Application } from './schema/application.ts';
import type { Application as ApplicationType } from './schema/types.ts';

export type ParseResult =
  | { readonly ok: true; readonly app: ApplicationType }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Checks the shape of an application document (from a file, an HTTP body or a snapshot)
 * and fills defaults. Shape problems come back as `schema` diagnostics, never a throw.
 */
export function parseApplication(input: unknown): ParseResult {
  const result = Application.safeParse(input);
  if (result.success) return { ok: true, app: result.data };
  const objects = Array.isArray((input as { objects?: unknown } | null)?.objects)
    ? ((input as { objects: unknown[] }).objects as unknown[])
    : [];
  const diagnostics = result.error.issues.map((issue): Diagnostic => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    let objectId: string | undefined;
    let inner = path;
    if (path[0] === 'objects' && typeof path[1] === 'number') {
      const raw = objects[path[1]] as { id?: unknown } | undefined;
      objectId = typeof raw?.id === 'string' ? raw.id : `objects[${path[1]}]`;
      inner = path.slice(2);
    }
    const where = path.length > 0 ? path.join('.') : 'document';
    return {
      severity: 'error',
      objectId,
      path: inner,
      code: 'schema',
      message: `${where}: ${issue.message}`,
    };
  });
  return { ok: false, diagnostics };
}
