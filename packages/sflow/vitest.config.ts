import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // the million-flow and tshark tests take a few seconds, more on a busy machine
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
