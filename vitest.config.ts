import { defineConfig } from 'vitest/config';

// Unit and integration tests run against real parts (encrypted SQLite files, embedded Postgres,
// tesseract.js, transformers.js): they are slow-ish, so each file gets its own process and generous time.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
