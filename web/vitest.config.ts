import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests of the built app: the app and the real API run in a child process
// (test/support/serve.ts); the tests drive Debian's chromium against it.
const workers = Number(process.env.SHISHIN_WEB_TEST_WORKERS ?? 1);

export default defineConfig({
  // Unit tests import app modules that use SvelteKit's $lib alias.
  resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // One browser and one platform at a time by default; SHISHIN_WEB_TEST_WORKERS=2 runs two
    // files side by side (each with its own platform and browser).
    fileParallelism: workers > 1,
    maxWorkers: workers,
  },
});
