import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

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
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file starts its own database and server; two at a time suits a 2-core machine.
    maxWorkers: 2,
  },
});
