// The embedded database: PGlite (PostgreSQL compiled to WebAssembly, in this process) served
// on a loopback TCP port by pglite-socket, so that the application reaches it through pg and
// @prisma/adapter-pg exactly as it reaches a real PostgreSQL server.
//
// Concurrency invariant. PGlite is ONE PostgreSQL backend, i.e. one session. pglite-socket
// multiplexes client connections onto it message by message; it keeps an explicit
// transaction (BEGIN … COMMIT) of one connection apart from the others by holding their
// messages back while `IsTransactionBlock()`, but an extended-protocol query outside an
// explicit block (Parse/Bind/Execute/Sync) is not atomic with respect to other connections,
// and all connections share session state. Our own pools therefore use a single connection
// (see database.ts), which makes every statement and every transaction strictly serial on
// the wire; the server still admits a few extra connections so that tools (psql, Prisma
// Studio, a seed script) can reach a running instance, at the risk described above.
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { formatDatabaseUrl, type Endpoint } from './connection.ts';

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
  /** Start from a tarball made by `PGlite#dumpDataDir` (in-memory only). */
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
    pglite = await PGlite.create({ dataDir, loadDataDir });
    const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections });
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
