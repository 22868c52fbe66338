// Composition root: opens the database (embedded PGlite unless DATABASE_URL is set),
// applies migrations, seeds the guideline on first run, mounts the web app and serves.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openDatabase, type Database } from '@shishin/prisma';
import { seed, SAMPLE_ACCOUNTS } from '@shishin/prisma/seed';
import { hashPassword } from './auth/password.ts';
import { startServer, type RunningServer, type WebHandler } from './http/server.ts';
import { loadTrustedDocuments } from './http/trusted-documents.ts';
import { parseTrustProxy, type TrustProxy } from './http/trust-proxy.ts';

export interface PlatformConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  production: boolean;
  sampleData: boolean;
  devPassword: string;
  /** SHISHIN_TRUSTED_DOCUMENTS=browsers: browsers may send only the web app's own documents. */
  enforceTrustedDocuments: boolean;
  /** REDIS_URL: several instances share events, budgets and throttling through Redis. */
  redisUrl: string | undefined;
  /** REDIS_KEY_PREFIX: every key and channel starts with it (several deployments on one Redis). */
  redisPrefix: string;
  /** TRUST_PROXY: whose X-Forwarded-For is believed (http/trust-proxy.ts). */
  trustProxy: TrustProxy;
  /** SHUTDOWN_DELAY_MS: how long /readyz says 503 before the listener closes. */
  shutdownDelayMs: number;
  /** SHUTDOWN_TIMEOUT_MS: how long in-flight requests may take to finish on shutdown. */
  shutdownTimeoutMs: number;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function readConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const production = env.NODE_ENV === 'production';
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.SHISHIN_DATA_DIR ?? `${repoRoot}.data/pglite`,
    production,
    // Sample accounts have a published password: never in production.
    sampleData: !production && env.SHISHIN_SAMPLE_DATA !== '0',
    devPassword: env.SHISHIN_DEV_PASSWORD ?? 'shishin-dev',
    enforceTrustedDocuments: env.SHISHIN_TRUSTED_DOCUMENTS === 'browsers',
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.REDIS_KEY_PREFIX ?? 'shishin:',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    shutdownDelayMs: Number(env.SHUTDOWN_DELAY_MS ?? 0),
    shutdownTimeoutMs: Number(env.SHUTDOWN_TIMEOUT_MS ?? 10_000),
  };
}

async function loadWebHandler(log: (m: string) => void): Promise<WebHandler | undefined> {
  const handlerPath = `${repoRoot}web/build/handler.js`;
  if (!existsSync(handlerPath)) {
    log('web app not built (web/build/handler.js missing): serving the API only. Run `pnpm build` to include it.');
    return undefined;
  }
  // adapter-node reads these when handler.js loads; the API sets x-forwarded-proto per request.
  process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
  // The API replaces x-forwarded-for with the one client address TRUST_PROXY allows.
  process.env.ADDRESS_HEADER ??= 'x-forwarded-for';
  process.env.XFF_DEPTH ??= '1';
  const module = (await import(pathToFileURL(handlerPath).href)) as { handler: WebHandler };
  return module.handler;
}

export async function startPlatform(config: PlatformConfig = readConfig(), log = (m: string) => console.log(m)) {
  const database: Database = await openDatabase({
    ...(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir }),
    migrate: true,
    log,
  });
  const seeded = await database.prisma.guidelineVersion.count();
  if (seeded === 0) {
    log(
      config.sampleData ? 'first start: loading the guideline and sample data…' : 'first start: loading the guideline…',
    );
    await seed(database.prisma, {
      sample: config.sampleData,
      hashPassword: (plain: string) => hashPassword(plain),
      samplePassword: config.devPassword,
      log,
    });
  }
  // The web app reaches the API over HTTP on this same port (web/src/lib/server/graphql.ts).
  process.env.PORT = String(config.port);
  const webHandler = await loadWebHandler(log);
  const trustedDocuments = loadTrustedDocuments(
    `${repoRoot}web/build/trusted-documents.json`,
    config.enforceTrustedDocuments,
  );
  const server = await startServer({
    trustedDocuments,
    database,
    port: config.port,
    host: config.host,
    production: config.production,
    redisUrl: config.redisUrl,
    redisPrefix: config.redisPrefix,
    trustProxy: config.trustProxy,
    shutdownDelayMs: config.shutdownDelayMs,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    log,
    ...(webHandler ? { webHandler } : {}),
    ...(config.redisUrl ? { boards: { redis: { url: config.redisUrl } } } : {}),
  });
  return { server, database };
}

function printWelcome(server: RunningServer, config: PlatformConfig, kind: string): void {
  const lines = [
    '',
    `  Shishin 指針 is running: ${server.url}/`,
    `  GraphQL API:            ${server.url}/graphql`,
    `  Database:               ${kind === 'pglite' ? `embedded (PGlite) in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
    `  Instances:              ${config.redisUrl ? 'several, through Redis (REDIS_URL)' : 'this one only (no REDIS_URL)'}`,
  ];
  if (config.sampleData) {
    lines.push('', `  Sample accounts (development only), password "${config.devPassword}":`);
    for (const account of SAMPLE_ACCOUNTS) lines.push(`    ${account.email.padEnd(34)} ${account.description}`);
  }
  lines.push('', '  Stop with Ctrl+C.', '');
  console.log(lines.join('\n'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const config = readConfig();
  const { server, database } = await startPlatform(config);
  printWelcome(server, config, database.kind);
  let stopping = false;
  // SIGTERM (orchestrators) or SIGINT (Ctrl+C): /readyz goes 503, the listener closes,
  // requests in flight finish, subscription and board sockets close with 1012 (clients
  // reconnect, to another instance when there is one), boards persist, then Redis and the
  // database are released. A second signal exits at once.
  const shutdown = async (signal: string) => {
    if (stopping) {
      console.log(`${signal} again: exiting now.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: finishing requests and closing…`);
    try {
      await server.stop();
      await database.close();
      process.exit(0);
    } catch (error) {
      console.error(`shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
