// Builds the web app (vite build → build/handler.js) unless the build is newer than every
// source, so `vitest run` alone always tests the current code.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('../..', import.meta.url));

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function setup(): void {
  const handler = join(webDir, 'build/handler.js');
  const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'].map((p) => join(webDir, p));
  const newestSource = Math.max(...sources.map(newestMtime));
  const manifest = join(webDir, 'build/trusted-documents.json');
  if (existsSync(handler) && existsSync(manifest) && statSync(handler).mtimeMs >= newestSource) return;
  console.log('building the web app (vite build, trusted documents)…');
  const vite = join(webDir, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: webDir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`vite build failed with exit code ${result.status}`);
  const listed = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/trusted-documents.ts'], {
    cwd: webDir,
    stdio: 'inherit',
  });
  if (listed.status !== 0) throw new Error(`writing the trusted documents failed with exit code ${listed.status}`);
}
