import { defineConfig } from 'vitest/config';

// SHISHIN_TEST_DB=pglite|postgres picks the database the suites run against (default pglite).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Every file starts its own databases; two at a time suits a 2-core machine.
    maxWorkers: 2,
  },
});
