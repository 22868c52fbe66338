// The HTTP and WebSocket server: GraphQL over HTTP at /graphql (Apollo Server), GraphQL
// subscriptions over graphql-ws on the same port and path, health endpoints, and, when
// given, the web app's handler for every other path — one process, one URL.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Database } from '@shishin/prisma';
import {
  authenticate,
  DEFAULT_SESSION_SETTINGS,
  type AuthenticateResult,
  type SessionSettings,
} from '../auth/authenticate.ts';
import { inMemoryThrottles, redisThrottles, type SignInThrottles } from '../auth/throttle.ts';
import type { Viewer } from '../auth/viewer.ts';
import { pickLocale, type Context, type CookieToSet, type Locale } from '../context.ts';
import { AppError, messages, type LocalizedMessage } from '../errors.ts';
import { createEventLog, type EventLog } from '../event-log.ts';
import { createInMemoryPubSub, type PubSub } from '../pubsub.ts';
import { connectRedis, createRedisPubSub, type RedisConnection } from '../redis.ts';
import { schema } from '../schema.ts';
import { COST, operationCost, tooCostlyError } from './cost.ts';
import { BoundedDocumentStore } from './document-store.ts';
import { LIMITS, validationRules } from './limits.ts';
import {
  budgetFor,
  createInMemoryRateLimiter,
  createRedisRateLimiter,
  rateLimitHeaders,
  type RateLimiter,
} from './rate-limit.ts';
import { clientAddress, DEFAULT_TRUST_PROXY, type TrustProxy } from './trust-proxy.ts';
import { resolveDocument, type TrustedDocuments } from './trusted-documents.ts';
import { rateLimitedError, usagePlugin } from './usage.ts';
import { fiscalYearOf } from '../modules/fiscal-year/fiscal-year.ts';
import {
  countExportRows,
  exportDownloadName,
  exportFileName,
  parseExportFilter,
  streamTargetsCsv,
  streamTargetsXlsx,
} from '../modules/export/targets-export.ts';
import {
  complianceDownloadName,
  complianceFileName,
  loadComplianceExport,
  streamComplianceCsv,
  streamComplianceXlsx,
} from '../modules/export/compliance-export.ts';
import { BOARDS_PATH, createBoardServer, type BoardServer, type BoardServerOptions } from '../boards/board-server.ts';
import { handleBoardExport } from '../boards/export.ts';
import { sharedSubscriptions, type SubscriptionMetrics } from './subscription-execution.ts';

export type WebHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface ServerOptions {
  database: Database;
  port?: number;
  host?: string;
  /** The SvelteKit app (adapter-node's `handler`), served for every path the API does not own. */
  webHandler?: WebHandler;
  pubsub?: PubSub;
  /**
   * REDIS_URL: events reach subscribers on every instance through Redis, and query budgets
   * and sign-in throttling are shared. Without it everything stays in this process.
   */
  redisUrl?: string | undefined;
  /** Prefix of every Redis key and channel (REDIS_KEY_PREFIX); "shishin:" unless given. */
  redisPrefix?: string | undefined;
  /** Whose X-Forwarded-For to believe (TRUST_PROXY, http/trust-proxy.ts); loopback unless given. */
  trustProxy?: TrustProxy;
  /**
   * On shutdown, how long /readyz answers 503 before the server stops accepting connections,
   * so a load balancer stops sending new requests first (SHUTDOWN_DELAY_MS); 0 unless given.
   */
  shutdownDelayMs?: number;
  /** How long in-flight requests may take to finish on shutdown before their sockets are cut. */
  shutdownTimeoutMs?: number;
  now?: () => Date;
  sessionSettings?: SessionSettings;
  /** Masks unexpected errors and stack traces. Defaults to NODE_ENV === 'production'. */
  production?: boolean;
  /** Query budgets per token, user and address; in memory unless given. */
  rateLimiter?: RateLimiter;
  /** Sign-in failure throttles (auth/throttle.ts); in memory, or in Redis with redisUrl, unless given. */
  signInThrottles?: SignInThrottles;
  /** The most one operation may cost (http/cost.ts); COST.maxCost unless given. */
  maxCost?: number;
  /** The web app's documents (http/trusted-documents.ts); browsers held to them when enforced. */
  trustedDocuments?: TrustedDocuments | undefined;
  /** Origins besides the request's own host allowed to send cookie-authenticated requests. */
  trustedOrigins?: readonly string[];
  log?: (message: string) => void;
  /** Board server settings: `redis` shares board rooms with the other instances (REDIS_URL); see docs/boards.md. */
  boards?: Pick<BoardServerOptions, 'redis' | 'squashEvery'>;
}

export interface Readiness {
  ready: boolean;
  status: 'ok' | 'unavailable' | 'shutting down';
  database: 'ok' | 'unreachable';
  databaseKind: Database['kind'];
  redis: 'ok' | 'unreachable' | 'not configured';
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: Server;
  pubsub: PubSub;
  /** The change feed (event ids, `changesSince`). */
  events: EventLog;
  /** Redis, when REDIS_URL is set. */
  redis: RedisConnection | undefined;
  /** What /readyz reports. */
  readiness(): Promise<Readiness>;
  /** How many subscription events were executed and delivered (for tests and the bench). */
  subscriptionMetrics: Readonly<SubscriptionMetrics>;
  /** The board sync server at /boards (Hocuspocus). */
  boards: BoardServer;
  stop(): Promise<void>;
}

const GRAPHQL_PATH = '/graphql';

/** Messages for graphql-js's own errors, which carry no translation. */
const GRAPHQL_ERROR_MESSAGES: Record<string, (en: string) => LocalizedMessage> = {
  GRAPHQL_PARSE_FAILED: (en) => ({ ja: `クエリの構文が正しくありません: ${en}`, en }),
  GRAPHQL_VALIDATION_FAILED: (en) => ({ ja: `クエリがスキーマに合っていません: ${en}`, en }),
  BAD_USER_INPUT: (en) => ({ ja: `入力値が正しくありません: ${en}`, en }),
  BAD_REQUEST: (en) => ({ ja: `${messages.badRequest.ja} ${en}`, en }),
  OPERATION_RESOLUTION_FAILURE: (en) => ({ ja: `実行する操作を特定できません: ${en}`, en }),
  PERSISTED_QUERY_NOT_SUPPORTED: (en) => ({ ja: `この形式のクエリには対応していません: ${en}`, en }),
  // An automatic persisted query (a hash without its text) this instance has not stored:
  // the client sends it again with the query (Apollo Client does so on this code).
  PERSISTED_QUERY_NOT_FOUND: (en) => ({
    ja: `保存済みのクエリが見つかりません。クエリ本文を添えて送り直してください (${en})。`,
    en: `${en}: no stored query has this hash; send it again with the query text.`,
  }),
};

export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      return {
        ...formatted,
        message: original.messages.en,
        extensions: { code: original.code, messages: original.messages, ...(original.details ?? {}) },
      };
    }
    const extensions: Record<string, unknown> = { ...(formatted.extensions ?? {}) };
    if (typeof extensions.reason === 'string') {
      extensions.code = extensions.reason;
      delete extensions.reason;
    }
    const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
    if (extensions.messages) return { ...formatted, extensions };
    const translate = GRAPHQL_ERROR_MESSAGES[code];
    if (translate) return { ...formatted, extensions: { ...extensions, messages: translate(formatted.message) } };
    // Apollo's own refusals of a malformed request (e.g. a persisted-query hash that does not
    // match the query) carry an HTTP 400 but no code: the caller's mistake, not ours.
    const http =
      original instanceof GraphQLError ? (original.extensions?.http as { status?: number } | undefined) : undefined;
    if (http?.status === 400) {
      return {
        ...formatted,
        extensions: { code: 'BAD_REQUEST', messages: GRAPHQL_ERROR_MESSAGES.BAD_REQUEST!(formatted.message) },
      };
    }
    // Pothos' own validation errors (e.g. a malformed global id) are the caller's mistake.
    if (original instanceof Error && original.name === 'PothosValidationError') {
      return {
        ...formatted,
        extensions: {
          code: 'BAD_USER_INPUT',
          messages: { ja: `${messages.invalidInput.ja} ${original.message}`, en: original.message },
        },
      };
    }
    if (production) {
      const { path, locations } = formatted;
      return {
        message: messages.internal.en,
        path,
        locations,
        extensions: { code: 'INTERNAL_SERVER_ERROR', messages: messages.internal },
      };
    }
    return {
      ...formatted,
      extensions: {
        ...extensions,
        code,
        messages: { ja: `${messages.internal.ja} ${formatted.message}`, en: formatted.message },
      },
    };
  };
}

/** Puts each error's message in the request's language; `extensions.messages` keeps both. */
const localizeErrors: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
        response.body.singleResult.errors = response.body.singleResult.errors.map((error) => {
          const localized = (error.extensions?.messages as LocalizedMessage | undefined)?.[contextValue.locale];
          return localized ? { ...error, message: localized } : error;
        });
      },
    };
  },
};

const DOCUMENT_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/**
 * GraphQL over HTTP: a client that accepts only `application/json` (the legacy type) gets 200
 * for a well-formed request whose document fails to parse, validate or coerce its variables;
 * the errors are in the body. Clients that accept `application/graphql-response+json` get 400.
 * Limit refusals (QUERY_TOO_COMPLEX) and malformed requests keep their 4xx either way.
 */
function legacyJsonResponse(contentType: string | undefined, body: string): boolean {
  if (!contentType?.startsWith('application/json')) return false;
  try {
    const parsed = JSON.parse(body) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
    return (
      parsed.data === undefined &&
      (parsed.errors?.length ?? 0) > 0 &&
      parsed.errors!.every((e) => DOCUMENT_ERROR_CODES.has(String(e.extensions?.code)))
    );
  } catch {
    return false;
  }
}

/** Apollo hands the same parsed document for the same query text (its document store). */
const schemaQuestions = new WeakMap<DocumentNode, boolean>();

function asksForSchema(document: DocumentNode): boolean {
  let found = schemaQuestions.get(document);
  if (found === undefined) {
    found = visitsSchemaFields(document);
    schemaQuestions.set(document, found);
  }
  return found;
}

function visitsSchemaFields(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

/** graphql-js names near-miss fields ("Did you mean …?"), which leaks the schema just the same. */
function withoutSuggestions(text: string): string {
  return text.replace(/ Did you mean .*$/s, '');
}

/**
 * In production, anonymous callers get no introspection and no "Did you mean …?" hints;
 * signed-in staff and API tokens keep both, for GraphiQL and reporting tools.
 */
const hideSchemaFromAnonymous: ApolloServerPlugin<Context> = {
  async requestDidStart({ contextValue }) {
    const anonymous = !contextValue.viewer.isSignedIn;
    return {
      async didResolveOperation({ document }) {
        if (anonymous && asksForSchema(document)) {
          throw new AppError('FORBIDDEN', messages.introspectionDisabled).toGraphQLError();
        }
      },
      async willSendResponse({ response }) {
        if (!anonymous || response.body.kind !== 'single' || !response.body.singleResult.errors) return;
        response.body.singleResult.errors = response.body.singleResult.errors.map((error) => {
          const localized = error.extensions?.messages as LocalizedMessage | undefined;
          return {
            ...error,
            message: withoutSuggestions(error.message),
            ...(localized
              ? {
                  extensions: {
                    ...error.extensions,
                    messages: { ja: withoutSuggestions(localized.ja), en: withoutSuggestions(localized.en) },
                  },
                }
              : {}),
          };
        });
      },
    };
  },
};

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function errorBody(code: string, message: LocalizedMessage, locale: 'ja' | 'en') {
  return { errors: [{ message: message[locale], extensions: { code, messages: message } }] };
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLargeError());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function serializeCookie(cookie: CookieToSet, secure: boolean): string {
  const parts = [
    `${cookie.name}=${encodeURIComponent(cookie.value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${cookie.maxAgeSeconds}`,
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/**
 * Cookie-authenticated requests must come from our own pages. Browsers send Origin on
 * cross-site POSTs and WebSocket handshakes; a mismatch is refused (CSRF and cross-site
 * WebSocket hijacking). Apollo's CSRF prevention additionally refuses "simple" requests
 * that a form could send without a preflight.
 */
function originAllowed(req: IncomingMessage, trusted: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return origin !== 'null';
  try {
    const url = new URL(origin);
    return url.host === req.headers.host || trusted.includes(url.origin);
  } catch {
    return false;
  }
}

export { clientAddress } from './trust-proxy.ts';

function isSecure(req: IncomingMessage): boolean {
  return (
    (req.socket as Socket & { encrypted?: boolean }).encrypted === true || req.headers['x-forwarded-proto'] === 'https'
  );
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const log = options.log ?? ((message: string) => console.log(message));
  const db = options.database.prisma;
  const events = createEventLog(db);
  const redis = options.redisUrl ? await connectRedis(options.redisUrl, options.redisPrefix) : undefined;
  const pubsub =
    options.pubsub ??
    (redis
      ? await createRedisPubSub({ connection: redis, url: options.redisUrl!, log: events, onError: (m) => log(m) })
      : createInMemoryPubSub({ log: events, onError: (m) => log(m) }));
  const throttles = options.signInThrottles ?? (redis ? redisThrottles(redis, (m) => log(m)) : inMemoryThrottles());
  const trustProxy = options.trustProxy ?? DEFAULT_TRUST_PROXY;
  const addressOf = (req: IncomingMessage) => clientAddress(req, trustProxy);
  const now = options.now ?? (() => new Date());
  const sessionSettings = options.sessionSettings ?? DEFAULT_SESSION_SETTINGS;
  const trustedOrigins = options.trustedOrigins ?? [];
  const rateLimiter =
    options.rateLimiter ?? (redis ? createRedisRateLimiter(redis, (m) => log(m)) : createInMemoryRateLimiter());
  const maxCost = options.maxCost ?? COST.maxCost;
  const trustedDocuments = options.trustedDocuments;
  const boards = createBoardServer({ db, pubsub, now, sessionSettings, log, ...options.boards });

  const baseContext = (
    viewer: Viewer,
    locale: 'ja' | 'en',
    clientAddress: string,
    http: boolean,
    secure: boolean,
  ): Context => ({
    db,
    viewer,
    pubsub,
    events,
    now,
    locale,
    requestId: randomUUID(),
    sessionSettings,
    cookies: [],
    throttles,
    clientAddress,
    canSetCookies: http,
    secureCookies: secure,
    boards: boards.documents,
  });

  const apollo = new ApolloServer<Context>({
    schema,
    validationRules,
    parseOptions: { maxTokens: LIMITS.maxTokens },
    // Bounded by what a parsed document really holds (document-store.ts), not Apollo's estimate.
    documentStore: new BoundedDocumentStore(),
    csrfPrevention: { requestHeaders: ['x-shishin-csrf', 'apollo-require-preflight', 'x-apollo-operation-name'] },
    includeStacktraceInErrorResponses: !production,
    introspection: true,
    formatError: formatError(production),
    // Compact JSON: Apollo's default pretty-prints every response (more bytes and CPU, for nobody).
    stringifyResult: (result) => JSON.stringify(result),
    plugins: [
      localizeErrors,
      usagePlugin(rateLimiter, maxCost),
      ...(production ? [hideSchemaFromAnonymous] : []),
      // Apollo's cache-control plugin (on by default) wraps every field's resolver to collect
      // cache hints, which nothing here uses: responses are `cache-control: no-store`.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  /** The request's viewer; an invalid, expired or revoked token is answered 401 here (null). */
  async function authenticateOr401(
    req: IncomingMessage,
    res: ServerResponse,
    locale: 'ja' | 'en',
  ): Promise<AuthenticateResult | null> {
    try {
      return await authenticate(
        db,
        { cookieHeader: req.headers.cookie, authorizationHeader: req.headers.authorization, now: now() },
        sessionSettings,
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      sendJson(res, 401, errorBody(error.code, error.messages, locale), {
        'www-authenticate': 'Bearer error="invalid_token"',
      });
      return null;
    }
  }

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const locale = pickLocale(req.headers['accept-language']);
    let body: unknown;
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, LIMITS.maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          sendJson(res, 413, errorBody('PAYLOAD_TOO_LARGE', messages.payloadTooLarge, locale), { connection: 'close' });
          return;
        }
        throw error;
      }
      const type = req.headers['content-type'] ?? '';
      if (type.includes('json')) {
        try {
          body = JSON.parse(text);
        } catch {
          sendJson(res, 400, errorBody('BAD_REQUEST', messages.badRequest, locale));
          return;
        }
      } else {
        body = text;
      }
    }

    // Trusted documents: a documentId names one; browsers may be held to the list.
    let search = url.search;
    const hasToken = /^bearer\s/i.test(req.headers.authorization ?? '');
    if (req.method === 'POST' && body && typeof body === 'object' && !Array.isArray(body)) {
      const fields = body as Record<string, unknown>;
      const resolved = resolveDocument(trustedDocuments, {
        query: fields.query,
        documentId: fields.documentId,
        hasToken,
      });
      if (resolved instanceof AppError) {
        sendJson(res, resolved.code === 'NOT_FOUND' ? 404 : 403, errorBody(resolved.code, resolved.messages, locale));
        return;
      }
      if (resolved.query !== undefined) body = { ...fields, query: resolved.query, documentId: undefined };
    } else if (req.method === 'GET') {
      const params = new URLSearchParams(url.search);
      const resolved = resolveDocument(trustedDocuments, {
        query: params.get('query') ?? undefined,
        documentId: params.get('documentId') ?? undefined,
        hasToken,
      });
      if (resolved instanceof AppError) {
        sendJson(res, resolved.code === 'NOT_FOUND' ? 404 : 403, errorBody(resolved.code, resolved.messages, locale));
        return;
      }
      if (resolved.query !== undefined && params.has('documentId')) {
        params.delete('documentId');
        params.set('query', resolved.query);
        search = `?${params}`;
      }
    }

    const cookieAuth = !req.headers.authorization && (req.headers.cookie ?? '').includes('shishin_session');
    if (cookieAuth && req.method === 'POST' && !originAllowed(req, trustedOrigins)) {
      sendJson(res, 403, errorBody('FORBIDDEN', messages.csrf, locale));
      return;
    }

    const auth = await authenticateOr401(req, res, locale);
    if (!auth) return;
    const context = baseContext(auth.viewer, locale, addressOf(req), true, isSecure(req));
    if (auth.clearSessionCookie) context.cookies.push({ name: 'shishin_session', value: '', maxAgeSeconds: 0 });

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    // CSRF needs ambient credentials: a GET without a session cookie carries none (a bearer
    // token is never sent by a browser on its own), so plain GET queries from tools and links
    // are served as the GraphQL-over-HTTP spec expects. Mutations are refused over GET anyway.
    if (req.method === 'GET' && !cookieAuth) headers.set('x-shishin-csrf', '1');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
      context: async () => context,
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.setHeader('x-request-id', context.requestId);
    res.setHeader('cache-control', 'no-store');
    if (context.cookies.length > 0) {
      res.setHeader(
        'set-cookie',
        context.cookies.map((c) => serializeCookie(c, context.secureCookies)),
      );
    }
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      if (res.statusCode === 400 && legacyJsonResponse(response.headers.get('content-type'), response.body.string)) {
        res.statusCode = 200;
      }
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  /** Charges an export a point per row; answers 429 and returns null when the budget is spent. */
  async function chargeExport(
    req: IncomingMessage,
    res: ServerResponse,
    viewer: Viewer,
    rows: number,
    lang: 'ja' | 'en',
  ): Promise<Record<string, string> | null> {
    const { key, limit } = budgetFor(viewer, addressOf(req));
    const budget = await rateLimiter.take(key, Math.max(1, rows), limit, now());
    const rateHeaders = rateLimitHeaders(budget);
    if (budget.allowed) return rateHeaders;
    const error = rateLimitedError(budget, rows);
    sendJson(
      res,
      429,
      { errors: [{ message: (error.extensions.messages as LocalizedMessage)[lang], extensions: error.extensions }] },
      { ...rateHeaders, 'retry-after': String(budget.retryAfterSeconds) },
    );
    return null;
  }

  function writeDownloadHead(
    res: ServerResponse,
    format: 'csv' | 'xlsx',
    name: string,
    readable: string,
    rows: number,
    rateHeaders: Record<string, string>,
  ): void {
    res.writeHead(200, {
      'content-type':
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(readable)}`,
      'cache-control': 'no-store',
      'x-export-rows': String(rows),
      ...rateHeaders,
    });
  }

  /**
   * GET /exports/targets.csv|xlsx?fiscalYear=2026&ward=nakahara (or fromYear=2017&toYear=2026) —
   * with the session cookie from the web app or a bearer token from a reporting tool; anonymous
   * callers get published data.
   * The export's rows are charged to the caller's query budget (a point per row).
   */
  async function handleExport(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    format: 'csv' | 'xlsx',
  ): Promise<void> {
    const locale = (url.searchParams.get('lang') as 'ja' | 'en' | null) ?? pickLocale(req.headers['accept-language']);
    const lang = locale === 'en' ? 'en' : 'ja';
    const filter = parseExportFilter(url.searchParams, fiscalYearOf(now()));
    if (!filter) {
      sendJson(res, 400, errorBody('BAD_USER_INPUT', messages.exportFilter, lang));
      return;
    }
    const auth = await authenticateOr401(req, res, lang);
    if (!auth) return;
    const count = await countExportRows(db, auth.viewer, filter);
    const rateHeaders = await chargeExport(req, res, auth.viewer, count, lang);
    if (!rateHeaders) return;
    const name = exportFileName(filter, format);
    const readable = exportDownloadName(filter, format, lang);
    writeDownloadHead(res, format, name, readable, count, rateHeaders);
    if (format === 'csv') await streamTargetsCsv(res, db, auth.viewer, filter, lang);
    else await streamTargetsXlsx(res, db, auth.viewer, filter, lang);
  }

  async function readiness(): Promise<Readiness> {
    const within = <T>(promise: Promise<T>) =>
      Promise.race([
        promise,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref()),
      ]);
    const [database, redisState] = await Promise.all([
      within(db.$queryRaw`SELECT 1`).then(
        () => 'ok' as const,
        () => 'unreachable' as const,
      ),
      redis
        ? within(pubsub.check()).then(
            () => 'ok' as const,
            () => 'unreachable' as const,
          )
        : ('not configured' as const),
    ]);
    const ready = !stopping && database === 'ok' && redisState !== 'unreachable';
    return {
      ready,
      status: stopping ? 'shutting down' : ready ? 'ok' : 'unavailable',
      database,
      databaseKind: options.database.kind,
      redis: redisState,
    };
  }

  /** /healthz: the process is alive and serving (no dependency checked, so no restart loops). */
  function handleLive(res: ServerResponse): void {
    sendJson(res, 200, { status: 'ok' }, { 'cache-control': 'no-store' });
  }

  /** /readyz: 200 when the database and Redis answer and the server is not shutting down; else 503. */
  async function handleReady(res: ServerResponse): Promise<void> {
    const report = await readiness();
    const { ready, ...body } = report;
    sendJson(res, ready ? 200 : 503, body, { 'cache-control': 'no-store' });
  }

  /**
   * GET /exports/compliance.csv|xlsx?fiscalYear=2025&ward=nakahara (or fromYear/toYear;
   * includeUnpublished=true for the results of the wards the caller reads) — the compliance
   * matrix of each year, a row per ward and standard in force; a point of budget per row.
   */
  async function handleComplianceExport(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    format: 'csv' | 'xlsx',
  ): Promise<void> {
    const locale = (url.searchParams.get('lang') as 'ja' | 'en' | null) ?? pickLocale(req.headers['accept-language']);
    const lang = locale === 'en' ? 'en' : 'ja';
    const currentYear = fiscalYearOf(now());
    const filter = parseExportFilter(url.searchParams, currentYear);
    const unpublished = url.searchParams.get('includeUnpublished');
    if (!filter || (unpublished !== null && unpublished !== 'true' && unpublished !== 'false')) {
      sendJson(res, 400, errorBody('BAD_USER_INPUT', messages.exportFilter, lang));
      return;
    }
    const auth = await authenticateOr401(req, res, lang);
    if (!auth) return;
    const data = await loadComplianceExport(
      db,
      auth.viewer,
      { ...filter, includeUnpublished: unpublished === 'true' },
      currentYear,
    );
    const count = data.rows.length;
    const rateHeaders = await chargeExport(req, res, auth.viewer, count, lang);
    if (!rateHeaders) return;
    const name = complianceFileName(data.filter, format);
    const readable = complianceDownloadName(data.filter, format, lang);
    writeDownloadHead(res, format, name, readable, count, rateHeaders);
    if (format === 'csv') await streamComplianceCsv(res, data, lang);
    else await streamComplianceXlsx(res, data, lang);
  }

  let stopping = false;
  const httpServer = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const fail = (error: unknown) => {
      log(`request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent)
        sendJson(
          res,
          500,
          errorBody('INTERNAL_SERVER_ERROR', messages.internal, pickLocale(req.headers['accept-language'])),
        );
      else res.destroy();
    };
    if (url.pathname === GRAPHQL_PATH) {
      if (req.method !== 'GET' && req.method !== 'POST') {
        sendJson(res, 405, errorBody('BAD_REQUEST', messages.badRequest, 'en'), { allow: 'GET, POST' });
        return;
      }
      handleGraphQL(req, res, url).catch(fail);
      return;
    }
    if (url.pathname.startsWith(`${BOARDS_PATH}/`) && url.pathname.includes('/export.')) {
      handleBoardExport(req, res, url, { db, now, sessionSettings, boards: boards.documents }).catch(fail);
      return;
    }
    if (url.pathname === '/healthz') {
      handleLive(res);
      return;
    }
    if (url.pathname === '/readyz') {
      handleReady(res).catch(fail);
      return;
    }
    const exportMatch = /^\/exports\/(targets|compliance)\.(csv|xlsx)$/.exec(url.pathname);
    if (exportMatch) {
      if (req.method !== 'GET') {
        sendJson(res, 405, errorBody('BAD_REQUEST', messages.badRequest, 'en'), { allow: 'GET' });
        return;
      }
      const format = exportMatch[2] as 'csv' | 'xlsx';
      (exportMatch[1] === 'targets'
        ? handleExport(req, res, url, format)
        : handleComplianceExport(req, res, url, format)
      ).catch(fail);
      return;
    }
    if (options.webHandler) {
      // The web app derives its own origin (for SvelteKit's CSRF check of form posts and
      // for absolute URLs) from this header: adapter-node otherwise assumes https.
      req.headers['x-forwarded-proto'] = isSecure(req) ? 'https' : 'http';
      // …and the client's address from this one, already resolved through TRUST_PROXY
      // (main.ts points adapter-node's ADDRESS_HEADER here with XFF_DEPTH=1).
      req.headers['x-forwarded-for'] = addressOf(req);
      options.webHandler(req, res, () => sendJson(res, 404, errorBody('NOT_FOUND', messages.notFound, 'en')));
      return;
    }
    sendJson(res, 404, errorBody('NOT_FOUND', messages.notFound, pickLocale(req.headers['accept-language'])));
  });
  httpServer.requestTimeout = 30_000;
  httpServer.headersTimeout = 15_000;
  // Idle keep-alive connections stay open longer than a proxy's (nginx, cloud load balancers:
  // 60 s) and a client's pool: with Node's 5 s, the server may close a connection just as the
  // other side sends the next request on it, which fails that request (a 502 behind a proxy).
  httpServer.keepAliveTimeout = 65_000;

  // graphql-ws on the same port and path. The viewer is resolved once per connection from
  // the handshake's cookie (or a bearer token in connectionParams) and reused per operation.
  const wsServer = new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxBodyBytes });
  httpServer.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const board = url.pathname === BOARDS_PATH || url.pathname.startsWith(`${BOARDS_PATH}/`);
    if ((url.pathname !== GRAPHQL_PATH && !board) || stopping || !originAllowed(req, trustedOrigins)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    // Hocuspocus authenticates each document on the socket itself (auth-extension.ts).
    if (board) {
      boards.handleUpgrade(req, socket, head);
      return;
    }
    wsServer.handleUpgrade(req, socket, head, (ws) => {
      wsServer.emit('connection', ws, req);
      // A frame that breaks the WebSocket protocol (invalid UTF-8, unmasked, a bad opcode, over
      // maxPayload) makes ws close the socket with the matching code (1007, 1002, 1009) and emit
      // 'error'. graphql-ws takes that for a bug of ours and logs a stack trace for each; it is
      // the client's mistake, and the close code already tells it so.
      ws.removeAllListeners('error');
      ws.on('error', () => {});
    });
  });

  /** graphql-js's own errors carry no code; over HTTP Apollo adds it, over the socket we do. */
  const withCode = (errors: readonly GraphQLError[], code: string): GraphQLError[] =>
    errors.map((error) =>
      error.extensions.code || error.extensions.reason
        ? error
        : new GraphQLError(error.message, {
            nodes: error.nodes,
            source: error.source,
            positions: error.positions,
            path: error.path,
            extensions: { ...error.extensions, code },
          }),
    );

  // Errors sent over the socket get the same treatment as over HTTP: codes, masking in
  // production, the message in the connection's language.
  const format = formatError(production);
  const formatErrors = (errors: readonly GraphQLError[], locale: Locale): GraphQLError[] =>
    errors.map((error) => {
      const formatted = format(error.toJSON(), error);
      const localized = (formatted.extensions?.messages as LocalizedMessage | undefined)?.[locale];
      return new GraphQLError(localized ?? formatted.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        extensions: formatted.extensions ?? {},
      });
    });

  // One execution per event and permission class; see subscription-execution.ts for the
  // invariant subscription resolvers must keep. The shared context holds nothing of any one
  // connection: no client address, request id or cookies.
  const subscriptions = sharedSubscriptions({
    contextFor: (viewer, locale) => baseContext(viewer, locale, '', false, false),
    formatResult: (result: ExecutionResult, locale) =>
      result.errors?.length ? { ...result, errors: formatErrors(result.errors, locale) } : result,
  });

  type WsExtra = { request: IncomingMessage; viewer?: Viewer };
  const wsCleanup = useServer<Record<string, unknown> | undefined, WsExtra>(
    {
      schema,
      subscribe: subscriptions.subscribe,
      onConnect: async (ctx) => {
        const authorization =
          typeof ctx.connectionParams?.authorization === 'string' ? ctx.connectionParams.authorization : undefined;
        try {
          const auth = await authenticate(
            db,
            { cookieHeader: ctx.extra.request.headers.cookie, authorizationHeader: authorization, now: now() },
            sessionSettings,
          );
          ctx.extra.viewer = auth.viewer;
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        const locale = pickLocale(ctx.extra.request.headers['accept-language']);
        const wsToken = typeof ctx.connectionParams?.authorization === 'string';
        const resolved = resolveDocument(trustedDocuments, { query: payload.query, hasToken: wsToken });
        if (resolved instanceof AppError) return [resolved.toGraphQLError()];
        let document;
        try {
          document = subscriptions.parsed(parse(payload.query, { maxTokens: LIMITS.maxTokens }), payload.query);
        } catch (error) {
          return withCode(
            [error instanceof GraphQLError ? error : new GraphQLError(String(error))],
            'GRAPHQL_PARSE_FAILED',
          );
        }
        const errors = validate(schema, document, [...specifiedRules, ...validationRules]);
        if (errors.length > 0) return withCode(errors, 'GRAPHQL_VALIDATION_FAILED');
        if (!getOperationAST(document, payload.operationName ?? null)) {
          const which = payload.operationName
            ? `Unknown operation named "${payload.operationName}".`
            : 'Must provide operation name if query contains multiple operations.';
          return withCode([new GraphQLError(which)], 'OPERATION_RESOLUTION_FAILURE');
        }
        const cost = operationCost({
          schema,
          document,
          operationName: payload.operationName,
          variables: payload.variables,
        });
        if (cost > maxCost) return [tooCostlyError(cost, maxCost)];
        const viewer = ctx.extra.viewer!;
        const args: ExecutionArgs = {
          schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue: baseContext(viewer, locale, addressOf(ctx.extra.request), false, false),
        };
        return args;
      },
      // Queries and mutations sent over the socket are executed by graphql-ws itself: their
      // errors get the same codes, masking and language as everything else.
      onNext: (ctx, _id, _payload, _args, result) =>
        result.errors?.length
          ? {
              ...result,
              errors: formatErrors(
                result.errors as GraphQLError[],
                pickLocale(ctx.extra.request.headers['accept-language']),
              ),
            }
          : result,
      onError: (ctx, _id, _payload, errors) =>
        formatErrors(errors, pickLocale(ctx.extra.request.headers['accept-language'])),
    },
    wsServer,
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;

  // The change feed keeps EVENT_RETENTION_MS of events; older ones go hourly (any instance may).
  const prune = () =>
    void events.prune(now()).catch((error: unknown) => log(`change feed: pruning failed: ${String(error)}`));
  prune();
  const pruning = setInterval(prune, 3_600_000);
  pruning.unref();
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    port,
    httpServer,
    pubsub,
    subscriptionMetrics: subscriptions.metrics,
    boards,
    events,
    redis,
    readiness,
    async stop() {
      if (stopping) return;
      // 1. /readyz answers 503 (and new WebSocket upgrades are refused) while a load balancer
      //    notices; requests keep being served meanwhile.
      stopping = true;
      const delay = options.shutdownDelayMs ?? 0;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      // 2. Stop accepting; requests in flight finish, idle keep-alive sockets are closed.
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      const idle = setInterval(() => httpServer.closeIdleConnections(), 100);
      const cut = setTimeout(() => httpServer.closeAllConnections(), options.shutdownTimeoutMs ?? 10_000);
      // 3. Subscribers are told to reconnect (to another instance, when there is one):
      //    1012 (Service Restart) is a close code graphql-ws clients retry on.
      for (const client of wsServer.clients) client.close(1012, 'Server restarting');
      const terminate = setTimeout(() => {
        for (const client of wsServer.clients) client.terminate();
      }, 2_000);
      // 4. Boards persist and close their sockets the same way (boards/board-server.ts).
      await boards.stop();
      await wsCleanup.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      await closed;
      clearInterval(idle);
      clearTimeout(cut);
      clearTimeout(terminate);
      clearInterval(pruning);
      await apollo.stop();
      // 5. Events still being recorded are delivered, then Redis is let go (the caller closes the database).
      await pubsub.close();
      await redis?.close();
    },
  };
}
