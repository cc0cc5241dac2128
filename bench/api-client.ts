/** A signed-in API client (session cookie + CSRF), as the console is. */
export class ApiClient {
  readonly #base: string;
  #cookie = '';
  #csrf = '';

  constructor(base: string) {
    this.#base = base;
  }

  async login(username: string, password: string): Promise<void> {
    const res = await fetch(`${this.#base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`login: ${res.status}`);
    this.#cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    this.#csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }

  /** One request; a non-2xx answer throws with its status and body. */
  async call(
    method: string,
    p: string,
    body?: unknown,
    headers: Record<string, string> = {},
    // biome-ignore lint/suspicious/noExplicitAny: bench replies are read ad hoc
  ): Promise<any> {
    const res = await fetch(`${this.#base}${p}`, {
      method,
      headers: {
        cookie: this.#cookie,
        'x-csrf-token': this.#csrf,
        ...headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  }
}
