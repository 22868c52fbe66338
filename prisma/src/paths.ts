// Where the database layer finds its files. Everything is resolved from this module's own
// location, never from process.cwd(): the api, the web dev server, vitest and the CLI all
// start in different directories.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PRISMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(PRISMA_DIR, '..');
export const SCHEMA_PATH = path.join(PRISMA_DIR, 'schema.prisma');
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations');
/** The embedded database of `pnpm dev` / `pnpm start` when DATABASE_URL is unset (git-ignored). */
export const DEFAULT_PGLITE_DIR = path.join(REPO_ROOT, '.data', 'pglite');
/** Build caches (PGlite test template); node_modules/.cache is git-ignored and disposable. */
export const CACHE_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'shishin-prisma');
