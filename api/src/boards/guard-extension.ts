// The guard: refuses the updates a connection may not make, before they touch the document.
//
// CONCERNS:
// - A refused update is never applied, stored or broadcast. Yjs cannot take a change back, so
//   each incoming update is read before it is applied: its decoded structs are placed in the
//   document (update-reader.ts: which top-level types, notes and note keys it changes, and to
//   what), the rules are checked against that, and only an accepted update is applied — once,
//   to the real document (and so broadcast and persisted).
// - A connection refused more than REFUSAL_LIMIT times within REFUSAL_WINDOW_MS is closed
//   (4429): a client that keeps sending what it may not send costs the server nothing more.
// - The guard reads every message on the socket before Hocuspocus does (`guardSocket`), and
//   applies accepted sync updates itself, synchronously: the check and the application cannot
//   be separated by another message, and the persistence extension sees exactly which of the
//   connection's updates a database write holds. Everything else (sync step 1, awareness,
//   auth, stateless) goes on to Hocuspocus.
// - Oversized or undecodable messages close that socket only (1009 / 4400), after a stateless
//   'refused' message; policy refusals keep the connection and ask the client to resync.
import {
  OutgoingMessage,
  type afterLoadDocumentPayload,
  type Connection,
  type Document,
  type Extension,
  type Hocuspocus,
} from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { broadcastOnce } from './broadcast.ts';
import { boardContext, countUpdate, type BoardConnectionContext } from './connection-state.ts';
import {
  controlOf,
  DRAFT_PREFIX,
  draftView,
  FACILITATOR_ROOTS,
  inside,
  noteViewOf,
  ROOT,
  touchedBy,
} from './document.ts';
import { parseDocumentName } from './names.ts';
import { refusedMessage, type RefusalCode } from './refusals.ts';
import { DELETED, readUpdate, type NoteChange } from './update-reader.ts';

/** The largest message a client may send (an update, or anything else). */
export const MAX_UPDATE_BYTES = 1024 * 1024;

export const CLOSE_TOO_LARGE = 1009;
export const CLOSE_UNDECODABLE = 4400;
export const CLOSE_TOO_MANY_REFUSALS = 4429;

/** Refusals a connection may collect within REFUSAL_WINDOW_MS before it is closed (4429). */
export const REFUSAL_LIMIT = 10;
export const REFUSAL_WINDOW_MS = 10_000;

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_SYNC_REPLY = 4;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

const SHARED_ROOTS: ReadonlySet<string> = new Set(Object.values(ROOT));

export interface GuardMetrics {
  accepted: number;
  refused: number;
  closed: number;
  /** Updates dropped for missing dependencies, answered with a sync step 1 (askForMissing). */
  askedForMissing: number;
}

class Undecodable extends Error {}

function readMessage(data: Uint8Array) {
  try {
    const decoder = decoding.createDecoder(data);
    const name = decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    let syncType: number | null = null;
    let payload: Uint8Array | null = null;
    if (type === MESSAGE_SYNC || type === MESSAGE_SYNC_REPLY) {
      syncType = decoding.readVarUint(decoder);
      if (syncType === SYNC_STEP_2 || syncType === SYNC_UPDATE) payload = decoding.readVarUint8Array(decoder);
    } else if (type === MESSAGE_AWARENESS) {
      // An awareness update: [count, (clientID, clock, JSON state)…]. Hocuspocus would throw on
      // a malformed one deep inside; it is refused here like any undecodable message.
      const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
      const count = decoding.readVarUint(update);
      for (let i = 0; i < count; i += 1) {
        decoding.readVarUint(update);
        decoding.readVarUint(update);
        JSON.parse(decoding.readVarString(update));
      }
    }
    return { name, type, syncType, payload };
  } catch {
    throw new Undecodable();
  }
}

function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data) && data.every((d) => d instanceof Uint8Array)) return Buffer.concat(data as Uint8Array[]);
  return null;
}

export class GuardExtension implements Extension {
  extensionName = 'shishin-guard';
  readonly metrics: GuardMetrics = { accepted: 0, refused: 0, closed: 0, askedForMissing: 0 };
  /** Times of each connection's recent refusals, for the refusal limit. */
  private readonly refusals = new WeakMap<Connection, number[]>();
  private readonly askedAt = new WeakMap<Connection, number>();

  constructor(
    private readonly instance: () => Hocuspocus,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every accepted update reaches the connections encoded once (broadcast.ts). */
  async afterLoadDocument({ document }: afterLoadDocumentPayload): Promise<void> {
    broadcastOnce(document);
  }

  /** Puts the guard in front of Hocuspocus on this socket. Call before `handleConnection`. */
  guardSocket(ws: WebSocket): void {
    const emit = ws.emit.bind(ws);
    ws.emit = ((event: string | symbol, ...args: unknown[]) => {
      if (event !== 'message') return emit(event, ...args);
      const data = toBytes(args[0]);
      if (!data || this.handleMessage(ws, data)) return emit(event, ...args);
      return true;
    }) as typeof ws.emit;
  }

  /** True: let Hocuspocus handle the message. False: the guard handled (or refused) it. */
  private handleMessage(ws: WebSocket, data: Uint8Array): boolean {
    if (data.byteLength > MAX_UPDATE_BYTES) {
      this.close(ws, this.documentNameOf(data), 'TOO_LARGE', CLOSE_TOO_LARGE);
      return false;
    }
    let message: ReturnType<typeof readMessage>;
    try {
      message = readMessage(data);
    } catch {
      this.close(ws, null, 'UNDECODABLE', CLOSE_UNDECODABLE);
      return false;
    }
    if (!parseDocumentName(message.name)) {
      // Hocuspocus would keep a queue for every name it is sent: random bytes are refused here.
      this.close(ws, null, 'UNDECODABLE', CLOSE_UNDECODABLE);
      return false;
    }
    const document = this.instance().documents.get(message.name);
    const connection = document?.connections.get(ws as never)?.connection;
    // Not established yet (authenticating, loading): Hocuspocus queues the message and replays
    // it through this same path once the connection exists.
    if (!document || !connection || message.payload === null) return true;
    if (message.syncType === SYNC_UPDATE) countUpdate(connection);
    const context = boardContext(connection);
    if (!context) return true;

    const payload = message.payload;
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(payload);
    } catch {
      this.close(ws, message.name, 'UNDECODABLE', CLOSE_UNDECODABLE, connection);
      return false;
    }
    let reading: ReturnType<typeof readUpdate>;
    try {
      reading = readUpdate(document, decoded);
    } catch {
      this.close(ws, message.name, 'UNDECODABLE', CLOSE_UNDECODABLE, connection);
      return false;
    }
    if (connection.readOnly) {
      // Hocuspocus would drop it too; the guard also says why.
      const nothingNew = !reading.missing && reading.nothingNew;
      if (!nothingNew) this.refuse(ws, connection, 'READ_ONLY', true);
      this.syncStatus(connection, nothingNew);
      return false;
    }
    const refusal = this.check(document, context, reading, payload);
    if (refusal === 'MISSING_DEPENDENCIES') {
      this.askForMissing(connection, document);
      return false;
    }
    if (refusal) {
      this.refuse(ws, connection, refusal, true);
      this.syncStatus(connection, false);
      return false;
    }
    try {
      Y.applyUpdate(document, payload, connection);
    } catch {
      this.close(ws, message.name, 'UNDECODABLE', CLOSE_UNDECODABLE, connection);
      return false;
    }
    const store = document.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      // Not expected (the reader reports missing dependencies first): what Yjs kept pending is
      // not in the document; dropping it is as if it had never arrived.
      store.pendingStructs = null;
      store.pendingDs = null;
      this.askForMissing(connection, document);
      return false;
    }
    this.metrics.accepted += 1;
    this.syncStatus(connection, true);
    return false;
  }

  /** Whether the connection may make the change the update would make (null: it may). */
  private check(
    document: Document,
    context: BoardConnectionContext,
    reading: ReturnType<typeof readUpdate>,
    payload: Uint8Array,
  ): RefusalCode | null {
    if (reading.missing) return 'MISSING_DEPENDENCIES';
    const { roots, notes } = reading;
    if (roots.size === 0) return null;

    if (context.document.kind === 'private') {
      return [...roots].every((root) => root === ROOT.notes) ? null : 'PRIVATE_DOCUMENT';
    }
    for (const root of roots) if (!SHARED_ROOTS.has(root) && !root.startsWith(DRAFT_PREFIX)) return 'UNKNOWN_TYPE';

    const control = controlOf(document);
    if (!context.facilitator) {
      if ([...roots].some((root) => FACILITATOR_ROOTS.has(root))) return 'FACILITATOR_ONLY';
      if (control.locked) return 'BOARD_LOCKED';
    }
    const beforeNotes = document.getMap<unknown>(ROOT.notes);
    for (const [id, change] of notes) {
      const b = beforeNotes.get(id);
      const before = b instanceof Y.Map ? noteViewOf(id, (key) => b.get(key)) : null;
      const after = afterView(id, b, change);
      if (after && JSON.stringify(after.promoted) !== JSON.stringify(before?.promoted ?? null)) {
        return 'PROMOTED_BY_SERVER';
      }
      if (context.facilitator) continue;
      const locked = control.lockedAreas.some(
        (area) => (before !== null && inside(before, area)) || (after !== null && inside(after, area)),
      );
      if (locked) return 'AREA_LOCKED';
      if (control.privateWriting && !before && after) return 'PRIVATE_WRITING';
      if (
        control.anonymous &&
        after &&
        ((after.authorId !== null && after.authorId !== before?.authorId) ||
          (after.authorName !== null && after.authorName !== before?.authorName))
      ) {
        return 'ANONYMOUS';
      }
    }
    return this.checkDrafts(document, context, control, roots, payload);
  }

  /**
   * Principle drafts (a card in `drafts`, its body the fragment `draft:<id>`): members write
   * them like notes; a card in a locked area, and so its body, is the facilitator's; only the
   * server marks one `promoted`.
   */
  private checkDrafts(
    document: Document,
    context: BoardConnectionContext,
    control: ReturnType<typeof controlOf>,
    roots: ReadonlySet<string>,
    payload: Uint8Array,
  ): RefusalCode | null {
    // Typing in a draft's body (`draft:<id>`) leaves its card as it is: the card's place now
    // decides the lock. A change to the cards themselves (rare: add, move, delete) is checked on
    // a copy of the document, which says exactly which cards it changes and to what.
    if (!roots.has(ROOT.drafts)) {
      if (context.facilitator) return null;
      const cards = document.getMap<unknown>(ROOT.drafts);
      for (const root of roots) {
        if (!root.startsWith(DRAFT_PREFIX)) continue;
        const id = root.slice(DRAFT_PREFIX.length);
        const card = cards.get(id);
        const view = card instanceof Y.Map ? draftView(id, card) : null;
        if (view && control.lockedAreas.some((area) => inside(view, area))) return 'AREA_LOCKED';
      }
      return null;
    }
    const shadow = new Y.Doc({ gc: false });
    try {
      Y.applyUpdate(shadow, Y.encodeStateAsUpdate(document));
      let drafts: ReadonlySet<string> = new Set();
      shadow.transact((transaction) => {
        Y.applyUpdate(shadow, payload);
        drafts = touchedBy(transaction).drafts;
      });
      return this.compareDrafts(document, shadow, context, control, drafts);
    } finally {
      shadow.destroy();
    }
  }

  private compareDrafts(
    document: Document,
    shadow: Y.Doc,
    context: BoardConnectionContext,
    control: ReturnType<typeof controlOf>,
    drafts: ReadonlySet<string>,
  ): RefusalCode | null {
    const beforeDrafts = document.getMap<unknown>(ROOT.drafts);
    const afterDrafts = shadow.getMap<unknown>(ROOT.drafts);
    for (const id of drafts) {
      const b = beforeDrafts.get(id);
      const a = afterDrafts.get(id);
      const before = b instanceof Y.Map ? draftView(id, b) : null;
      const after = a instanceof Y.Map ? draftView(id, a) : null;
      if (after && JSON.stringify(after.promoted) !== JSON.stringify(before?.promoted ?? null)) {
        return 'PROMOTED_BY_SERVER';
      }
      if (context.facilitator) continue;
      const locked = control.lockedAreas.some(
        (area) => (before !== null && inside(before, area)) || (after !== null && inside(after, area)),
      );
      if (locked) return 'AREA_LOCKED';
    }
    return null;
  }

  /**
   * An update that builds on changes the server does not have yet. Typical after a reconnect: the
   * provider sends the updates it queued before its answer to the server's sync step 1, which
   * brings what they build on. The update is dropped (as if never received) and the client is
   * asked for everything the server lacks with a sync step 1 of its own (at most one per
   * connection every 250 ms): its step 2 carries the dropped update too, and goes through the
   * same checks. No refusal: refusing with a resync would make the client drop its document and
   * lose edits made offline. Its sync status counts as handled, so the provider does not wait for
   * it forever; the `saved` ack of the step 2 covers it.
   */
  private askForMissing(connection: Connection, document: Document): void {
    this.metrics.askedForMissing += 1;
    const now = this.now();
    const last = this.askedAt.get(connection) ?? -Infinity;
    if (now - last >= 250) {
      this.askedAt.set(connection, now);
      connection.send(
        new OutgoingMessage(document.name).createSyncMessage().writeFirstSyncStepFor(document).toUint8Array(),
      );
    }
    this.syncStatus(connection, true);
  }

  private refuse(ws: WebSocket, connection: Connection, code: RefusalCode, resync: boolean): void {
    this.metrics.refused += 1;
    connection.sendStateless(JSON.stringify(refusedMessage(code, resync)));
    const now = this.now();
    const recent = (this.refusals.get(connection) ?? []).filter((at) => now - at < REFUSAL_WINDOW_MS);
    recent.push(now);
    this.refusals.set(connection, recent);
    if (recent.length > REFUSAL_LIMIT) {
      this.close(ws, connection.document.name, 'TOO_MANY_REFUSALS', CLOSE_TOO_MANY_REFUSALS, connection);
    }
  }

  private syncStatus(connection: Connection, applied: boolean): void {
    connection.send(new OutgoingMessage(connection.document.name).writeSyncStatus(applied).toUint8Array());
  }

  private documentNameOf(data: Uint8Array): string | null {
    try {
      const name = decoding.readVarString(decoding.createDecoder(data));
      return parseDocumentName(name) ? name : null;
    } catch {
      return null;
    }
  }

  /** Tells the client why (when it names a document) and closes this socket only. */
  private close(
    ws: WebSocket,
    documentName: string | null,
    code: RefusalCode,
    closeCode: number,
    connection?: Connection,
  ): void {
    this.metrics.closed += 1;
    const text = JSON.stringify(refusedMessage(code, true));
    if (connection) connection.sendStateless(text);
    else if (documentName) ws.send(new OutgoingMessage(documentName).writeStateless(text).toUint8Array());
    ws.close(closeCode, code);
  }
}

/** The note as the update would leave it (null: no note there afterwards). */
function afterView(id: string, before: unknown, change: NoteChange) {
  const read = (key: string, base: Y.Map<unknown> | null) => {
    if (change.keys.has(key)) {
      const value = change.keys.get(key);
      return value === DELETED ? undefined : value;
    }
    return base?.get(key);
  };
  if (change.deleted) return null;
  if (change.created) {
    return change.createdValue instanceof Y.Map ? noteViewOf(id, (key) => read(key, null)) : null;
  }
  return before instanceof Y.Map ? noteViewOf(id, (key) => read(key, before)) : null;
}
