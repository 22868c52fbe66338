#!/usr/bin/env node
// `pnpm start`: builds the web app when its sources changed, then runs the whole platform
// (API, live updates and web app on one port) on the embedded database unless DATABASE_URL
// is set. The first start creates the database, migrates it and loads the guideline.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const handler = join(root, 'web/build/handler.js');
const sources = [join(root, 'web/src'), join(root, 'web/static')].filter(existsSync);
const stale = !existsSync(handler) || sources.some((dir) => newestMtime(dir) > statSync(handler).mtimeMs);
if (stale) {
  console.log('Building the web app…');
  const build = spawnSync('npx', ['-y', 'pnpm@12.21.0', '--dir', 'web', 'run', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawnSync(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], { cwd: root, stdio: 'inherit' });
process.exit(server.status ?? 0);
