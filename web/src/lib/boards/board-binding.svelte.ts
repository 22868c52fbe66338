// The live board in the browser: one Y.Doc bound to the /boards socket (and, for a member, a
// second one for private writing), read into reactive state by Yjs observers. Pages and
// components never hold the Y.Doc: they read `content`, `peers`, `status`… and call methods.
//
// CONCERNS:
// - Every local change is one transaction with `this.origin`, and the UndoManager tracks only
//   that origin: a person undoes their own changes, never someone else's.
// - The server may refuse a change (docs/boards.md "What the server enforces") and then asks
//   for a resync: this document holds a change the server never will, so it is thrown away
//   (and its browser copy cleared) and the board is loaded afresh.
// - Edits made while offline are kept in IndexedDB (y-indexeddb) per person and board, so a
//   closed tab or a lost connection loses nothing; Yjs merges them when the socket is back.
/* eslint-disable svelte/prefer-svelte-reactivity -- the reactive state here is $state read from Yjs; Maps, Sets and Dates are plain values inside one call */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import {
  applyTextDiff,
  clusterAt,
  DRAFT_H,
  DRAFT_W,
  laneAt,
  NOTE_H,
  NOTE_W,
  noteReactions,
  noteRect,
  notesIn,
  readContent,
  setNoteReaction,
  setNoteRect,
  type Area,
  type BoardContent,
  type NoteColor,
  type NoteView,
} from './board-model';

export interface BoardUser {
  id: string;
  name: string;
  color: string;
}

export interface Peer {
  clientId: number;
  user: BoardUser;
  cursor: { x: number; y: number } | null;
  viewport: { x: number; y: number; zoom: number } | null;
  selection: string[];
  /** The principle draft they have open, if any. */
  editingDraft: string | null;
}

export interface Refusal {
  code: string;
  messages: { ja: string; en: string };
}

export type ConnectionStatus = 'connecting' | 'connected' | 'offline';

export interface BoardBindingOptions {
  documentName: string;
  privateDocumentName: string | null;
  socketPath: string;
  user: BoardUser;
  canEdit: boolean;
  canFacilitate: boolean;
  /** Keep a browser copy (IndexedDB); off for read-only views. */
  keepOffline?: boolean;
}

const EMPTY: BoardContent = {
  notes: [],
  drafts: [],
  clusters: [],
  lanes: [],
  connectors: [],
  control: {
    stage: '',
    timer: null,
    locked: false,
    lockedAreas: [],
    privateWriting: false,
    anonymous: false,
    spotlight: null,
    vote: null,
    voteResults: {},
  },
};

/** Colours for people's cursors: dark enough for white labels (≥ 4.5:1). */
export const PEER_COLORS = ['#1c4a7e', '#8a2c5b', '#1e6b3a', '#7a4b00', '#5b3a8a', '#0f5e66', '#a1301c'];

export function colorFor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return PEER_COLORS[Math.abs(hash) % PEER_COLORS.length]!;
}

export class BoardBinding {
  readonly options: BoardBindingOptions;
  /** The origin of this person's changes (what their undo manager tracks). */
  readonly origin = { board: 'local' };

  content = $state.raw<BoardContent>(EMPTY);
  /** The writer's own unrevealed notes (private writing). */
  privateNotes = $state.raw<NoteView[]>([]);
  peers = $state.raw<Peer[]>([]);
  status = $state<ConnectionStatus>('connecting');
  /** Changes sent but not yet confirmed by the server. */
  unsynced = $state(0);
  /** The first sync has finished: what is shown is the board. */
  synced = $state(false);
  /** The server allows this connection to read only (or it is a snapshot). */
  readOnly = $state(true);
  refusal = $state<Refusal | null>(null);
  canUndo = $state(false);
  canRedo = $state(false);
  /** Ids of notes whose last change came from someone else (for the live region). */
  remoteChange = $state<{ at: number; count: number } | null>(null);

  #doc!: Y.Doc;
  #privateDoc: Y.Doc | null = null;
  #socket: HocuspocusProviderWebsocket | null = null;
  #provider: HocuspocusProvider | null = null;
  #privateProvider: HocuspocusProvider | null = null;
  #stores: IndexeddbPersistence[] = [];
  #undo!: Y.UndoManager;
  #privateUndo: Y.UndoManager | null = null;
  #scheduled = false;
  #destroyed = false;
  #cleanup: (() => void)[] = [];

  constructor(options: BoardBindingOptions) {
    this.options = options;
    this.#setup();
    if (typeof window !== 'undefined') {
      // The browser knows before the socket does: go offline at once, come back at once.
      const offline = () => this.#socket?.disconnect();
      const online = () => void this.#socket?.connect();
      window.addEventListener('offline', offline);
      window.addEventListener('online', online);
      this.#cleanup.push(() => {
        window.removeEventListener('offline', offline);
        window.removeEventListener('online', online);
      });
    }
  }

  // ───────────────────────────── connection ─────────────────────────────

  #setup(): void {
    const { documentName, privateDocumentName, socketPath, keepOffline = true } = this.options;
    this.#doc = new Y.Doc();
    this.#doc.on('update', this.#onUpdate);
    const storeKey = (name: string) => `shishin:${this.options.user.id}:${name}`;
    if (keepOffline) this.#stores.push(new IndexeddbPersistence(storeKey(documentName), this.#doc));

    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${socketPath}`;
    this.#socket = new HocuspocusProviderWebsocket({ url, delay: 1000, minDelay: 500, factor: 1.5, maxDelay: 4000 });
    this.#provider = new HocuspocusProvider({
      websocketProvider: this.#socket,
      name: documentName,
      document: this.#doc,
      onAuthenticated: ({ scope }) => {
        this.readOnly = scope !== 'read-write' || !this.options.canEdit;
      },
      onAuthenticationFailed: () => {
        // Refused for good (not a member, signed out): the provider would keep reconnecting.
        queueMicrotask(() => this.#teardown());
        this.status = 'offline';
        this.readOnly = true;
        this.refusal = {
          code: 'FORBIDDEN',
          messages: { ja: 'このボードに接続できません。', en: 'You cannot connect to this board.' },
        };
      },
      onSynced: () => {
        this.synced = true;
        this.#schedule();
      },
      onStateless: ({ payload }) => this.#onStateless(payload, 'shared'),
      onUnsyncedChanges: ({ number }) => {
        this.unsynced = number + (this.#privateProvider?.unsyncedChanges ?? 0);
      },
      onAwarenessChange: () => this.#readPeers(),
    });
    this.#provider.attach();
    this.#socket.on('status', ({ status }: { status: string }) => {
      this.status = status === 'connected' ? 'connected' : status === 'connecting' ? 'connecting' : 'offline';
    });

    if (privateDocumentName) {
      this.#privateDoc = new Y.Doc();
      this.#privateDoc.on('update', this.#onUpdate);
      if (keepOffline) this.#stores.push(new IndexeddbPersistence(storeKey(privateDocumentName), this.#privateDoc));
      this.#privateProvider = new HocuspocusProvider({
        websocketProvider: this.#socket,
        name: privateDocumentName,
        document: this.#privateDoc,
        // Presence is the shared board's; the private document has only its writer.
        awareness: null,
        onStateless: ({ payload }) => this.#onStateless(payload, 'private'),
        onUnsyncedChanges: ({ number }) => {
          this.unsynced = number + (this.#provider?.unsyncedChanges ?? 0);
        },
      });
      this.#privateProvider.attach();
      this.#privateUndo = new Y.UndoManager(this.#privateDoc.getMap('notes'), {
        trackedOrigins: new Set([this.origin]),
      });
      this.#privateUndo.on('stack-item-added', this.#onStack);
      this.#privateUndo.on('stack-item-popped', this.#onStack);
    }

    this.#undo = new Y.UndoManager(
      [
        this.#doc.getMap('notes'),
        this.#doc.getMap('clusters'),
        this.#doc.getMap('connectors'),
        this.#doc.getMap('drafts'),
      ],
      { trackedOrigins: new Set([this.origin]), captureTimeout: 400 },
    );
    this.#undo.on('stack-item-added', this.#onStack);
    this.#undo.on('stack-item-popped', this.#onStack);

    this.#provider.setAwarenessField('user', this.options.user);
    this.#schedule();
  }

  #teardown(): void {
    this.#undo?.destroy();
    this.#privateUndo?.destroy();
    this.#provider?.destroy();
    this.#privateProvider?.destroy();
    this.#socket?.destroy();
    for (const store of this.#stores) void store.destroy();
    this.#stores = [];
    this.#doc?.destroy();
    this.#privateDoc?.destroy();
    this.#privateDoc = null;
    this.#privateProvider = null;
    this.#privateUndo = null;
  }

  /**
   * The server refused a change a document holds: drop it, and the browser copy, and load
   * afresh. A refusal on the shared board keeps the private notes (they may not have reached
   * the server yet: dropping them would lose them).
   */
  async #resync(refused: 'shared' | 'private'): Promise<void> {
    const keep = refused === 'shared' && this.#privateDoc ? Y.encodeStateAsUpdate(this.#privateDoc) : null;
    const stores = this.#stores;
    this.#teardown();
    await Promise.all(stores.map((store) => store.clearData().catch(() => undefined)));
    if (this.#destroyed) return;
    this.synced = false;
    this.#setup();
    if (keep && this.#privateDoc) Y.applyUpdate(this.#privateDoc, keep);
    this.generation += 1;
  }

  #onStateless(payload: string, from: 'shared' | 'private'): void {
    let message: { type?: string; code?: string; messages?: Refusal['messages']; resync?: boolean };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return;
    }
    if (message.type !== 'refused' || !message.messages) return;
    this.refusal = { code: message.code ?? 'REFUSED', messages: message.messages };
    if (message.resync) void this.#resync(from);
  }

  #onStack = () => {
    this.canUndo = this.#undo.canUndo() || (this.#privateUndo?.canUndo() ?? false);
    this.canRedo = this.#undo.canRedo() || (this.#privateUndo?.canRedo() ?? false);
  };

  #onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin !== this.origin && this.synced && origin instanceof HocuspocusProvider) {
      this.remoteChange = { at: Date.now(), count: (this.remoteChange?.count ?? 0) + 1 };
    }
    this.#schedule();
  };

  /** Reads the documents once per burst of updates (a drag sends many). */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.#destroyed) return;
      this.content = readContent(this.#doc);
      this.privateNotes = this.#privateDoc ? notesIn(this.#privateDoc, true) : [];
    });
  }

  #readPeers(): void {
    const awareness = this.#provider?.awareness;
    if (!awareness) return;
    const peers: Peer[] = [];
    awareness.getStates().forEach((state, clientId) => {
      if (clientId === awareness.clientID) return;
      const user = state.user as BoardUser | undefined;
      if (!user || typeof user.id !== 'string') return;
      peers.push({
        clientId,
        user,
        cursor: (state.cursor as Peer['cursor']) ?? null,
        viewport: (state.viewport as Peer['viewport']) ?? null,
        selection: Array.isArray(state.selection) ? (state.selection as string[]) : [],
        editingDraft: typeof state.editingDraft === 'string' ? state.editingDraft : null,
      });
    });
    this.peers = peers;
  }

  destroy(): void {
    this.#destroyed = true;
    for (const clean of this.#cleanup) clean();
    this.#teardown();
  }

  // ───────────────────────────── presence ─────────────────────────────

  setCursor(cursor: { x: number; y: number } | null): void {
    // While writing privately, where one's pointer is would show where one's hidden notes are
    // (and, revealed anonymously, whose they are).
    this.#provider?.setAwarenessField('cursor', this.isPrivateWriting ? null : cursor);
  }

  setViewport(viewport: { x: number; y: number; zoom: number }): void {
    this.#provider?.setAwarenessField('viewport', viewport);
  }

  setSelection(ids: string[]): void {
    this.#provider?.setAwarenessField('selection', ids);
  }

  setEditingDraft(draftId: string | null): void {
    this.#provider?.setAwarenessField('editingDraft', draftId);
  }

  setFollowing(userId: string | null): void {
    this.#provider?.setAwarenessField('following', userId);
  }

  // ───────────────────────────── what may be changed ─────────────────────────────

  get isPrivateWriting(): boolean {
    return this.content.control.privateWriting && !this.options.canFacilitate && this.#privateDoc !== null;
  }

  /** Whether this person may change this note now (the server's rules, shown before it refuses). */
  mayChange(note: Area & { private?: boolean }): boolean {
    if (this.readOnly) return false;
    if (note.private) return true;
    if (this.options.canFacilitate) return true;
    const control = this.content.control;
    if (control.locked) return false;
    return !control.lockedAreas.some(
      (area) =>
        note.x < area.x + area.w && note.x + note.w > area.x && note.y < area.y + area.h && note.y + note.h > area.y,
    );
  }

  get mayAdd(): boolean {
    return !this.readOnly && (this.options.canFacilitate || !this.content.control.locked);
  }

  // ───────────────────────────── notes ─────────────────────────────

  #docOf(id: string): Y.Doc {
    if (this.#privateDoc?.getMap('notes').has(id)) return this.#privateDoc;
    return this.#doc;
  }

  #note(id: string): Y.Map<unknown> | null {
    const value = this.#docOf(id).getMap('notes').get(id);
    return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
  }

  addNote(fields: {
    x: number;
    y: number;
    text?: string;
    color?: NoteColor;
    lane?: string | null;
    cluster?: string | null;
  }): string {
    this.beginStep();
    const id = crypto.randomUUID();
    const doc = this.isPrivateWriting ? this.#privateDoc! : this.#doc;
    const lane = fields.lane !== undefined ? fields.lane : laneAt(this.content.lanes, fields.x + NOTE_W / 2);
    doc.transact(() => {
      const note = new Y.Map<unknown>();
      note.set('text', new Y.Text(fields.text ?? ''));
      setNoteRect(note, { x: fields.x, y: fields.y, w: NOTE_W, h: NOTE_H });
      note.set('color', fields.color ?? 'yellow');
      if (lane) note.set('lane', lane);
      if (fields.cluster) note.set('cluster', fields.cluster);
      // Anonymous mode: the author is not written at all, so no one can read it later.
      if (!this.content.control.anonymous) {
        note.set('authorId', this.options.user.id);
        note.set('authorName', this.options.user.name);
      }
      note.set('createdAt', new Date().toISOString());
      doc.getMap('notes').set(id, note);
    }, this.origin);
    return id;
  }

  setText(id: string, text: string): void {
    const note = this.#note(id);
    const value = note?.get('text');
    if (!(value instanceof Y.Text)) return;
    this.#docOf(id).transact(() => applyTextDiff(value, text), this.origin);
  }

  /** Moves notes by a delta (several selected notes move together); lane and cluster follow the position. */
  moveNotes(ids: readonly string[], dx: number, dy: number): void {
    if (dx === 0 && dy === 0) return;
    const groups = new Map<Y.Doc, string[]>();
    for (const id of ids) {
      const doc = this.#docOf(id);
      groups.set(doc, [...(groups.get(doc) ?? []), id]);
    }
    for (const [doc, group] of groups) {
      doc.transact(() => {
        for (const id of group) {
          const note = this.#note(id);
          if (!note) continue;
          const { x: x0, y: y0, w, h } = noteRect(note);
          const x = Math.round(x0 + dx);
          const y = Math.max(0, Math.round(y0 + dy));
          setNoteRect(note, { x, y, w, h });
          const lane = laneAt(this.content.lanes, x + w / 2);
          if (lane && note.get('lane') !== lane) note.set('lane', lane);
          const cluster = clusterAt(this.content.clusters, { x, y, w, h });
          if ((note.get('cluster') ?? null) !== cluster) {
            if (cluster) note.set('cluster', cluster);
            else note.delete('cluster');
          }
        }
      }, this.origin);
    }
  }

  resizeNote(id: string, w: number, h: number): void {
    const note = this.#note(id);
    if (!note) return;
    this.#docOf(id).transact(() => setNoteRect(note, { ...noteRect(note), w, h }), this.origin);
  }

  setColor(ids: readonly string[], color: NoteColor): void {
    this.beginStep();
    for (const id of ids) {
      const note = this.#note(id);
      if (note) this.#docOf(id).transact(() => note.set('color', color), this.origin);
    }
  }

  deleteNotes(ids: readonly string[]): void {
    this.beginStep();
    this.#doc.transact(() => {
      for (const id of ids) {
        this.#doc.getMap('notes').delete(id);
        // A connector to nothing is noise.
        this.#doc.getMap<Y.Map<unknown>>('connectors').forEach((c, key) => {
          if (c.get('from') === id || c.get('to') === id) this.#doc.getMap('connectors').delete(key);
        });
      }
    }, this.origin);
    if (this.#privateDoc) {
      this.#privateDoc.transact(() => {
        for (const id of ids) this.#privateDoc!.getMap('notes').delete(id);
      }, this.origin);
    }
  }

  /** Puts notes in a cluster (moving them into its frame) or takes them out (null). */
  setCluster(ids: readonly string[], clusterId: string | null): void {
    this.beginStep();
    const cluster = clusterId ? this.content.clusters.find((c) => c.id === clusterId) : null;
    this.#doc.transact(() => {
      let slot = 0;
      for (const id of ids) {
        const note = this.#note(id);
        if (!note) continue;
        if (cluster) {
          note.set('cluster', cluster.id);
          const { x, y } = noteRect(note);
          const inside = x >= cluster.x && y >= cluster.y && x < cluster.x + cluster.w && y < cluster.y + cluster.h;
          if (!inside) {
            // Lay notes out inside the frame, in rows, so they are seen to belong.
            const perRow = Math.max(1, Math.floor((cluster.w - 16) / (NOTE_W + 12)));
            const count = this.content.notes.filter((n) => n.cluster === cluster.id).length + slot;
            setNoteRect(note, {
              ...noteRect(note),
              x: cluster.x + 16 + (count % perRow) * (NOTE_W + 12),
              y: cluster.y + 48 + Math.floor(count / perRow) * (NOTE_H + 12),
            });
            slot += 1;
          }
        } else {
          note.delete('cluster');
        }
      }
    }, this.origin);
  }

  setLane(ids: readonly string[], laneId: string): void {
    this.beginStep();
    this.#doc.transact(() => {
      for (const id of ids) this.#note(id)?.set('lane', laneId);
    }, this.origin);
  }

  /** One reaction per person per note: the same emoji again takes it back. */
  toggleReaction(id: string, emoji: string): void {
    this.beginStep();
    const note = this.#note(id);
    if (!note) return;
    const userId = this.options.user.id;
    this.#docOf(id).transact(() => {
      setNoteReaction(note, userId, noteReactions(note)[userId] === emoji ? null : emoji);
    }, this.origin);
  }

  // ───────────────────────────── principle drafts ─────────────────────────────
  // A card in `drafts` (title, place) and its body, the Y.XmlFragment `draft:<id>` that the
  // rich-text editor (draft-editor.ts, loaded only when a draft is opened) binds to.

  addDraft(fields: { x: number; y: number; title: string }): string {
    this.beginStep();
    const id = crypto.randomUUID();
    this.#doc.transact(() => {
      const draft = new Y.Map<unknown>();
      draft.set('title', new Y.Text(fields.title));
      draft.set('x', Math.round(fields.x));
      draft.set('y', Math.max(0, Math.round(fields.y)));
      draft.set('w', DRAFT_W);
      draft.set('h', DRAFT_H);
      this.#doc.getMap('drafts').set(id, draft);
    }, this.origin);
    return id;
  }

  renameDraft(id: string, title: string): void {
    const draft = this.#doc.getMap('drafts').get(id);
    const value = draft instanceof Y.Map ? draft.get('title') : null;
    if (value instanceof Y.Text) this.#doc.transact(() => applyTextDiff(value, title), this.origin);
  }

  moveDraft(id: string, dx: number, dy: number): void {
    const draft = this.#doc.getMap('drafts').get(id);
    if (!(draft instanceof Y.Map) || (dx === 0 && dy === 0)) return;
    this.#doc.transact(() => {
      draft.set('x', Math.round(Number(draft.get('x') ?? 0) + dx));
      draft.set('y', Math.max(0, Math.round(Number(draft.get('y') ?? 0) + dy)));
    }, this.origin);
  }

  deleteDraft(id: string): void {
    this.beginStep();
    this.#doc.transact(() => {
      this.#doc.getMap('drafts').delete(id);
      const body = this.#doc.getXmlFragment(`draft:${id}`);
      if (body.length > 0) body.delete(0, body.length);
    }, this.origin);
  }

  /**
   * What the draft editor binds to: the body, the shared awareness (its cursors), and a fresh
   * pair after a resync (the document is replaced then, so the editor must be remounted).
   */
  draftBinding(
    id: string,
  ): { fragment: Y.XmlFragment; awareness: NonNullable<HocuspocusProvider['awareness']> } | null {
    const awareness = this.#provider?.awareness;
    if (!awareness || this.#doc.isDestroyed) return null;
    return { fragment: this.#doc.getXmlFragment(`draft:${id}`), awareness };
  }

  /** Bumped whenever the Y.Doc is replaced (resync): editors bound to the old one remount. */
  generation = $state(0);

  // ───────────────────────────── clusters and connectors ─────────────────────────────

  addCluster(fields: {
    name: string;
    x: number;
    y: number;
    w?: number;
    h?: number;
    noteIds?: readonly string[];
  }): string {
    this.beginStep();
    const id = crypto.randomUUID();
    const members = (fields.noteIds ?? [])
      .map((nid) => this.content.notes.find((n) => n.id === nid))
      .filter((n): n is NoteView => n !== undefined);
    // A cluster made from selected notes frames them where they are.
    const frame =
      members.length > 0
        ? {
            x: Math.min(...members.map((n) => n.x)) - 16,
            y: Math.min(...members.map((n) => n.y)) - 48,
            w: Math.max(...members.map((n) => n.x + n.w)) - Math.min(...members.map((n) => n.x)) + 32,
            h: Math.max(...members.map((n) => n.y + n.h)) - Math.min(...members.map((n) => n.y)) + 64,
          }
        : { x: fields.x, y: fields.y, w: fields.w ?? 400, h: fields.h ?? 280 };
    this.#doc.transact(() => {
      const cluster = new Y.Map<unknown>();
      cluster.set('name', new Y.Text(fields.name));
      cluster.set('x', Math.round(frame.x));
      cluster.set('y', Math.max(0, Math.round(frame.y)));
      cluster.set('w', Math.round(frame.w));
      cluster.set('h', Math.round(frame.h));
      cluster.set('color', 'blue');
      this.#doc.getMap('clusters').set(id, cluster);
      for (const note of members) this.#note(note.id)?.set('cluster', id);
    }, this.origin);
    return id;
  }

  renameCluster(id: string, name: string): void {
    const cluster = this.#doc.getMap('clusters').get(id);
    const value = cluster instanceof Y.Map ? cluster.get('name') : null;
    if (value instanceof Y.Text) this.#doc.transact(() => applyTextDiff(value, name), this.origin);
  }

  moveCluster(id: string, dx: number, dy: number): void {
    const cluster = this.#doc.getMap('clusters').get(id);
    if (!(cluster instanceof Y.Map)) return;
    this.#doc.transact(() => {
      cluster.set('x', Math.round(Number(cluster.get('x')) + dx));
      cluster.set('y', Math.max(0, Math.round(Number(cluster.get('y')) + dy)));
      // Its notes come along.
      this.#doc.getMap<Y.Map<unknown>>('notes').forEach((note) => {
        if (note.get('cluster') !== id) return;
        const rect = noteRect(note);
        setNoteRect(note, { ...rect, x: rect.x + dx, y: Math.max(0, rect.y + dy) });
      });
    }, this.origin);
  }

  deleteCluster(id: string): void {
    this.beginStep();
    this.#doc.transact(() => {
      this.#doc.getMap('clusters').delete(id);
      this.#doc.getMap<Y.Map<unknown>>('notes').forEach((note) => {
        if (note.get('cluster') === id) note.delete('cluster');
      });
    }, this.origin);
  }

  connect(from: string, to: string, label?: string): string | null {
    this.beginStep();
    if (from === to) return null;
    const exists = this.content.connectors.find(
      (c) => (c.from === from && c.to === to) || (c.from === to && c.to === from),
    );
    if (exists) return exists.id;
    const id = crypto.randomUUID();
    this.#doc.transact(() => {
      const connector = new Y.Map<unknown>();
      connector.set('from', from);
      connector.set('to', to);
      if (label) connector.set('label', label);
      this.#doc.getMap('connectors').set(id, connector);
    }, this.origin);
    return id;
  }

  deleteConnector(id: string): void {
    this.beginStep();
    this.#doc.transact(() => this.#doc.getMap('connectors').delete(id), this.origin);
  }

  // ───────────────────────────── undo ─────────────────────────────

  /**
   * Starts a new undo step: a drag or a burst of typing is one step (captureTimeout), but two
   * separate actions never merge, however quickly they follow each other.
   */
  beginStep(): void {
    this.#undo.stopCapturing();
    this.#privateUndo?.stopCapturing();
  }

  undo(): void {
    if (this.#undo.canUndo()) this.#undo.undo();
    else this.#privateUndo?.undo();
  }

  redo(): void {
    if (this.#undo.canRedo()) this.#undo.redo();
    else this.#privateUndo?.redo();
  }

  // ───────────────────────────── facilitation (control) ─────────────────────────────

  #control(change: (control: Y.Map<unknown>) => void): void {
    if (!this.options.canFacilitate) return;
    // Not undoable by design: the session's state is not one person's edit.
    this.#doc.transact(() => change(this.#doc.getMap('control')), { board: 'control' });
  }

  setStage(stage: string): void {
    this.#control((c) => c.set('stage', stage));
  }

  startTimer(minutes: number): void {
    this.#control((c) =>
      c.set('timer', { startedAt: new Date().toISOString(), durationMs: Math.round(minutes * 60_000) }),
    );
  }

  stopTimer(): void {
    this.#control((c) => c.set('timer', null));
  }

  setLocked(locked: boolean): void {
    this.#control((c) => c.set('locked', locked));
  }

  toggleLockedArea(area: Area): void {
    this.#control((c) => {
      const areas = (c.get('lockedAreas') as Area[] | undefined) ?? [];
      const same = (a: Area) => a.x === area.x && a.y === area.y && a.w === area.w && a.h === area.h;
      c.set('lockedAreas', areas.some(same) ? areas.filter((a) => !same(a)) : [...areas, area]);
    });
  }

  setPrivateWriting(on: boolean): void {
    this.#control((c) => c.set('privateWriting', on));
  }

  setAnonymous(on: boolean): void {
    this.#control((c) => c.set('anonymous', on));
  }

  /** "Bring everyone to my view": everyone's board moves to this viewport once. */
  spotlight(viewport: { x: number; y: number; zoom: number }): void {
    this.#control((c) =>
      c.set('spotlight', { userId: this.options.user.id, ...viewport, at: new Date().toISOString() }),
    );
  }
}

/** A read-only document from a snapshot's update (base64), for its view. */
export function snapshotDoc(base64: string): Y.Doc {
  const doc = new Y.Doc();
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  Y.applyUpdate(doc, bytes);
  return doc;
}
