// The board sync server: one Hocuspocus instance (`new Hocuspocus`, not `Server`, so it installs
// no signal handlers) behind its own `WebSocketServer({ noServer: true })`, reached through the
// api's HTTP server at /boards. One extension per concern: auth, guard, persistence, history,
// votes and, with Redis, scale-out (redis.ts). The services reach the live documents through `documents`.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Hocuspocus } from '@hocuspocus/server';
import type { PrismaClient } from '@shishin/prisma';
import { WebSocketServer, type WebSocket } from 'ws';
import type * as Y from 'yjs';
import type { SessionSettings } from '../auth/authenticate.ts';
import type { PubSub } from '../pubsub.ts';
import { AuthExtension } from './auth-extension.ts';
import { GuardExtension, MAX_UPDATE_BYTES } from './guard-extension.ts';
import { HistoryExtension } from './history-extension.ts';
import { PersistenceExtension, type PersistenceMetrics } from './persistence-extension.ts';
import { BoardRedisExtension, type BoardRedisMetrics } from './redis.ts';
import { VoteExtension } from './votes.ts';

export const BOARDS_PATH = '/boards';

/** The origin of changes the server makes itself (reveal, vote results, promotion, restore). */
export const SERVER_ORIGIN = { server: 'shishin' } as const;

export interface BoardServerOptions {
  db: PrismaClient;
  pubsub: PubSub;
  now: () => Date;
  sessionSettings: SessionSettings;
  log: (message: string) => void;
  /** Fold the update log after this many rows (persistence-extension.ts); default 500. */
  squashEvery?: number;
  /** Share board rooms with the other instances through Redis (REDIS_URL); one instance without. */
  redis?: { url: string; prefix?: string } | undefined;
}

/** The live documents, for the board services. */
export interface BoardDocuments {
  /**
   * Runs `change` on the document (loading it if no one has it open) as one transaction by
   * the server; resolves with its result once the change is written to the database.
   */
  change<T>(documentName: string, change: (doc: Y.Doc) => T): Promise<T>;
  /** Reads the document as it is now (live, or loaded for the call). */
  read<T>(documentName: string, read: (doc: Y.Doc) => T): Promise<T>;
  /** Whether the document is in memory (someone has it open). */
  isLoaded(documentName: string): boolean;
  /** Names of the loaded documents that start with `prefix`. */
  loaded(prefix: string): string[];
  /**
   * The other instances' copies (Yjs states) of their loaded documents whose names start with
   * `prefix` (redis.ts `gather`): name → one state per instance. Empty with one instance.
   */
  elsewhere(prefix: string): Promise<Map<string, Uint8Array[]>>;
}

export interface BoardServerMetrics {
  documents: number;
  connections: number;
  persistence: Readonly<PersistenceMetrics>;
  guard: Readonly<{ accepted: number; refused: number; closed: number }>;
  /** Present when the boards are shared through Redis. */
  redis?: Readonly<BoardRedisMetrics>;
}

export interface BoardServer {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  documents: BoardDocuments;
  metrics(): BoardServerMetrics;
  persistence: PersistenceExtension;
  hocuspocus: Hocuspocus;
  /** The Redis extension, when the boards are shared through Redis. */
  redis: BoardRedisExtension | undefined;
  /** Writes everything pending and waits for automatic snapshots. */
  flush(): Promise<void>;
  /**
   * Graceful shutdown, step one: refuses new board sockets, writes and folds every loaded
   * board, then closes every board socket with 1012 (Service Restart), on which providers
   * reconnect — through the load balancer, to another instance — and waits until the boards
   * are written and unloaded. Other instances keep the rooms (Redis).
   */
  shutdownBoards(): Promise<void>;
  /** shutdownBoards(), then releases Hocuspocus and Redis. */
  stop(): Promise<void>;
}

export function createBoardServer(options: BoardServerOptions): BoardServer {
  const sockets = new WeakMap<IncomingMessage, WebSocket>();
  // eslint-disable-next-line prefer-const -- the extensions need the instance they belong to
  let hocuspocus: Hocuspocus;
  const guard = new GuardExtension(() => hocuspocus);
  const persistence = new PersistenceExtension({
    db: options.db,
    log: options.log,
    ...(options.squashEvery ? { squashEvery: options.squashEvery } : {}),
  });
  const history = new HistoryExtension({ db: options.db, log: options.log });
  const votes = new VoteExtension({ db: options.db, origin: SERVER_ORIGIN, log: options.log });
  const redis = options.redis
    ? new BoardRedisExtension({
        url: options.redis.url,
        ...(options.redis.prefix ? { prefix: options.redis.prefix } : {}),
        onResync: (documentName) => persistence.refresh(documentName),
        log: options.log,
      })
    : undefined;
  const auth = new AuthExtension({
    db: options.db,
    pubsub: options.pubsub,
    now: options.now,
    sessionSettings: options.sessionSettings,
    instance: () => hocuspocus,
    socketOf: (request) => sockets.get(request),
    log: options.log,
  });
  hocuspocus = new Hocuspocus({
    name: 'shishin-boards',
    quiet: true,
    debounce: 200,
    maxDebounce: 1000,
    unloadImmediately: true,
    // The Redis extension has priority 1000: it runs first in every hook.
    // Votes after persistence: a repair it makes on load is stored like any server change.
    extensions: [auth, guard, persistence, history, votes, ...(redis ? [redis] : [])],
  });

  // Frames above this are cut off by ws itself (1009, no explanation possible); between
  // MAX_UPDATE_BYTES and this the guard explains and closes.
  const wsServer = new WebSocketServer({ noServer: true, maxPayload: 8 * MAX_UPDATE_BYTES });
  let stopping = false;
  let shutdown: Promise<void> | undefined;
  let stopped: Promise<void> | undefined;
  /**
   * With Redis, a direct connection's disconnect waits `disconnectDelay` before unloading, so
   * that the other instances can fetch the change: the services do not wait for that.
   */
  const disconnecting = new Set<Promise<void>>();
  const release = async (connection: { disconnect(): Promise<void> }) => {
    if (!redis) return connection.disconnect();
    const done = connection
      .disconnect()
      .catch((error: unknown) =>
        options.log(`boards: disconnect failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => disconnecting.delete(done));
    disconnecting.add(done);
  };

  const documents: BoardDocuments = {
    async change(documentName, change) {
      const connection = await hocuspocus.openDirectConnection(documentName, {});
      try {
        let result: ReturnType<typeof change> | undefined;
        await connection.transact((doc) => {
          doc.transact(() => {
            result = change(doc);
          }, SERVER_ORIGIN);
        });
        await persistence.drain(documentName);
        return result as ReturnType<typeof change>;
      } finally {
        await release(connection);
      }
    },
    async read(documentName, read) {
      const live = hocuspocus.documents.get(documentName);
      if (live && !live.isLoading) return read(live);
      const connection = await hocuspocus.openDirectConnection(documentName, {});
      try {
        let result: ReturnType<typeof read> | undefined;
        await connection.transact((doc) => {
          result = read(doc);
        });
        return result as ReturnType<typeof read>;
      } finally {
        await release(connection);
      }
    },
    isLoaded: (documentName) => hocuspocus.documents.has(documentName),
    loaded: (prefix) => [...hocuspocus.documents.keys()].filter((name) => name.startsWith(prefix)),
    elsewhere: async (prefix) => (redis ? redis.gather(prefix) : new Map()),
  };

  async function shutdownBoards(): Promise<void> {
    stopping = true;
    shutdown ??= (async () => {
      await persistence.flushAll();
      for (const ws of wsServer.clients) ws.close(1012, 'Server restarting');
      // Closing runs Hocuspocus' store-and-unload path (with Redis, after `disconnectDelay`);
      // wait for it, within reason.
      for (let i = 0; i < 250 && (hocuspocus.getDocumentsCount() > 0 || disconnecting.size > 0); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await persistence.flushAll();
      }
      await Promise.all(disconnecting);
      await persistence.flushAll();
      await history.settled();
    })();
    return shutdown;
  }

  return {
    hocuspocus,
    persistence,
    redis,
    shutdownBoards,
    documents,
    handleUpgrade(request, socket, head) {
      if (stopping) {
        socket.write('HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\n\r\n');
        socket.destroy();
        return;
      }
      wsServer.handleUpgrade(request, socket, head, (ws) => {
        // A frame that breaks the WebSocket protocol (invalid UTF-8 text, an unmasked or
        // malformed frame, a length over maxPayload) makes ws close that socket with the
        // matching code (1007, 1002, 1009) and emit 'error' — which, with no listener, would
        // end the whole process. The close code is the client's answer; nothing else to do.
        ws.on('error', () => {});
        sockets.set(request, ws);
        guard.guardSocket(ws);
        hocuspocus.handleConnection(ws, request);
      });
    },
    metrics: () => ({
      documents: hocuspocus.getDocumentsCount(),
      connections: hocuspocus.getConnectionsCount(),
      persistence: persistence.metrics,
      guard: guard.metrics,
      ...(redis ? { redis: redis.metrics } : {}),
    }),
    async flush() {
      await Promise.all(disconnecting);
      await persistence.flushAll();
      await history.settled();
    },
    stop() {
      stopped ??= (async () => {
        await shutdownBoards();
        await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
        await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      })();
      return stopped;
    },
  };
}
