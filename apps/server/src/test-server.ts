import { afterAll, beforeAll } from 'vitest';
import { type RunningServer, type ServeOptions, startServer } from './serve.ts';

/** Starts a server on a free port for the test file and stops it afterwards. */
export function useTestServer(options: Partial<ServeOptions> = {}): { url: () => string } {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startServer({ port: 0, consoleDir: null, ...options });
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    url: () => {
      if (!server) throw new Error('the test server has not started');
      return server.url;
    },
  };
}

/** POSTs a JSON body (or raw text) and returns status and parsed JSON. */
export async function post(
  url: string,
  body: unknown,
  raw = false,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ? String(body) : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
