// Disposable, migrated databases for tests. Building one from scratch costs a PGlite initdb
// (~1.5 s) or a full migration run, so both kinds start from a migrated template that is
// built once per migration history and then copied:
// - PGlite: a dumpDataDir() tarball, cached in the process and on disk, loaded into a new
//   in-memory instance (vitest runs test files in separate workers, hence the disk cache);
// - PostgreSQL: a template database, copied with CREATE DATABASE … TEMPLATE.
// Both are keyed by a hash of the migrations (and of the PGlite/engine versions), so a new or
// edited migration builds a new template instead of reusing a stale one.
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import {
  endpointConfig,
  formatDatabaseUrl,
  parseDatabaseUrl,
  quoteIdent,
  type DatabaseKind,
  type QueryEvent,
} from './connection.ts';
import { connectDatabase, type Database } from './database.ts';
import { startEmbedded, writeFileAtomically } from './embedded.ts';
import { applyMigrations, readMigrationsDirectory } from './migrations.ts';
import { CACHE_DIR } from './paths.ts';

export interface TestDatabaseOptions {
  onQuery?: ((event: QueryEvent) => void) | undefined;
}

const DEFAULT_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh, migrated, empty database; close() destroys it. `kind` defaults to
 * SHISHIN_TEST_DB, else 'pglite'. PostgreSQL test databases are created on
 * TEST_DATABASE_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres).
 */
export async function createTestDatabase(
  kind: DatabaseKind = testDatabaseKind(),
  options: TestDatabaseOptions = {},
): Promise<Database> {
  return kind === 'pglite' ? createPgliteTestDatabase(options) : createPostgresTestDatabase(options);
}

export function testDatabaseKind(): DatabaseKind {
  const kind = process.env.SHISHIN_TEST_DB ?? 'pglite';
  if (kind !== 'pglite' && kind !== 'postgres') {
    throw new Error(`SHISHIN_TEST_DB must be "pglite" or "postgres", not ${JSON.stringify(kind)}`);
  }
  return kind;
}

async function migrationsKey(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`pglite ${await versionOf('@electric-sql/pglite')}\n`);
  hash.update(`engine ${await versionOf('@prisma/schema-engine-wasm/schema_engine_bg')}\n`);
  for (const dir of (await readMigrationsDirectory()).migrationDirectories) {
    hash.update(`${dir.path}\n${dir.migrationFile.content.value}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** The version of the package providing `specifier` (their exports hide package.json). */
async function versionOf(specifier: string): Promise<string> {
  let dir = path.dirname(createRequire(import.meta.url).resolve(specifier));
  for (;;) {
    const manifest = await readFile(path.join(dir, 'package.json'), 'utf8').catch(() => undefined);
    if (manifest !== undefined) return (JSON.parse(manifest) as { version: string }).version;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${specifier}`);
    dir = parent;
  }
}

// ───────────────────────────── PGlite ─────────────────────────────

let pgliteTemplate: Promise<Blob> | undefined;

function pgliteTemplateBlob(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    const file = path.join(CACHE_DIR, `pglite-template-${await migrationsKey()}.tar`);
    const cached = await readFile(file).catch(() => undefined);
    if (cached) return new Blob([cached]);
    const server = await startEmbedded({ maxConnections: 1 });
    let dump: Blob;
    try {
      await applyMigrations({ kind: 'pglite', url: server.url });
      // Uncompressed: loading skips a gunzip of ~40 MB, and the file is only a cache.
      dump = await server.pglite.dumpDataDir('none');
    } finally {
      await server.close();
    }
    await writeFileAtomically(file, new Uint8Array(await dump.arrayBuffer()));
    return dump;
  })();
  // A failed build must not poison every later call in this process.
  pgliteTemplate.catch(() => (pgliteTemplate = undefined));
  return pgliteTemplate;
}

async function createPgliteTestDatabase(options: TestDatabaseOptions): Promise<Database> {
  const server = await startEmbedded({ loadDataDir: await pgliteTemplateBlob() });
  try {
    return await connectDatabase({
      kind: 'pglite',
      endpoint: server.endpoint,
      url: server.url,
      embedded: server,
      onQuery: options.onQuery,
    });
  } catch (error) {
    await server.close();
    throw error;
  }
}

// ───────────────────────────── PostgreSQL ─────────────────────────────

const templates = new Map<string, Promise<string>>();
/** Serialises template builds across processes (vitest workers) sharing one server. */
const TEMPLATE_LOCK = "hashtext('shishin test template build')";

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(endpointConfig(parseDatabaseUrl(adminUrl)));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function postgresTemplate(adminUrl: string): Promise<string> {
  let template = templates.get(adminUrl);
  if (!template) {
    template = buildPostgresTemplate(adminUrl);
    templates.set(adminUrl, template);
    template.catch(() => templates.delete(adminUrl));
  }
  return template;
}

async function buildPostgresTemplate(adminUrl: string): Promise<string> {
  const name = `shishin_test_tpl_${await migrationsKey()}`;
  return withAdmin(adminUrl, async (admin) => {
    await admin.query(`SELECT pg_advisory_lock(${TEMPLATE_LOCK})`);
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount) return name;
      // Builds that died half-way (we hold the lock, so none is running).
      const stale = await admin.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE 'shishin\\_test\\_tpl\\_%\\_build\\_%'",
      );
      for (const { datname } of stale.rows) await admin.query(`DROP DATABASE ${quoteIdent(datname)} WITH (FORCE)`);
      // Migrated under a temporary name and renamed when complete, so that the template name
      // only ever denotes a fully migrated database.
      const building = `${name}_build_${randomBytes(4).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${quoteIdent(building)}`);
      await applyMigrations({
        kind: 'postgres',
        url: formatDatabaseUrl({ ...parseDatabaseUrl(adminUrl), database: building }),
      });
      await admin.query(`ALTER DATABASE ${quoteIdent(building)} RENAME TO ${quoteIdent(name)}`);
      return name;
    } finally {
      await admin.query(`SELECT pg_advisory_unlock(${TEMPLATE_LOCK})`);
    }
  });
}

async function createPostgresTestDatabase(options: TestDatabaseOptions): Promise<Database> {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_ADMIN_URL;
  const template = await postgresTemplate(adminUrl);
  const name = `shishin_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (admin) =>
    admin.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`),
  );
  const drop = () =>
    withAdmin(adminUrl, async (admin) => {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    });
  const endpoint = { ...parseDatabaseUrl(adminUrl), database: name };
  try {
    return await connectDatabase({
      kind: 'postgres',
      endpoint,
      url: formatDatabaseUrl(endpoint),
      onQuery: options.onQuery,
      afterClose: drop,
    });
  } catch (error) {
    await drop();
    throw error;
  }
}
