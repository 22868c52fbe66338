// Writes build/trusted-documents.json after `vite build`: the sha256 of every GraphQL document
// the app sends, mapped to the document. The API, started with SHISHIN_TRUSTED_DOCUMENTS=browsers,
// accepts from browsers (no bearer token) only these documents; tokens may send any query.
// Loaded through Vite so that `import.meta.glob` and `$lib` resolve as in the app.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const webDir = fileURLToPath(new URL('..', import.meta.url));
const vite = await createServer({
  configFile: `${webDir}vite.config.ts`,
  server: { middlewareMode: true, hmr: false, watch: null },
  appType: 'custom',
  logLevel: 'error',
});
try {
  const { appDocuments } = (await vite.ssrLoadModule(
    '/src/lib/server/documents.ts',
  )) as typeof import('../src/lib/server/documents');
  const manifest: Record<string, string> = {};
  for (const { document } of appDocuments()) {
    manifest[`sha256:${createHash('sha256').update(document).digest('hex')}`] = document;
  }
  mkdirSync(`${webDir}build`, { recursive: true });
  writeFileSync(`${webDir}build/trusted-documents.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`trusted documents: ${Object.keys(manifest).length} written to build/trusted-documents.json`);
} finally {
  await vite.close();
}
