import { OvnSite } from '../controllers/ovn.ts';
import type { DriverFactory } from '../controllers/site-driver.ts';
import { startServer } from '../serve.ts';

/**
 * Test-only: `NETCANVAS_TEST_SIGKILL_AFTER_COMMIT=n` makes the process `SIGKILL` itself the
 * moment the n-th commit to an OVN controller returns, before the server records it: the
 * deterministic form of "killed between the NB's commit and the SQLite write". Only the kill
 * tests set it, and only this test entry reads it.
 */
const killAfter = Number(process.env.NETCANVAS_TEST_SIGKILL_AFTER_COMMIT ?? 0);
let commits = 0;
const ovnDyingAfterCommit: DriverFactory = async (row) => {
  const site = await OvnSite.connect(row);
  const commit = site.commit.bind(site);
  site.commit = async (plan) => {
    const result = await commit(plan);
    if (++commits === killAfter) process.kill(process.pid, 'SIGKILL');
    return result;
  };
  return site;
};

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
  ...(killAfter > 0 ? { controllerFactories: { ovn: ovnDyingAfterCommit } } : {}),
});
process.stdout.write(`${JSON.stringify({ url: running.url, firstRun: running.firstRun })}\n`);
