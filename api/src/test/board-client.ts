// A real Yjs board client for tests: @hocuspocus/provider over `ws` (Node 20 has no global
// WebSocket) against the real /boards socket, authenticated by the session cookie like a
// browser, recording what the server tells it.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { NOTE_SIZE, setRect } from '../boards/document.ts';

export interface BoardClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Parsed stateless messages from the server ('refused', 'saved', …). */
  stateless: Record<string, unknown>[];
  /** Close codes of the underlying socket, in order. */
  closes: number[];
  /** Set when the server refused the document (permission-denied). */
  denied: string | null;
  /** 'readonly' or 'read-write', once authenticated. */
  scope: string | null;
  /** Resolves once the first sync finished, rejects when the server refuses the document. */
  synced: Promise<void>;
  destroy(): void;
}

export function connectBoard(
  baseUrl: string,
  documentName: string,
  auth: { cookie?: string | undefined; token?: string | undefined },
  doc: Y.Doc = new Y.Doc(),
  /** Reconnection: by default one attempt per connect, after the provider's 1 s delay. */
  retry: { maxAttempts?: number; delay?: number } = {},
): BoardClient {
  const closes: number[] = [];
  const cookie = auth.cookie;
  class CookieWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: cookie ? { cookie } : {} });
      this.on('close', (code: number) => closes.push(code));
      // A refused or stopped server shows up as close codes; connection errors are not test failures.
      this.on('error', () => {});
    }
  }
  const socket = new HocuspocusProviderWebsocket({
    url: `${baseUrl.replace(/^http/, 'ws')}/boards`,
    WebSocketPolyfill: CookieWebSocket,
    // One attempt: a test that is refused must not keep reconnecting.
    maxAttempts: retry.maxAttempts ?? 1,
    ...(retry.delay !== undefined ? { delay: retry.delay, minDelay: retry.delay } : {}),
  });
  // The provider reconnects after a close on its own and leaves a failed attempt unhandled; a
  // test sees the failure in `closes` and `denied` instead.
  const connectOnce = socket.connect.bind(socket);
  socket.connect = () => connectOnce().catch(() => {});
  const client: BoardClient = {
    doc,
    provider: undefined as unknown as HocuspocusProvider,
    stateless: [],
    closes,
    denied: null,
    scope: null,
    synced: Promise.resolve(),
    destroy() {
      client.provider.destroy();
      socket.destroy();
    },
  };
  client.synced = new Promise<void>((resolve, reject) => {
    client.provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: documentName,
      document: doc,
      token: auth.token ?? '',
      onSynced: () => resolve(),
      onAuthenticated: ({ scope }) => {
        client.scope = scope;
      },
      onAuthenticationFailed: ({ reason }) => {
        client.denied = reason;
        reject(new Error(`refused: ${reason}`));
      },
      onStateless: ({ payload }) => {
        try {
          client.stateless.push(JSON.parse(payload) as Record<string, unknown>);
        } catch {
          client.stateless.push({ raw: payload });
        }
      },
    });
    // v3: a provider given a shared websocket must be attached explicitly.
    client.provider.attach();
  });
  // Tests that expect a refusal await it themselves; never an unhandled rejection.
  client.synced.catch(() => {});
  return client;
}

/** Waits until `done()` holds, polling; gives up after about ten seconds (the test then fails on its own expectation). */
export async function until(done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** A note as the web UI writes it (docs/boards.md). */
export function addNote(
  doc: Y.Doc,
  id: string,
  fields: {
    text: string;
    x?: number;
    y?: number;
    lane?: string;
    cluster?: string;
    authorId?: string;
    authorName?: string;
  },
): void {
  doc.transact(() => {
    const note = new Y.Map<unknown>();
    note.set('text', new Y.Text(fields.text));
    setRect(note, { x: fields.x ?? 0, y: fields.y ?? 0, ...NOTE_SIZE });
    note.set('color', 'yellow');
    if (fields.lane) note.set('lane', fields.lane);
    if (fields.cluster) note.set('cluster', fields.cluster);
    if (fields.authorId) note.set('authorId', fields.authorId);
    if (fields.authorName) note.set('authorName', fields.authorName);
    note.set('createdAt', new Date().toISOString());
    doc.getMap('notes').set(id, note);
  });
}
