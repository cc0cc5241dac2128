import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // the telemetry test collects real UDP for a couple of seconds
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
