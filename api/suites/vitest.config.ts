import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// The long-running suites of issue 7 (docs/suites.md): convergence fuzz and crash safety.
// Run from api/: `vitest run --config suites/vitest.config.ts suites/fuzz` (root: `pnpm fuzz`).
export default defineConfig({
  resolve: {
    // The same single graphql copy as api/vitest.config.ts.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Seeds of the fuzz run concurrently within a file (`it.concurrent`), each on its own board.
    maxConcurrency: Number(process.env.FUZZ_CONCURRENCY ?? 4),
    maxWorkers: 2,
  },
});
