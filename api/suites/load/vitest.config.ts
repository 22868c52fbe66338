import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The load suite (docs/suites.md): `pnpm suite:load` (60 s); scripts/test.mjs runs it in CI for 20 s.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 240_000,
    maxWorkers: 1,
  },
});
