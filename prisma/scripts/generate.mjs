// Runs `prisma generate` offline. Prisma's CLI insists on locating its native schema
// engine before any command, and would download it; generation itself needs no engine
// in Prisma 7, so any existing file satisfies the check (see docs/database.md).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const cwd = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync(process.execPath, [cli, 'generate'], {
  cwd,
  stdio: 'inherit',
  env: {
    ...process.env,
    // Generators (prisma-pothos-types) are looked up on PATH; pnpm adds this when running
    // scripts, plain `node scripts/generate.mjs` does not.
    PATH: `${fileURLToPath(new URL('../node_modules/.bin', import.meta.url))}:${process.env.PATH ?? ''}`,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
process.exit(result.status ?? 1);
