import { startServer } from '../serve.ts';

/**
 * A netcanvas server in its own process, for tests that `kill -9` it: serves
 * `NETCANVAS_DATA` on loopback (`NETCANVAS_PORT`, else a free port) and prints one JSON line with its URL
 * (and the first-run admin, on a fresh data directory).
 */
const running = await startServer({
  port: Number(process.env.NETCANVAS_PORT ?? 0),
  consoleDir: null,
  dataDir: process.env.NETCANVAS_DATA,
  logLevel: 'silent',
  sflowPort: null,
  onFirstRun: () => {},
  loginRateLimit: { max: 1000, windowMs: 60_000 },
});
process.stdout.write(`${JSON.stringify({ url: running.url, firstRun: running.firstRun })}\n`);
