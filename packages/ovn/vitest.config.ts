import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // real daemons (ovsdb-server, northd) and argon2 logins start in hooks; a loaded CI
    // machine can take several times as long as a quiet one, and a timeout is not a finding
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
