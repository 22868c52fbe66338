import { createRequire } from 'node:module';
import { configDefaults, defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships ESM (.mjs, via "module") and CJS (.js, via "main"). Node loads the CJS
    // one for Pothos and Apollo; Vite would give our files the ESM one, and graphql refuses to
    // mix types from two copies. Point every import at the copy Node uses.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['src/**/*.test.ts'],
    // Several instances need one database they can all reach: the PostgreSQL pass runs them
    // (scripts/test.mjs runs both passes), the embedded-database pass leaves the file out.
    exclude: [
      ...configDefaults.exclude,
      ...(process.env.SHISHIN_TEST_DB === 'postgres' ? [] : ['src/http/scale-out.test.ts']),
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file starts its own database and server; two at a time suits a 2-core machine.
    maxWorkers: 2,
  },
});
