// Prisma's schema engine without its native binary: @prisma/schema-engine-wasm driven through
// @prisma/adapter-pg. This is the engine behind `prisma migrate`, so migration files, the
// `_prisma_migrations` table and the generated SQL are exactly Prisma's own; only the
// plumbing around it (loading the wasm, connecting, shadow databases) lives here.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  DriverAdapterError,
  type ErrorRegistry,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';
import * as wasmRuntime from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import {
  charColumnsOf,
  endpointConfig,
  instrumentPool,
  parseDatabaseUrl,
  quoteIdent,
  type DatabaseKind,
  type Endpoint,
} from './connection.ts';
import { startEmbedded, type EmbeddedServer } from './embedded.ts';

export type { SchemaEngine };

/** A database the engine works on: a Database from openDatabase() fits. */
export interface MigrationTarget {
  kind: DatabaseKind;
  url: string;
}

/**
 * Where the engine may create its scratch ("shadow") databases, into which it replays the
 * migration history to learn what schema the history produces.
 * - `pglite`: fresh in-memory PGlite instances (PGlite cannot CREATE DATABASE).
 * - `postgres`: throw-away databases on the server of `url`, which must allow CREATE DATABASE.
 *   They are created and dropped here, never by adapter-pg (which would leak them).
 */
export type ShadowSpec = { kind: 'pglite' } | { kind: 'postgres'; url: string };

export function shadowFor(target: MigrationTarget): ShadowSpec {
  return target.kind === 'pglite' ? { kind: 'pglite' } : { kind: 'postgres', url: target.url };
}

// ───────────────────────────── loading the wasm ─────────────────────────────

type PanicRegistry = { set_message(message: string): void };
/** The slice of the WebAssembly global used here (the repo's `lib` has no DOM/wasm types). */
interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
  RuntimeError: abstract new (...args: never[]) => Error;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
let lastPanic: string | undefined;
let runtimePromise: Promise<typeof wasmRuntime> | undefined;

/**
 * The package's entry point imports the .wasm file as an ES module, which Node 20 cannot do
 * without --experimental-wasm-modules; the `_bg` glue module is instantiated by hand
 * instead. The glue keeps the instance in module state, so there is one per process.
 */
function loadRuntime(): Promise<typeof wasmRuntime> {
  return (runtimePromise ??= (async () => {
    // Rust panics report their message through this global before trapping with
    // "unreachable"; without it the glue itself throws a TypeError and the message is lost.
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message(message: string) {
        lastPanic = message;
      },
    };
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(gluePath.replace(/\.js$/, '.wasm'));
    const imports: Record<string, unknown> = { ...wasmRuntime };
    for (const [name, fn] of Object.entries(wasmRuntime)) {
      // The engine races its I/O against timers (10 s) and never clears them: the glue has no
      // clearTimeout import. Unreferenced, they no longer hold a finished process open; the
      // pending I/O itself keeps the process alive while the engine works.
      if (name.startsWith('__wbg_setTimeout_') && typeof fn === 'function') {
        imports[name] = (...args: unknown[]) => {
          const timer = (fn as (...a: unknown[]) => unknown)(...args) as { unref?: () => void } | undefined;
          timer?.unref?.();
          return timer;
        };
      }
    }
    const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': imports });
    wasmRuntime.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return wasmRuntime;
  })());
}

// ───────────────────────────── the adapter the engine uses ─────────────────────────────

/**
 * The engine introspects pg_catalog, whose `"char"` columns (contype, relkind, …) adapter-pg
 * refuses to decode ("Column type 'char' could not be deserialized"); reported as text, the
 * engine then panics because it expects a character value. The pool relabels them as text
 * (connection.ts) and this puts the Character column type back on the converted result.
 */
function restoreCharColumns<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result: SqlResultSet = await queryRaw(query);
    for (const i of charColumnsOf(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

function engineAdapter(adapter: SqlDriverAdapter, pool: pg.Pool, onDispose: () => Promise<void>): SqlDriverAdapter {
  restoreCharColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => restoreCharColumns(await startTransaction(isolationLevel));
  // adapter-pg's executeScript splits the script on every ';' — including those inside
  // string literals, comments and $$-quoted function bodies — and runs the pieces one by one,
  // so a failing migration would be left half-applied. PostgreSQL runs a multi-statement
  // simple query as one implicit transaction, which is what Prisma's native engine relies on:
  // a migration applies completely or not at all.
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (error) {
      const e = error as pg.DatabaseError;
      throw new DriverAdapterError({
        kind: 'postgres',
        code: e.code ?? 'N/A',
        severity: e.severity ?? 'N/A',
        message: e.message,
        detail: e.detail,
        column: e.column,
        hint: e.hint,
      });
    }
  };
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    await onDispose();
  };
  return adapter;
}

interface ShadowLease {
  endpoint: Endpoint;
  release(): Promise<void>;
}

interface ShadowProvider {
  /** A database on the shadow server that may be read (never written) as the main database. */
  probe(): Promise<Endpoint>;
  acquire(): Promise<ShadowLease>;
  close(): Promise<void>;
}

/** Throw-away databases on a PostgreSQL server, dropped WITH (FORCE) when released. */
function postgresShadows(url: string): ShadowProvider {
  const admin = parseDatabaseUrl(url);
  const live = new Set<string>();
  const run = async (sql: string): Promise<void> => {
    const client = new pg.Client(endpointConfig(admin));
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const drop = async (name: string): Promise<void> => {
    live.delete(name);
    await run(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  };
  return {
    probe: async () => admin,
    async acquire() {
      const name = `shishin_shadow_${randomBytes(6).toString('hex')}`;
      await run(`CREATE DATABASE ${quoteIdent(name)}`);
      live.add(name);
      return { endpoint: { ...admin, database: name }, release: () => drop(name) };
    },
    async close() {
      await Promise.all([...live].map(drop));
    },
  };
}

/**
 * In-memory PGlite instances (PGlite cannot CREATE DATABASE). A released instance is emptied
 * and handed out again within the session: cheaper than starting another.
 */
function pgliteShadows(): ShadowProvider {
  const idle: EmbeddedServer[] = [];
  const all = new Set<EmbeddedServer>();
  // Two connections: the shadow-only session's idle main probe, plus the shadow work itself.
  const start = async (): Promise<EmbeddedServer> => {
    const server = await startEmbedded({ maxConnections: 2 });
    all.add(server);
    return server;
  };
  return {
    async probe() {
      const server = idle[0] ?? (await start());
      if (!idle.includes(server)) idle.push(server);
      return server.endpoint;
    },
    async acquire() {
      const server = idle.pop() ?? (await start());
      return {
        endpoint: server.endpoint,
        async release() {
          // The engine's pool is closed by now, so nothing else is talking to the session.
          await server.pglite.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
          idle.push(server);
        },
      };
    },
    async close() {
      idle.length = 0;
      await Promise.all([...all].map((s) => s.close()));
      all.clear();
    },
  };
}

class EngineAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres' as const;
  readonly adapterName = '@prisma/adapter-pg';
  readonly #pools = new Set<pg.Pool>();
  readonly #shadows: ShadowProvider;

  constructor(
    private readonly main: Endpoint | undefined,
    shadow: ShadowSpec,
    private readonly maxConnections: number | undefined,
  ) {
    this.#shadows = shadow.kind === 'pglite' ? pgliteShadows() : postgresShadows(shadow.url);
  }

  async connect(): Promise<SqlDriverAdapter> {
    // The engine connects its main database as soon as it is constructed and probes it
    // (schema exists? server version?), even for work that only ever touches the shadow
    // (diff, createMigration). Shadow-only sessions point it at the shadow server.
    return this.#open(this.main ?? (await this.#shadows.probe()), async () => {});
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const lease = await this.#shadows.acquire();
    try {
      return await this.#open(lease.endpoint, () => lease.release());
    } catch (error) {
      await lease.release();
      throw error;
    }
  }

  async #open(endpoint: Endpoint, afterClose: () => Promise<void>): Promise<SqlDriverAdapter> {
    const pool = new pg.Pool({ ...endpointConfig(endpoint), max: this.maxConnections });
    instrumentPool(pool, { trackCharColumns: true });
    this.#pools.add(pool);
    // The factory gets our pool so that nothing connects through a connection string.
    const adapter = await new PrismaPg(pool).connect();
    return engineAdapter(adapter, pool, async () => {
      if (this.#pools.delete(pool)) await pool.end();
      await afterClose();
    });
  }

  /** Ends what the engine did not dispose itself (it does not always). */
  async close(): Promise<void> {
    await Promise.all([...this.#pools].map((pool) => pool.end()));
    this.#pools.clear();
    await this.#shadows.close();
  }
}

/**
 * A JS error thrown inside the adapter crosses the engine as "External error id#N"; the
 * original (connection refused, permission denied, …) waits in the factory's registry.
 */
function unwrapAdapterError(error: unknown, registry: ErrorRegistry): unknown {
  const id = error instanceof Error ? /External error id#(\d+)/.exec(error.message)?.[1] : undefined;
  const original = id === undefined ? undefined : registry.consumeError(Number(id))?.error;
  if (original === undefined) return error;
  if (original instanceof Error) return original;
  return new Error(String(original), { cause: error });
}

// ───────────────────────────── sessions ─────────────────────────────

export interface EngineSessionOptions {
  /** The database the engine applies to / inspects; omit for shadow-only work (diff, create). */
  target?: MigrationTarget | undefined;
  shadow: ShadowSpec;
  /** The Prisma schema files the engine is constructed with: [path, content] pairs. */
  datamodels: [string, string][];
  /** Engine trace output (JSON lines), for debugging. */
  log?: ((line: string) => void) | undefined;
}

/**
 * Runs `work` with a fresh engine and releases everything afterwards: the engine instance,
 * every pg pool it opened (a leftover pool keeps the process alive ~10 s), shadow databases.
 */
export async function withSchemaEngine<T>(
  options: EngineSessionOptions,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const runtime = await loadRuntime();
  const main = options.target ? parseDatabaseUrl(options.target.url) : undefined;
  // One connection per pool on PGlite (see embedded.ts); the engine needs no more on PostgreSQL.
  const factory = new EngineAdapterFactory(main, options.shadow, 1);
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  let engine: SchemaEngine | undefined;
  try {
    engine = await runtime.SchemaEngine.new(
      { datamodels: options.datamodels },
      (line: string) => options.log?.(line),
      bound,
    );
    const result = await work(engine);
    engine.free();
    return result;
  } catch (error) {
    if (error instanceof wasmApi.RuntimeError && lastPanic !== undefined) {
      const message = lastPanic;
      lastPanic = undefined;
      // A trapped instance is in an undefined state (held locks, half-updated state): the
      // next session instantiates a fresh one. Detach the engine object from the glue's
      // finalizer first, or it would later free its pointer inside the new instance.
      (engine as unknown as { __destroy_into_raw?(): number } | undefined)?.__destroy_into_raw?.();
      runtimePromise = undefined;
      throw new Error(`Prisma schema engine panicked: ${message}`, { cause: error });
    }
    engine?.free();
    throw unwrapAdapterError(error, bound.errorRegistry);
  } finally {
    await factory.close();
  }
}
