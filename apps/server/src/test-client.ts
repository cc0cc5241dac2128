/** A test HTTP client that keeps a session cookie and CSRF token, or sends a bearer token. */
export interface Reply {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test replies are inspected ad hoc
  readonly json: any;
  readonly headers: Headers;
}

export class ApiClient {
  readonly base: string;
  cookie: string | undefined;
  csrf: string | undefined;
  bearer: string | undefined;

  constructor(base: string, bearer?: string) {
    this.base = base;
    this.bearer = bearer;
  }

  /** Signs in and keeps the cookie and CSRF token. */
  async login(username: string, password: string): Promise<Reply> {
    const reply = await this.request('POST', '/api/auth/login', { username, password });
    const setCookie = reply.headers.get('set-cookie');
    if (reply.status === 200 && setCookie) {
      this.cookie = setCookie.split(';')[0];
      this.csrf = reply.json.csrfToken;
    }
    return reply;
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const all: Record<string, string> = { ...headers };
    if (body !== undefined) all['content-type'] = 'application/json';
    if (this.cookie) all.cookie = this.cookie;
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in all)) all['x-csrf-token'] = this.csrf;
    if (this.bearer) all.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: all,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, json, headers: res.headers };
  }

  get = (path: string, headers?: Record<string, string>) =>
    this.request('GET', path, undefined, headers);
  post = (path: string, body: unknown = {}, headers?: Record<string, string>) =>
    this.request('POST', path, body, headers);
  put = (path: string, body: unknown, headers?: Record<string, string>) =>
    this.request('PUT', path, body, headers);
  delete = (path: string, headers?: Record<string, string>) =>
    this.request('DELETE', path, undefined, headers);
}
