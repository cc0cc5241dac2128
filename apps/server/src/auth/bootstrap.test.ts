import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../test-client.ts';
import { startTestServer, tempDataDir } from '../test-server.ts';
import {
  ADMIN_PASSWORD_ENV,
  BootstrapError,
  type FirstRunAdmin,
  firstRunBanner,
} from './bootstrap.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('first run with NETCANVAS_ADMIN_PASSWORD', () => {
  it('signs the admin in with the chosen password and never prints it', async () => {
    vi.stubEnv(ADMIN_PASSWORD_ENV, 'correct-horse-battery');
    const shown: FirstRunAdmin[] = [];
    const server = await startTestServer({ onFirstRun: (a) => shown.push(a) });
    try {
      expect(shown).toHaveLength(1);
      const banner = firstRunBanner(shown[0] as FirstRunAdmin);
      expect(banner).not.toContain('correct-horse-battery');
      expect(banner).toContain(ADMIN_PASSWORD_ENV);
      const admin = new ApiClient(server.url);
      expect((await admin.login('admin', 'correct-horse-battery')).status).toBe(200);
      expect((await new ApiClient(server.url).login('admin', 'something-else!')).status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it('refuses to start with a password under 12 characters, and creates no admin', async () => {
    vi.stubEnv(ADMIN_PASSWORD_ENV, 'short');
    const dataDir = tempDataDir();
    await expect(startTestServer({ dataDir })).rejects.toThrow(BootstrapError);
    await expect(startTestServer({ dataDir })).rejects.toThrow(
      /NETCANVAS_ADMIN_PASSWORD is 5 characters long; use at least 12/,
    );
    vi.unstubAllEnvs();
    // the refused start left no user behind: the next start is still the first run
    const shown: string[] = [];
    const server = await startTestServer({ dataDir, onFirstRun: (a) => shown.push(a.password) });
    try {
      expect(shown).toHaveLength(1);
      expect((await new ApiClient(server.url).login('admin', shown[0] ?? '')).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('ignores the variable after the first run', async () => {
    const dataDir = tempDataDir();
    const first = await startTestServer({ dataDir });
    await first.close();
    vi.stubEnv(ADMIN_PASSWORD_ENV, 'x');
    const second = await startTestServer({ dataDir });
    expect(second.firstRun).toBeUndefined();
    await second.close();
  });
});
