/** An API failure with the server's code, shown to the user as is. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** the `details` of the server's `{ code, message, details }` */
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** A successful answer: the parsed JSON body (undefined for 204) and the headers. */
export interface ApiResponse<T> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

let csrfToken: string | undefined;

/** The session's CSRF token, echoed on every state-changing request (set after login / session read). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

const SAFE = new Set(['GET', 'HEAD']);

const unauthenticatedListeners = new Set<() => void>();

/**
 * Called when a call outside `/api/auth/` answers 401: the session expired or was ended
 * elsewhere. Returns the unsubscribe.
 */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/**
 * One call to the netcanvas API with the session cookie; JSON in, JSON out. Any non-2xx
 * answer becomes an `ApiError` carrying the server's code, message and details.
 */
export async function request<T = unknown>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (!SAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (cause) {
    throw new ApiError(
      0,
      'unreachable',
      `the netcanvas server is not reachable (${String(cause)})`,
    );
  }
  const body: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/api/auth/')) {
      for (const listener of unauthenticatedListeners) listener();
    }
    const err = body as { code?: unknown; message?: unknown; details?: unknown } | undefined;
    throw new ApiError(
      res.status,
      typeof err?.code === 'string' ? err.code : 'http-error',
      typeof err?.message === 'string' ? err.message : `${method} ${path} answered ${res.status}`,
      err?.details,
    );
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

/** GET and return the body. */
export async function getJson<T = unknown>(path: string): Promise<T> {
  return (await request<T>('GET', path)).body;
}
