// The embedded database: PGlite (PostgreSQL compiled to WebAssembly, in this process) served
// on a loopback TCP port by pglite-socket, so that the application reaches it through pg and
// @prisma/adapter-pg exactly as it reaches a real PostgreSQL server.
//
// Concurrency invariant. PGlite is ONE PostgreSQL backend, i.e. one session, and pglite-socket
// multiplexes client connections onto it one protocol message at a time. Out of the box it
// keeps an explicit transaction (BEGIN … COMMIT) of one connection apart from the others, but
// not an extended-protocol query (Parse, Bind, Describe, Execute … Sync): another connection's
// messages can land in the middle of it, replace its unnamed statement, and hand it the other
// query's result. (Measured: 1 wrong result in 1000 concurrent queries over 4 connections.)
// Two layers prevent that:
// - our own pools use a single connection (database.ts), so everything the application sends
//   is serial on the wire, and its interactive transactions queue for the connection;
// - the server's queue treats an unfinished extended-protocol sequence like an open
//   transaction (see serialiseSequences), so extra connections — psql, Prisma Studio, a
//   script — cannot cut into one either.
// Session state (SET, temp tables, prepared statement names, LISTEN) stays shared by all
// connections: do not rely on it here. COPY … FROM STDIN is not protected.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { formatDatabaseUrl, type Endpoint } from './connection.ts';
import { CACHE_DIR } from './paths.ts';

export interface EmbeddedServer {
  pglite: PGlite;
  endpoint: Endpoint;
  url: string;
  /** Stops the socket server (dropping its connections) and closes PGlite; idempotent. */
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Persist in this directory (created if missing); in memory when omitted. */
  dataDir?: string | undefined;
  /**
   * Start from a tarball made by `PGlite#dumpDataDir` (in-memory only). Without one, an
   * in-memory instance starts from a cached image of a freshly initialised cluster.
   */
  loadDataDir?: Blob | undefined;
  /** pglite-socket's connection limit; see the concurrency note above. */
  maxConnections?: number | undefined;
}

export async function startEmbedded(options: EmbeddedOptions = {}): Promise<EmbeddedServer> {
  const { dataDir, loadDataDir, maxConnections = 8 } = options;
  let releaseLock: (() => Promise<void>) | undefined;
  if (dataDir !== undefined) {
    if (loadDataDir) throw new Error('startEmbedded: dataDir and loadDataDir are exclusive');
    await mkdir(dataDir, { recursive: true });
    releaseLock = await lockDataDir(dataDir);
  }
  let pglite: PGlite | undefined;
  try {
    pglite = await PGlite.create({
      dataDir,
      loadDataDir: dataDir === undefined ? (loadDataDir ?? (await emptyCluster())) : undefined,
    });
    const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections });
    serialiseSequences(server);
    await server.start();
    // getServerConn() reports the port the OS actually bound, after start().
    const port = Number(server.getServerConn().split(':').pop());
    const endpoint: Endpoint = { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' };
    const db = pglite;
    let closing: Promise<void> | undefined;
    return {
      pglite: db,
      endpoint,
      url: formatDatabaseUrl(endpoint),
      close: () =>
        (closing ??= (async () => {
          try {
            await server.stop();
            // A connection that was cut mid-transaction leaves the session in it.
            if (!db.closed && db.isInTransaction()) await db.exec('ROLLBACK');
            if (!db.closed) await db.close();
          } finally {
            await releaseLock?.();
          }
        })()),
    };
  } catch (error) {
    await pglite?.close().catch(() => {});
    await releaseLock?.();
    throw error;
  }
}

// Frontend message types (first byte) of the extended query protocol, which a Sync ends.
const SEQUENCE_PARTS = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));
const SEQUENCE_ENDS = new Set(['S', 'Q', 'X'].map((c) => c.charCodeAt(0)));
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/**
 * pglite-socket's queue hands PGlite one message at a time and, while
 * `db.isInTransaction()`, only takes messages from the connection that sent the last one.
 * Giving the queue a view of the database that also counts an unfinished extended-protocol
 * sequence as "in transaction" extends that affinity to whole queries. This reaches into
 * pglite-socket's private `queryQueue.db` (pinned to 0.2.17 in package.json); the guard below
 * fails loudly if a new version moves it, and test/embedded.test.ts checks the behaviour.
 */
function serialiseSequences(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue?: { db?: PGlite } }).queryQueue;
  const db = queue?.db;
  if (!queue || !(db instanceof PGlite)) {
    throw new Error('pglite-socket internals changed: re-check serialiseSequences in prisma/src/embedded.ts');
  }
  let inSequence = false;
  queue.db = new Proxy(db, {
    get(target, property) {
      if (property === 'isInTransaction') return () => inSequence || target.isInTransaction();
      if (property === 'execProtocolRawStream') {
        return (message: Uint8Array, options: Parameters<PGlite['execProtocolRawStream']>[1]) => {
          const type = message[0] ?? 0;
          if (SEQUENCE_PARTS.has(type)) inSequence = true;
          else if (SEQUENCE_ENDS.has(type)) inSequence = false;
          return target.execProtocolRawStream(message, options);
        };
      }
      if (property === 'exec') {
        // The queue's clean-up for a connection that vanished (ROLLBACK): if it left a
        // sequence open, end it first, or PostgreSQL — skipping to the next Sync after an
        // error — would ignore the ROLLBACK.
        return async (query: string, options?: Parameters<PGlite['exec']>[1]) => {
          // A connection dropping while the server stops: nothing left to clean up.
          if (target.closed) return [];
          if (inSequence) {
            inSequence = false;
            await target.execProtocolRaw(SYNC);
          }
          return target.exec(query, options);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

let emptyClusterImage: Promise<Blob> | undefined;

/**
 * An in-memory PGlite spends ~1.5 s in initdb, every time, to produce the same cluster; a
 * dump of one loads in a fraction of that. Shadow databases and test databases start often.
 * Cached in the process and on disk (per PGlite version, which fixes the cluster's layout).
 */
function emptyCluster(): Promise<Blob> {
  emptyClusterImage ??= (async () => {
    const require = createRequire(import.meta.url);
    const version = (
      JSON.parse(
        await readFile(path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8'),
      ) as { version: string }
    ).version;
    const file = path.join(CACHE_DIR, `pglite-empty-${version}.tar`);
    const cached = await readFile(file).catch(() => undefined);
    if (cached) return new Blob([cached]);
    const fresh = await PGlite.create();
    try {
      const image = await fresh.dumpDataDir('none');
      await writeFileAtomically(file, new Uint8Array(await image.arrayBuffer()));
      return image;
    } finally {
      await fresh.close();
    }
  })();
  emptyClusterImage.catch(() => (emptyClusterImage = undefined));
  return emptyClusterImage;
}

/** Written aside and renamed: a concurrent reader (another vitest worker) sees all or nothing. */
export async function writeFileAtomically(file: string, data: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(partial, data);
  await rename(partial, file);
}

/**
 * PGlite keeps no postmaster.pid: two processes opening one data directory would both write
 * to it and corrupt it (e.g. the api running while a seed script starts). A lock file next
 * to the directory, holding the owner's pid, refuses the second opener; a lock whose process
 * is gone is taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return async () => {
        await rm(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `The embedded database ${dataDir} is in use by process ${owner}. ` +
            `Stop it, or set DATABASE_URL to use a PostgreSQL server.`,
        );
      }
      if (owner === process.pid) {
        throw new Error(`The embedded database ${dataDir} is already open in this process.`);
      }
      await rm(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
