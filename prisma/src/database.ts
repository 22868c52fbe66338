// Opening the application's database: PostgreSQL when given a URL, otherwise the embedded
// PGlite. Either way the generated PrismaClient talks pg wire protocol through
// @prisma/adapter-pg, so the application and its tests run the same code path on both.
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/client/client.ts';
import {
  endpointConfig,
  instrumentPool,
  parseDatabaseUrl,
  redactUrl,
  type DatabaseKind,
  type Endpoint,
  type QueryEvent,
} from './connection.ts';
import { startEmbedded, type EmbeddedServer } from './embedded.ts';
import { applyMigrations } from './migrations.ts';
import { DEFAULT_PGLITE_DIR } from './paths.ts';

export interface Database {
  prisma: PrismaClient;
  kind: DatabaseKind;
  /** A postgres:// URL that reaches this database; for PGlite, its loopback socket server. */
  url: string;
  /** Releases the client, the pg pool and, for PGlite, the socket server and PGlite itself. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL to connect to; the embedded PGlite when omitted. */
  url?: string | undefined;
  /** PGlite's data directory (created if missing); default <repo>/.data/pglite. */
  dataDir?: string | undefined;
  /** Apply pending migrations first; default true. */
  migrate?: boolean | undefined;
  /**
   * Sees every SQL statement sent to the database once it finished, BEGIN/COMMIT included
   * (Prisma's `$on('query')` misses the BEGIN that adapter-pg sends itself).
   */
  onQuery?: ((event: QueryEvent) => void) | undefined;
  log?: ((message: string) => void) | undefined;
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const { url, migrate = true, onQuery, log } = options;
  if (url) {
    if (migrate) await migrateAndReport({ kind: 'postgres', url }, log);
    log?.(`database: PostgreSQL at ${redactUrl(url)}`);
    return connectDatabase({ kind: 'postgres', endpoint: parseDatabaseUrl(url), url, onQuery, log });
  }
  const dataDir = options.dataDir ?? DEFAULT_PGLITE_DIR;
  const server = await startEmbedded({ dataDir });
  try {
    if (migrate) await migrateAndReport({ kind: 'pglite', url: server.url }, log);
    log?.(`database: embedded PGlite in ${dataDir}, reachable at ${server.url}`);
    return await connectDatabase({
      kind: 'pglite',
      endpoint: server.endpoint,
      url: server.url,
      embedded: server,
      onQuery,
      log,
    });
  } catch (error) {
    await server.close();
    throw error;
  }
}

async function migrateAndReport(
  target: { kind: DatabaseKind; url: string },
  log?: (message: string) => void,
): Promise<void> {
  const applied = await applyMigrations(target);
  if (applied.length > 0) log?.(`applied migrations: ${applied.join(', ')}`);
}

export interface ConnectOptions {
  kind: DatabaseKind;
  endpoint: Endpoint;
  url: string;
  /** Closed with the database. */
  embedded?: EmbeddedServer | undefined;
  onQuery?: ((event: QueryEvent) => void) | undefined;
  log?: ((message: string) => void) | undefined;
  /** Runs after everything else is released (e.g. dropping a test database). */
  afterClose?: (() => Promise<void>) | undefined;
}

/** Client, pool and close() over a database that is already migrated. */
export async function connectDatabase(options: ConnectOptions): Promise<Database> {
  const { kind, endpoint, url, embedded, onQuery, log, afterClose } = options;
  const pool = new pg.Pool({
    ...endpointConfig(endpoint),
    // PGlite is one session: with a single connection every statement and every transaction
    // is strictly serial, and two interactive transactions cannot interleave (the second
    // waits for the connection, as it would wait for a lock). See embedded.ts.
    ...(kind === 'pglite' ? { max: 1, idleTimeoutMillis: 0 } : {}),
  });
  instrumentPool(pool, { onQuery });
  // Without a listener, an idle connection dropped by the server would crash the process.
  const onPoolError = (error: Error) => log?.(`database connection error: ${error.message}`);
  pool.on('error', onPoolError);
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, { onPoolError, onConnectionError: onPoolError }),
    // Prisma gives up on starting an interactive transaction after 2 s by default and the
    // mutation fails with an internal error. Under a burst (200 clients writing, or a thousand
    // handshakes) the connection — PGlite's only one, or a busy pool — can be queued for longer;
    // a write should wait its turn instead, well within the HTTP server's 30 s request timeout.
    transactionOptions: { maxWait: 20_000, timeout: 15_000 },
  });
  let closing: Promise<void> | undefined;
  return {
    prisma,
    kind,
    url,
    close: () =>
      (closing ??= (async () => {
        try {
          await prisma.$disconnect();
          await pool.end();
        } finally {
          await embedded?.close();
          await afterClose?.();
        }
      })()),
  };
}
