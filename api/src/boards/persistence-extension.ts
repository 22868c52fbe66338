// Persistence of board documents through Prisma (docs/boards.md "Persistence").
//
// CONCERNS:
// - Append-only: every update the document receives is appended to board_update, several at a
//   time (group commit: whatever arrived while the previous write ran, merged into one row), and
//   writes of one board run one after another. An update is durable — and the connections that
//   sent it are told `{ type: 'saved', updates: n }` — once its row has committed.
// - Squashed state: Hocuspocus' debounced, per-document-serialised `onStoreDocument` folds the
//   log into board.document: state and documentSeq written and the folded rows deleted in one
//   transaction, so a board is never partly saved. It folds when enough rows piled up (and they
//   add up to at least a quarter of the stored state, so a large board is not re-encoded for a
//   few small rows), right after a load that found such a log, and when the last connection
//   leaves (so the next load reads one row).
// - Loading = board.document + the board's rows. Applying a row twice is harmless
//   (Yjs updates are idempotent), which is what makes "state first, then delete" safe.
// - Several instances (redis.ts): an update that arrived through Redis is appended by the
//   instance that received it from its client, not again here; it only marks the board for a
//   squash at unload, so what this instance holds is written even if that instance died first.
//   Squashes and private writes merge with what is stored, under a lock (persistence-lock.ts).
// - Private documents (`…:private:<userId>`) keep their squashed state only, and none once
//   their notes have been revealed (board.service.ts).
// - The unload path waits for this board's writes, so an unloaded document leaves nothing in
//   memory and nothing unwritten.
import type {
  afterLoadDocumentPayload,
  beforeUnloadDocumentPayload,
  Connection,
  Document,
  Extension,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import type { PrismaClient } from '@shishin/prisma';
import * as Y from 'yjs';
import { updatesCounted } from './connection-state.ts';
import { parseDocumentName, type BoardDocumentName } from './names.ts';
import { applyStoredState } from './stored-state.ts';
import { SQUASH_BUSY, squashSharedBoard, writePrivateBoard } from './persistence-lock.ts';
import { REDIS_ORIGIN } from './redis.ts';

export interface PersistenceOptions {
  db: PrismaClient;
  log: (message: string) => void;
  /** Fold the log into board.document once this many rows piled up (500; and when the last client leaves). */
  squashEvery?: number;
  /** Wait this long after the first update before writing, to gather the ones right behind it (10 ms). */
  groupCommitMs?: number;
}

export interface PersistenceMetrics {
  /** Document updates written to the database. */
  updatesPersisted: number;
  /** board_update rows written. */
  rowsWritten: number;
  squashes: number;
  /** Squashes put off because another instance (or a vote) held the board row (persistence-lock.ts). */
  squashesSkipped: number;
  failures: number;
}

interface BoardLog {
  name: BoardDocumentName;
  document: Document;
  pending: Uint8Array[];
  /** Per connection, how many of its updates the pending ones reach. */
  marks: Map<Connection, number>;
  scheduled: boolean;
  /** This board's writes, one after another. */
  chain: Promise<void>;
  rowsSinceSquash: number;
  /** Bytes of the rows written since the last fold, and of the state last folded. */
  bytesSinceSquash: number;
  stateBytes: number;
  /** Updates from other instances (Redis) arrived since the last squash. */
  remote: boolean;
  /** A squash to try again, the board having been busy (squashLater). */
  retry?: NodeJS.Timeout | undefined;
}

/** Tries of a patient squash (unload, shutdown) while another instance squashes the board. */
const BUSY_ATTEMPTS = 20;

const bytes = (data: Uint8Array) => data as Uint8Array<ArrayBuffer>;

/**
 * Runs `load` with the document's 'update' listeners set aside. Yjs encodes every transaction
 * as an update message when anyone listens to 'update' (Hocuspocus' broadcast does, from the
 * start); for the load of a whole board that is a full V1 encoding of it — a third of the load
 * time of a 10,000-note board — for a broadcast to no one. Nothing else listens yet: the other
 * extensions subscribe in afterLoadDocument.
 */
function withoutUpdateEvents(document: Y.Doc, load: () => void): void {
  const observers = (document as unknown as { _observers: Map<string, unknown> })._observers;
  const listeners = observers.get('update');
  observers.delete('update');
  try {
    load();
  } finally {
    if (listeners !== undefined) observers.set('update', listeners);
  }
}

function isConnection(origin: unknown): origin is Connection {
  return typeof origin === 'object' && origin !== null && 'webSocket' in origin && 'sendStateless' in origin;
}

export class PersistenceExtension implements Extension {
  extensionName = 'shishin-persistence';
  readonly metrics: PersistenceMetrics = {
    updatesPersisted: 0,
    rowsWritten: 0,
    squashes: 0,
    squashesSkipped: 0,
    failures: 0,
  };
  private readonly logs = new Map<string, BoardLog>();
  private readonly squashEvery: number;
  private readonly groupCommitMs: number;
  /** For the bench: called after each commit with the number of updates it made durable. */
  onPersisted: ((documentName: string, updates: number) => void) | undefined;

  constructor(private readonly options: PersistenceOptions) {
    this.squashEvery = options.squashEvery ?? 500;
    this.groupCommitMs = options.groupCommitMs ?? 10;
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const name = parseDocumentName(documentName);
    if (!name) throw new Error(`not a board document: ${documentName}`);
    const { db } = this.options;
    let rows = 0;
    let logBytes = 0;
    let stateBytes = 0;
    if (name.kind === 'shared') {
      const board = await db.board.findUnique({
        where: { id: name.boardId },
        select: { document: true, documentSeq: true },
      });
      if (!board) throw new Error(`board ${name.boardId} not found`);
      const updates = await db.boardUpdate.findMany({
        // All rows, not only those after documentSeq: with several instances a row can commit
        // with a lower seq after a squash (persistence-lock.ts).
        where: { boardId: name.boardId },
        orderBy: { seq: 'asc' },
        select: { update: true },
      });
      rows = updates.length;
      for (const { update } of updates) logBytes += update.byteLength;
      stateBytes = board.document?.byteLength ?? 0;
      withoutUpdateEvents(document, () =>
        document.transact(() => {
          if (board.document) applyStoredState(document, board.document);
          for (const { update } of updates) Y.applyUpdate(document, update);
        }, this),
      );
    } else {
      const stored = await db.boardPrivateDocument.findUnique({
        where: { boardId_userId: { boardId: name.boardId, userId: name.userId } },
        select: { document: true },
      });
      if (stored) withoutUpdateEvents(document, () => applyStoredState(document, stored.document, this));
    }
    this.logs.set(documentName, {
      name,
      document,
      pending: [],
      marks: new Map(),
      scheduled: false,
      chain: Promise.resolve(),
      rowsSinceSquash: rows,
      bytesSinceSquash: logBytes,
      stateBytes,
      remote: false,
    });
  }

  /** Enough rows piled up, and enough bytes, for folding them to pay. */
  private worthSquashing(log: BoardLog): boolean {
    return log.rowsSinceSquash >= this.squashEvery && log.bytesSinceSquash * 4 >= log.stateBytes;
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const loaded = this.logs.get(documentName);
    if (loaded && this.worthSquashing(loaded)) void this.squash(loaded);
    document.on('update', (update: Uint8Array, origin: unknown) => {
      const log = this.logs.get(documentName);
      if (!log || origin === this) return;
      if (origin === REDIS_ORIGIN) {
        log.remote = true;
        return;
      }
      log.pending.push(update);
      // The guard counted this update before applying it, synchronously: the count is exact.
      if (isConnection(origin)) log.marks.set(origin, updatesCounted(origin));
      this.schedule(log);
    });
  }

  private schedule(log: BoardLog): void {
    if (log.scheduled) return;
    log.scheduled = true;
    log.chain = log.chain
      .then(() => (this.groupCommitMs > 0 ? new Promise((r) => setTimeout(r, this.groupCommitMs)) : undefined))
      .then(() => this.append(log));
  }

  private async append(log: BoardLog): Promise<void> {
    log.scheduled = false;
    const updates = log.pending.splice(0);
    const marks = new Map(log.marks);
    log.marks.clear();
    if (updates.length === 0) return;
    const { db } = this.options;
    try {
      if (log.name.kind === 'shared') {
        const merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
        await db.boardUpdate.create({
          data: { boardId: log.name.boardId, update: bytes(merged) },
          select: { seq: true },
        });
        log.rowsSinceSquash += 1;
        log.bytesSinceSquash += merged.byteLength;
      } else {
        await this.writePrivate(log);
      }
    } catch (error) {
      // Keep them for the next write: nothing acknowledged is ever dropped.
      this.metrics.failures += 1;
      this.options.log(
        `board persistence: write failed, will retry: ${error instanceof Error ? error.message : String(error)}`,
      );
      log.pending.unshift(...updates);
      for (const [connection, n] of marks) log.marks.set(connection, Math.max(n, log.marks.get(connection) ?? 0));
      await new Promise((r) => setTimeout(r, 500));
      this.schedule(log);
      return;
    }
    this.metrics.updatesPersisted += updates.length;
    this.metrics.rowsWritten += 1;
    for (const [connection, n] of marks) connection.sendStateless(JSON.stringify({ type: 'saved', updates: n }));
    this.onPersisted?.(log.document.name, updates.length);
  }

  private async writePrivate(log: BoardLog): Promise<void> {
    if (log.name.kind !== 'private') return;
    // Revealed (or never written): no notes left, so nothing of this writer is kept.
    await writePrivateBoard(this.options.db, log.name.boardId, log.name.userId, log.document, this);
    log.remote = false;
  }

  /** Resolves once every update this board had received when called is written. */
  drain(documentName: string): Promise<void> {
    const log = this.logs.get(documentName);
    if (!log) return Promise.resolve();
    if (log.pending.length > 0) this.schedule(log);
    return log.chain;
  }

  /**
   * Folds the log (persistence-lock.ts). When another instance is squashing the board (SQUASH_BUSY),
   * `patient` (unload, shutdown: no appends are waiting behind it) tries again a few times at
   * once; otherwise, or if still busy, it is tried again a little later.
   */
  private squash(log: BoardLog, patient = false): Promise<void> {
    if (log.name.kind !== 'shared') {
      // Private documents: only what came from another instance is left to write.
      if (log.remote) log.chain = log.chain.then(() => this.writeRemotePrivate(log));
      return log.chain;
    }
    const boardId = log.name.boardId;
    log.chain = log.chain.then(async () => {
      for (let attempt = 1; ; attempt += 1) {
        if (log.rowsSinceSquash === 0 && !log.remote) return;
        const remote = log.remote;
        try {
          log.remote = false;
          const result = await squashSharedBoard(this.options.db, boardId, log.document, this);
          if (result === SQUASH_BUSY) {
            log.remote ||= remote;
            this.metrics.squashesSkipped += 1;
            if (patient && attempt < BUSY_ATTEMPTS) {
              await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
              continue;
            }
            this.squashLater(log);
            return;
          }
          if (result) log.stateBytes = result.stateBytes;
          log.rowsSinceSquash = 0;
          log.bytesSinceSquash = 0;
          this.metrics.squashes += 1;
        } catch (error) {
          log.remote = true;
          this.metrics.failures += 1;
          this.options.log(
            `board persistence: squash failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        return;
      }
    });
    return log.chain;
  }

  /** Squashes again in a moment, while the board is loaded (after SQUASH_BUSY). */
  private squashLater(log: BoardLog): void {
    if (log.retry) return;
    log.retry = setTimeout(
      () => {
        log.retry = undefined;
        if (this.logs.get(log.document.name) === log) void this.squash(log);
      },
      250 + Math.random() * 250,
    );
  }

  private async writeRemotePrivate(log: BoardLog): Promise<void> {
    try {
      await this.writePrivate(log);
    } catch (error) {
      this.metrics.failures += 1;
      this.options.log(
        `board persistence: private write failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  async onStoreDocument({ document, documentName }: onStoreDocumentPayload): Promise<void> {
    const log = this.logs.get(documentName);
    if (!log) return;
    await this.drain(documentName);
    if (this.worthSquashing(log) || document.getConnectionsCount() === 0) await this.squash(log);
  }

  async beforeUnloadDocument({ documentName }: beforeUnloadDocumentPayload): Promise<void> {
    const log = this.logs.get(documentName);
    if (!log) return;
    await this.drain(documentName);
    await this.squash(log, true);
  }

  async afterUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    const log = this.logs.get(documentName);
    if (log?.retry) clearTimeout(log.retry);
    this.logs.delete(documentName);
  }

  /**
   * Folds what is stored into the live document and writes it back, whatever this instance
   * appended: after Redis was away, it brings in what other instances stored meanwhile (also
   * changes made by an instance that no longer holds the board).
   */
  refresh(documentName: string): Promise<void> {
    const log = this.logs.get(documentName);
    if (!log) return Promise.resolve();
    log.remote = true;
    return this.squash(log);
  }

  /** Writes and folds everything of every loaded board (on shutdown). */
  async flushAll(): Promise<void> {
    await Promise.all(
      [...this.logs.entries()].map(async ([name, log]) => {
        await this.drain(name);
        await this.squash(log, true);
      }),
    );
  }

  get loadedDocuments(): number {
    return this.logs.size;
  }
}
