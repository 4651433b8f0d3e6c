import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Two cores: more workers only add contention.
    maxWorkers: 2,
    testTimeout: 30_000,
    setupFiles: ['tests/helpers/remove-temp-dirs.ts'],
  },
});
