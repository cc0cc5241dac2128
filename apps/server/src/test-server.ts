import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type RunningServer, type ServeOptions, startServer } from './serve.ts';

/** A fresh data directory for one test server. */
export const tempDataDir = (): string => mkdtempSync(path.join(tmpdir(), 'netcanvas-data-'));

/** Starts a quiet server on a free port and a fresh data dir, unless told otherwise. */
export function startTestServer(options: Partial<ServeOptions> = {}): Promise<RunningServer> {
  return startServer({
    port: 0,
    consoleDir: null,
    dataDir: tempDataDir(),
    logLevel: 'silent',
    onFirstRun: () => {},
    sflowPort: null,
    ...options,
  });
}

/** Starts a server on a free port for the test file and stops it afterwards. */
export function useTestServer(options: Partial<ServeOptions> = {}): {
  url: () => string;
  running: () => RunningServer;
} {
  let server: RunningServer | undefined;
  const dataDir = options.dataDir ?? tempDataDir();
  beforeAll(async () => {
    server = await startTestServer({ ...options, dataDir });
  });
  afterAll(async () => {
    await server?.close();
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  const running = () => {
    if (!server) throw new Error('the test server has not started');
    return server;
  };
  return { url: () => running().url, running };
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
