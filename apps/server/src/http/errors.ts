import { ModelError } from '@netcanvas/model';
import { OvnError } from '@netcanvas/ovn';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError } from '../errors.ts';

/** The JSON body of every error reply. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

interface BodyParserError {
  readonly type: string;
  readonly status: number;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { type?: unknown }).type === 'string' &&
    typeof (err as { status?: unknown }).status === 'number'
  );
}

/** Maps anything a route or middleware threw to an HttpError; unknown errors become 500. */
export function toHttpError(err: unknown, limit: string): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof ModelError && err.code === 'unknown-template') {
    return new HttpError(404, 'unknown-template', err.message);
  }
  if (err instanceof OvnError) return fromOvnError(err);
  if (isBodyParserError(err)) {
    switch (err.type) {
      case 'entity.parse.failed':
        return new HttpError(
          400,
          'malformed-json',
          'the request body is not valid JSON',
          undefined,
          {
            cause: err,
          },
        );
      case 'entity.too.large':
        return new HttpError(
          413,
          'payload-too-large',
          `the request body is larger than ${limit}; split the document or raise the limit`,
        );
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return new HttpError(415, 'unsupported-media-type', 'send the body as UTF-8 JSON');
    }
    if (err.status >= 400 && err.status < 500) {
      return new HttpError(400, 'invalid-request', 'the request body could not be read');
    }
  }
  return new HttpError(500, 'internal', 'the server failed to handle this request', undefined, {
    cause: err,
  });
}

/** OVN driver failures: what the controller did, as an HTTP status and code. */
function fromOvnError(err: OvnError): HttpError {
  const details = err.details;
  switch (err.code) {
    case 'conflict':
      return new HttpError(409, 'controller-changed', err.message, details, { cause: err });
    case 'controller-unreachable':
      return new HttpError(502, 'controller-unreachable', err.message, details, { cause: err });
    case 'outcome-unknown':
      return new HttpError(502, 'apply-outcome-unknown', err.message, details, { cause: err });
    case 'invalid-design':
      return new HttpError(422, 'design-has-errors', err.message, details, { cause: err });
    default:
      return new HttpError(502, 'controller-rejected', err.message, details, { cause: err });
  }
}

/** The one place errors become HTTP replies: `{ code, message, details }`, never a stack. */
export function errorHandler(options: {
  limit: string;
  onInternalError?: (err: unknown) => void;
}): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    const http = toHttpError(err, options.limit);
    if (http.code === 'internal') (options.onInternalError ?? logInternal)(http.cause ?? err);
    const body: ErrorBody =
      http.details === undefined
        ? { code: http.code, message: http.message }
        : { code: http.code, message: http.message, details: http.details };
    res.status(http.status).json(body);
  };
}

function logInternal(err: unknown): void {
  console.error('[netcanvas] internal error:', err);
}

/** Unknown API routes answer JSON, not Express's HTML page. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not-found', `no route ${req.method} ${req.originalUrl}`));
};
