import { defineConfig } from 'vitest/config';

// End-to-end specs: Chromium against the browser shell, one file at a time (each starts a server and a browser).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.spec.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
