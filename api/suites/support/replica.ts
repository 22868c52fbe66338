// One workshop participant for the suites: a Y.Doc behind @hocuspocus/provider over `ws`,
// reconnecting by itself (quickly) like the web app's provider, authenticated by a session
// cookie. It also reads its own socket's traffic, exactly: which document updates it sent on
// the current connection, and which of them the server acknowledged as persisted
// (`{ type: 'saved', updates: n }` = the first n updates sent on this connection, docs/boards.md).
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const MESSAGE_SYNC_REPLY = 4;
const MESSAGE_STATELESS = 5;
const SYNC_UPDATE = 2;

export interface ReplicaOptions {
  url: string;
  documentName: string;
  cookie: string;
  /** Reconnect delay in ms (the provider's backoff, kept short for tests). */
  reconnectDelayMs?: number;
}

export class Replica {
  readonly doc = new Y.Doc();
  readonly provider: HocuspocusProvider;
  readonly socket: HocuspocusProviderWebsocket;
  /** Parsed stateless messages from the server, in order. */
  readonly stateless: Record<string, unknown>[] = [];
  readonly closes: number[] = [];
  /** Document updates the server acknowledged as persisted (payloads, in the order sent). */
  readonly acknowledged: Uint8Array[] = [];
  /** Updates sent on the current connection, not yet acknowledged. */
  private sentOnSocket: Uint8Array[] = [];
  private ackedOnSocket = 0;
  denied: string | null = null;
  /** How many sockets this replica has opened (1 on the first connection). */
  sockets = 0;

  constructor(options: ReplicaOptions) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the socket class reports to its replica
    const replica = this;
    class ObservedWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { cookie: options.cookie } });
        replica.sentOnSocket = [];
        replica.ackedOnSocket = 0;
        replica.sockets += 1;
        this.on('close', (code: number) => replica.closes.push(code));
        this.on('error', () => {});
        this.on('message', (data: Buffer) => replica.received(new Uint8Array(data)));
      }
      override send(data: unknown, ...rest: unknown[]): void {
        if (data instanceof Uint8Array) replica.sent(data);
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ws' overloads
        (super.send as any)(data, ...rest);
      }
    }
    const delay = options.reconnectDelayMs ?? 20;
    this.socket = new HocuspocusProviderWebsocket({
      url: `${options.url.replace(/^http/, 'ws')}/boards`,
      WebSocketPolyfill: ObservedWebSocket,
      delay,
      minDelay: delay,
      maxDelay: delay * 10,
      factor: 1.5,
      maxAttempts: 0,
    });
    this.provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: options.documentName,
      document: this.doc,
      onAuthenticationFailed: ({ reason }) => {
        this.denied = reason;
      },
      onStateless: ({ payload }) => {
        try {
          this.stateless.push({ ...(JSON.parse(payload) as Record<string, unknown>), socket: this.sockets });
        } catch {
          this.stateless.push({ raw: payload });
        }
      },
    });
    this.provider.attach();
  }

  private sent(data: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(data);
      decoding.readVarString(decoder);
      const type = decoding.readVarUint(decoder);
      if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return;
      if (decoding.readVarUint(decoder) !== SYNC_UPDATE) return;
      this.sentOnSocket.push(decoding.readVarUint8Array(decoder));
    } catch {
      // not a message this replica needs to follow
    }
  }

  private received(data: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(data);
      decoding.readVarString(decoder);
      if (decoding.readVarUint(decoder) !== MESSAGE_STATELESS) return;
      const message = JSON.parse(decoding.readVarString(decoder)) as { type?: string; updates?: number };
      if (message.type !== 'saved' || typeof message.updates !== 'number') return;
      const upTo = Math.min(message.updates, this.sentOnSocket.length);
      for (let i = this.ackedOnSocket; i < upTo; i += 1) this.acknowledged.push(this.sentOnSocket[i]!);
      this.ackedOnSocket = Math.max(this.ackedOnSocket, upTo);
    } catch {
      // not JSON: not an acknowledgement
    }
  }

  get connected(): boolean {
    return this.socket.status === WebSocketStatus.Connected;
  }

  /** Connected, authenticated and through the first sync on the current connection. */
  get ready(): boolean {
    return this.connected && this.provider.isSynced && this.provider.isAuthenticated;
  }

  /** Whether this participant means to be online (false between `disconnect()` and `connect()`). */
  wantsConnection = true;

  disconnect(): void {
    this.wantsConnection = false;
    this.socket.disconnect();
  }

  connect(): void {
    this.wantsConnection = true;
    // The provider ignores connect() while its closing socket still counts as connected (and
    // then, having been told to disconnect, does not reconnect): connect once it has closed.
    if (this.socket.status === WebSocketStatus.Connected && !this.socket.shouldConnect) {
      const retry = () => {
        this.socket.off('disconnect', retry);
        if (this.wantsConnection) void this.socket.connect().catch(() => {});
      };
      this.socket.on('disconnect', retry);
      return;
    }
    void this.socket.connect().catch(() => {});
  }

  refusals(): Record<string, unknown>[] {
    return this.stateless.filter((m) => m.type === 'refused');
  }

  destroy(): void {
    this.provider.destroy();
    this.socket.destroy();
    this.doc.destroy();
  }
}
