// The guard: refuses the updates a connection may not make, before they touch the document.
//
// CONCERNS:
// - A refused update is never applied, stored or broadcast. Yjs cannot take a change back, so
//   each incoming update is first applied to a *shadow* copy of the document and the types the
//   transaction changed are inspected there; only then is it applied to the real document (and
//   so broadcast and persisted). A refusal rebuilds the shadow from the real document.
// - The guard reads every message on the socket before Hocuspocus does (`guardSocket`), and
//   applies accepted sync updates itself, synchronously: the check and the application cannot
//   be separated by another message, and the persistence extension sees exactly which of the
//   connection's updates a database write holds. Everything else (sync step 1, awareness,
//   auth, stateless) goes on to Hocuspocus.
// - Oversized or undecodable messages close that socket only (1009 / 4400), after a stateless
//   'refused' message; policy refusals keep the connection and ask the client to resync.
import { OutgoingMessage, type Connection, type Document, type Extension, type Hocuspocus } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { boardContext, countUpdate, type BoardConnectionContext } from './connection-state.ts';
import {
  controlOf,
  DRAFT_PREFIX,
  draftView,
  FACILITATOR_ROOTS,
  inside,
  noteView,
  ROOT,
  touchedBy,
} from './document.ts';
import { parseDocumentName } from './names.ts';
import { refusedMessage, type RefusalCode } from './refusals.ts';

/** The largest message a client may send (an update, or anything else). */
export const MAX_UPDATE_BYTES = 1024 * 1024;

export const CLOSE_TOO_LARGE = 1009;
export const CLOSE_UNDECODABLE = 4400;

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
  readonly metrics: GuardMetrics = { accepted: 0, refused: 0, closed: 0 };
  private readonly shadows = new Map<string, Y.Doc>();

  constructor(private readonly instance: () => Hocuspocus) {}

  async afterLoadDocument({ document, documentName }: { document: Document; documentName: string }): Promise<void> {
    this.shadows.set(documentName, this.copyOf(document));
    // Everything the real document receives (accepted updates, server transactions) reaches
    // the shadow too; an update the shadow already has is a no-op.
    document.on('update', (update: Uint8Array) => {
      const shadow = this.shadows.get(documentName);
      if (shadow) Y.applyUpdate(shadow, update);
    });
  }

  async afterUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    this.shadows.get(documentName)?.destroy();
    this.shadows.delete(documentName);
  }

  async onDestroy(): Promise<void> {
    for (const shadow of this.shadows.values()) shadow.destroy();
    this.shadows.clear();
  }

  private copyOf(document: Y.Doc): Y.Doc {
    const shadow = new Y.Doc({ gc: document.gc });
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate(document));
    return shadow;
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
    try {
      Y.decodeUpdate(payload);
    } catch {
      this.close(ws, message.name, 'UNDECODABLE', CLOSE_UNDECODABLE, connection);
      return false;
    }
    if (connection.readOnly) {
      // Hocuspocus would drop it too; the guard also says why.
      const nothingNew = Y.snapshotContainsUpdate(Y.snapshot(document), payload);
      if (!nothingNew) this.refuse(connection, 'READ_ONLY', true);
      this.syncStatus(connection, nothingNew);
      return false;
    }
    let refusal: RefusalCode | null;
    try {
      refusal = this.check(document, context, payload);
    } catch {
      this.rebuildShadow(document);
      this.close(ws, message.name, 'UNDECODABLE', CLOSE_UNDECODABLE, connection);
      return false;
    }
    if (refusal) {
      this.rebuildShadow(document);
      this.refuse(connection, refusal, true);
      this.syncStatus(connection, false);
      return false;
    }
    this.metrics.accepted += 1;
    Y.applyUpdate(document, payload, connection);
    this.syncStatus(connection, true);
    return false;
  }

  /** Applies the update to the shadow and answers whether the connection may make it. */
  private check(document: Document, context: BoardConnectionContext, payload: Uint8Array): RefusalCode | null {
    const shadow = this.shadows.get(document.name);
    if (!shadow) return 'UNKNOWN_TYPE';
    let touched: ReturnType<typeof touchedBy> | undefined;
    shadow.transact((transaction) => {
      Y.applyUpdate(shadow, payload);
      touched = touchedBy(transaction);
    }, this);
    if (shadow.store.pendingStructs !== null || shadow.store.pendingDs !== null) return 'MISSING_DEPENDENCIES';
    const { roots, notes, drafts } = touched!;
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
    const afterNotes = shadow.getMap<unknown>(ROOT.notes);
    for (const id of notes) {
      const b = beforeNotes.get(id);
      const a = afterNotes.get(id);
      const before = b instanceof Y.Map ? noteView(id, b) : null;
      const after = a instanceof Y.Map ? noteView(id, a) : null;
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
    return drafts.size > 0 ? this.checkDrafts(document, shadow, context, control, drafts) : null;
  }

  /**
   * Principle drafts (a card in `drafts`, its body the fragment `draft:<id>`): members write
   * them like notes; a card in a locked area, and so its body, is the facilitator's; only the
   * server marks one `promoted`.
   */
  private checkDrafts(
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

  private rebuildShadow(document: Document): void {
    this.shadows.get(document.name)?.destroy();
    this.shadows.set(document.name, this.copyOf(document));
  }

  private refuse(connection: Connection, code: RefusalCode, resync: boolean): void {
    this.metrics.refused += 1;
    connection.sendStateless(JSON.stringify(refusedMessage(code, resync)));
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
