// pg connection plumbing shared by the application client and the migration engine.
import pg from 'pg';

export type DatabaseKind = 'postgres' | 'pglite';

/**
 * A postgres:// URL taken apart into pg's discrete fields.
 *
 * Why not `connectionString`: pg lets a connection string override every other field, so a
 * config like `{ ...config, database: 'other' }` silently still reaches the URL's database.
 * adapter-pg's own shadow-database support falls into exactly that trap and runs the
 * migration engine's shadow work (which starts by wiping the schema) against the main
 * database. Everything here therefore works with the discrete fields only.
 */
export interface Endpoint {
  host: string;
  port: number;
  user: string;
  password?: string | undefined;
  database: string;
  ssl?: pg.PoolConfig['ssl'];
}

export function parseDatabaseUrl(url: string): Endpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Not a valid database URL: ${redactUrl(url)}`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`Expected a postgres:// or postgresql:// URL, got ${parsed.protocol}//…`);
  }
  const params = parsed.searchParams;
  // Unix sockets (?host=/var/run/postgresql) are legal in libpq URLs.
  const host = params.get('host') ?? (decodeURIComponent(parsed.hostname) || '127.0.0.1');
  const schema = params.get('schema');
  if (schema !== null && schema !== 'public') {
    // The migrations and resetDatabase assume the public schema; fail loudly rather than
    // migrate one schema and query another.
    throw new Error(`Only the "public" schema is supported (URL asks for schema=${schema})`);
  }
  const sslmode = params.get('sslmode');
  let ssl: Endpoint['ssl'];
  if (sslmode === 'require' || sslmode === 'prefer') ssl = { rejectUnauthorized: false };
  else if (sslmode === 'verify-ca' || sslmode === 'verify-full') ssl = true;
  return {
    host,
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || 'postgres',
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
    ssl,
  };
}

export function formatDatabaseUrl(endpoint: Endpoint): string {
  const auth =
    encodeURIComponent(endpoint.user) + (endpoint.password ? `:${encodeURIComponent(endpoint.password)}` : '');
  const host = endpoint.host.startsWith('/')
    ? `localhost:${endpoint.port}/${encodeURIComponent(endpoint.database)}?host=${encodeURIComponent(endpoint.host)}`
    : `${endpoint.host}:${endpoint.port}/${encodeURIComponent(endpoint.database)}`;
  return `postgresql://${auth}@${host}`;
}

/** For messages and logs: the URL without its password. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}

export function endpointConfig(endpoint: Endpoint): pg.PoolConfig {
  return {
    host: endpoint.host,
    port: endpoint.port,
    user: endpoint.user,
    password: endpoint.password,
    database: endpoint.database,
    ssl: endpoint.ssl,
  };
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export interface QueryEvent {
  query: string;
  durationMs: number;
}

export interface InstrumentOptions {
  /** Called once per statement sent on a connection of the pool, after it finished. */
  onQuery?: ((event: QueryEvent) => void) | undefined;
  /**
   * Collect the column positions of pg_catalog `"char"` (OID 18) columns per result, see
   * {@link charColumnsOf}. Only the migration engine needs this.
   */
  trackCharColumns?: boolean;
}

const CHAR_OID = 18;
const TEXT_OID = 25;
const charColumns = new WeakMap<object, number[]>();

/**
 * Positions of the `"char"` columns in a result whose `rows` array is given. adapter-pg hands
 * pg's `rows` array through unchanged, which is what lets the migration adapter find them again
 * after adapter-pg has converted the result (see engine.ts).
 */
export function charColumnsOf(rows: unknown): number[] | undefined {
  return typeof rows === 'object' && rows !== null ? charColumns.get(rows) : undefined;
}

type QueryCallback = (err: Error | null, result?: pg.QueryResult | pg.QueryResult[]) => void;

/**
 * Hooks every pg connection the pool opens, at the wire level: this sees every statement
 * including the BEGIN/COMMIT/ROLLBACK that adapter-pg sends on its own, which Prisma's
 * `$on('query')` event does not report.
 */
export function instrumentPool(pool: pg.Pool, options: InstrumentOptions): void {
  const { onQuery, trackCharColumns = false } = options;
  if (!onQuery && !trackCharColumns) return;
  pool.on('connect', (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    const patched = (config: unknown, values?: unknown, callback?: unknown): unknown => {
      // Submittables (pg-cursor, pg-query-stream) manage their own results: pass through.
      if (typeof (config as { submit?: unknown } | null)?.submit === 'function') {
        return original(config, values, callback);
      }
      if (typeof values === 'function') {
        callback = values;
        values = undefined;
      }
      const text = typeof config === 'string' ? config : String((config as { text?: unknown }).text);
      const started = performance.now();
      const finish = (result: pg.QueryResult | pg.QueryResult[] | undefined): void => {
        if (trackCharColumns && result) {
          for (const r of Array.isArray(result) ? result : [result]) {
            const positions: number[] = [];
            r.fields?.forEach((field, i) => {
              if (field.dataTypeID === CHAR_OID) {
                positions.push(i);
                // adapter-pg rejects OID 18 outright; text parses the same way and the
                // engine-side adapter re-labels the column afterwards.
                field.dataTypeID = TEXT_OID;
              }
            });
            if (positions.length > 0) charColumns.set(r.rows, positions);
          }
        }
        onQuery?.({ query: text, durationMs: performance.now() - started });
      };
      if (typeof callback === 'function') {
        const cb = callback as QueryCallback;
        return original(config, values, (err: Error | null, result?: pg.QueryResult) => {
          finish(result);
          cb(err, result);
        });
      }
      const promise = original(config, values) as Promise<pg.QueryResult>;
      return promise.then(
        (result) => {
          finish(result);
          return result;
        },
        (error: unknown) => {
          finish(undefined);
          throw error;
        },
      );
    };
    client.query = patched as typeof client.query;
  });
}
