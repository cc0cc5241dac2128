import { type Application, parseApplication } from '@netcanvas/model';
import type { z } from 'zod';
import { HttpError } from '../errors.ts';

/** Parses a request part with a zod schema; a mismatch is a 400 listing each issue. */
export function parseRequest<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: issue.path.filter((p) => typeof p !== 'symbol'),
    message: issue.message,
  }));
  const first = details[0];
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  throw new HttpError(
    400,
    'invalid-request',
    `${what} is not valid: ${where}${first?.message ?? 'unexpected shape'}`,
    details,
  );
}

/** Most network objects one application may hold: one NB transaction applies them all. */
export const MAX_OBJECTS_PER_APP = 5000;

/** Parses an application document; shape problems are a 422 carrying the diagnostics. */
export function parseApplicationBody(input: unknown): Application {
  if (input === undefined) {
    throw new HttpError(400, 'invalid-request', 'send an application document as a JSON body');
  }
  const objects = (input as { objects?: unknown } | null)?.objects;
  if (Array.isArray(objects) && objects.length > MAX_OBJECTS_PER_APP) {
    const message = `the application has ${objects.length} objects; at most ${MAX_OBJECTS_PER_APP} fit in one app: split it into several apps`;
    throw new HttpError(422, 'invalid-application', message, [
      { severity: 'error', path: ['objects'], code: 'too-many-objects', message },
    ]);
  }
  const result = parseApplication(input);
  if (result.ok) return result.app;
  const count = result.diagnostics.length;
  throw new HttpError(
    422,
    'invalid-application',
    `the application document has ${count} shape problem${count === 1 ? '' : 's'}; first: ${result.diagnostics[0]?.message}`,
    result.diagnostics,
  );
}
