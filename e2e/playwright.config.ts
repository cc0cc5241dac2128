import { defineConfig } from '@playwright/test';

/** E2E_PORT_BASE lets two runs share a machine (each helper or CI job its own ports) */
const BASE = Number(process.env.E2E_PORT_BASE ?? 4179);
const PORT = BASE;
/** the live views' real server, signed-in users and sandbox sFlow (e2e/live-server.ts) */
const LIVE_PORT = BASE + 1;

/** The projects asked for on the command line (`--project x` / `--project=x`); empty: all. */
function requestedProjects(argv: readonly string[]): Set<string> {
  const out = new Set<string>();
  argv.forEach((arg, i) => {
    if (arg.startsWith('--project=')) out.add(arg.slice('--project='.length));
    else if (arg === '--project' && argv[i + 1]) out.add(argv[i + 1] as string);
  });
  return out;
}
const REQUESTED = requestedProjects(process.argv);
/** a run of one project starts only the server it needs */
const wanted = (project: string) => REQUESTED.size === 0 || REQUESTED.has(project);

/** Debian's Chromium: Playwright's own browser download is not reachable here. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 7_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /live.*\.spec\.ts/,
      // each spec signs in and creates its app first; a busy machine stretches that
      timeout: 120_000,
      expect: { timeout: 20_000 },
    },
    {
      name: 'live',
      testMatch: /live.*\.spec\.ts/,
      // each spec signs in, creates and applies its app, then waits on real sFlow: a busy
      // machine stretches that well past the default
      timeout: 180_000,
      expect: { timeout: 20_000 },
      use: { baseURL: `http://127.0.0.1:${LIVE_PORT}` },
    },
    {
      // the real lab (OVN, OVS, namespaces) and a server of its own: root with the packages
      // installed, else each spec skips and says why (e2e/tests/lab*.spec.ts)
      name: 'lab',
      testMatch: /lab.*\.spec\.ts/,
      timeout: 180_000,
      expect: { timeout: 20_000 },
    },
  ],
  // the console must be built first: `pnpm test` here runs the build before playwright
  webServer: [
    {
      project: 'chromium',
      // a fresh data dir per run, a known admin password, the acme tenant and its users
      command: `pnpm --dir .. exec tsx e2e/server.ts --port ${PORT}`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore' as const,
      stderr: 'pipe' as const,
    },
    {
      project: 'live',
      command: `pnpm --dir .. exec tsx e2e/live-server.ts --port ${LIVE_PORT}`,
      url: `http://127.0.0.1:${LIVE_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore' as const,
      stderr: 'pipe' as const,
    },
  ]
    .filter((s) => wanted(s.project))
    .map(({ project: _project, ...server }) => server),
});
