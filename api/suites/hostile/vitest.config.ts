import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The hostile-input suite (docs/suites.md): `pnpm suite:hostile`; scripts/test.mjs runs it in CI.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 240_000,
    maxWorkers: 1,
  },
});
