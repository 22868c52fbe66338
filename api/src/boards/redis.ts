// Scale-out: board rooms shared between api instances through Redis (docs/boards.md "Several
// instances"), with Hocuspocus' own extension (@hocuspocus/extension-redis, same version as the
// server). Every instance that has a board loaded subscribes to the board's channel. On load
// (and after Redis comes back) an instance publishes its state vector (Yjs sync step 1), and the
// others answer with what it lacks and ask for what they lack (sync step 2 + step 1): the
// documents converge by the same state-vector sync the browsers use.
//
// - A change is pushed as it is: one message carrying the update as a sync step 2, which the
//   extension's receiver applies with its Redis origin. (The extension itself publishes a state
//   vector on every change and lets each other instance pull a diff: two round trips and a diff
//   per pair of instances for every keystroke, several times the CPU at workshop rates.)
//
// CONCERNS:
// - Storing: the extension's Redlock store lock is switched off (onStoreDocument /
//   afterStoreDocument below). It guards only the debounced onStoreDocument hook, while our
//   appends run outside it and the squash also runs on unload; its 1 s TTL can lapse during a
//   write; losing it skips that instance's store silently; and it delays every direct
//   connection (the GraphQL services' changes) by `disconnectDelay`. The PostgreSQL locks in
//   persistence-lock.ts cover every write instead.
// - Redis restarting or a subscription dropping loses whatever was published meanwhile.
//   ioredis reconnects and re-subscribes by itself; on every 'ready' after the first, each
//   loaded document's channel is subscribed again (awaited) and its state vector published,
//   which makes every other instance send what this one lacks and ask for what it lacks: edits
//   made on either side while Redis was away converge. Before that the board is folded with
//   what is stored (onResync), for changes from instances that have unloaded it since. While Redis is away nothing is
//   published (the resync covers it), so no queue grows, and a board can still be opened.
// - Updates applied from Redis carry the origin REDIS_ORIGIN; the instance whose client (or
//   service) made an update is the one that appends it to board_update (persistence-extension).
// - Gathering (`gather`, for revealing private writing): a request on the control channel
//   `<prefix>:control` asks every other instance for its copies of the loaded documents whose
//   names start with a prefix; PUBLISH answers how many instances heard it, so the asker knows
//   how many answers to wait for (within `gatherTimeoutMs`: an instance that died meanwhile does
//   not hold it up). The control channel shares the subscriber connection; its messages are
//   JSON and never reach the extension's own receiver.
import { Redis, type Configuration } from '@hocuspocus/extension-redis';
import {
  OutgoingMessage,
  type afterLoadDocumentPayload,
  type beforeBroadcastStatelessPayload,
  type Document,
  type onAwarenessUpdatePayload,
  type onChangePayload,
} from '@hocuspocus/server';
import { randomUUID } from 'node:crypto';
import { Redis as RedisClient } from 'ioredis';
import * as encoding from 'lib0/encoding';
import { messageYjsSyncStep2 } from 'y-protocols/sync';
import * as Y from 'yjs';

/** The transaction origin of updates the Redis extension applies (fixed by Hocuspocus). */
export const REDIS_ORIGIN = '__hocuspocus__redis__origin__';

export interface BoardRedisOptions {
  /** redis://[:password@]host:port[/db] */
  url: string;
  /** Key prefix of the board channels; default "shishin:boards". */
  prefix?: string;
  /** How long a board stays subscribed after its last connection left, for syncs in flight (ms); default 1000. */
  disconnectDelay?: number;
  /** Called for each loaded document after Redis came back (before its state is published). */
  onResync?: (documentName: string) => Promise<void>;
  /** How long `gather` waits for the other instances' answers (ms); default 2000. */
  gatherTimeoutMs?: number;
  log: (message: string) => void;
}

export interface BoardRedisMetrics {
  /** Times the connection to Redis came back and the loaded boards were resynchronised. */
  resyncs: number;
}

type ControlMessage =
  | { type: 'gather'; id: string; from: string; prefix: string }
  | { type: 'gathered'; id: string; from: string; to: string; documents: Record<string, string> };

interface Gathering {
  expected: number | null;
  answers: Map<string, Record<string, string>>;
  done: () => void;
}

export class BoardRedisExtension extends Redis {
  readonly metrics: BoardRedisMetrics = { resyncs: 0 };
  private readonly gatherTimeoutMs: number;
  private readonly gatherings = new Map<string, Gathering>();
  private readonly log: (message: string) => void;
  private readonly onResync: ((documentName: string) => Promise<void>) | undefined;
  private subReadyOnce = false;
  private lastError = '';
  /** Resolves once both connections were ready at least once. */
  readonly ready: Promise<void>;

  constructor(options: BoardRedisOptions) {
    const createClient = () =>
      new RedisClient(options.url, {
        // Commands wait for a reconnect instead of failing after 20 tries: a subscribe issued
        // while Redis is away completes when it is back.
        maxRetriesPerRequest: null,
        retryStrategy: (times) => Math.min(50 * 2 ** times, 500),
        lazyConnect: false,
      });
    const configuration: Partial<Configuration> = {
      createClient,
      prefix: options.prefix ?? 'shishin:boards',
      disconnectDelay: options.disconnectDelay ?? 1000,
    };
    super(configuration);
    this.log = options.log;
    this.onResync = options.onResync;
    this.gatherTimeoutMs = options.gatherTimeoutMs ?? 2000;
    // The control channel's messages go to onControl, the rest to the extension's receiver.
    const receive = (this as unknown as { handleIncomingMessage: (channel: Buffer | string, data: Buffer) => unknown })
      .handleIncomingMessage;
    this.sub.off('messageBuffer', receive);
    this.sub.on('messageBuffer', (channel: Buffer | string, data: Buffer) => {
      if (String(channel) !== this.controlChannel) return void receive(channel, data);
      try {
        this.onControl(data);
      } catch (error) {
        this.log(`boards redis: control message failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    const controlSubscribed = this.sub
      .subscribe(this.controlChannel)
      .catch((error: unknown) =>
        this.log(`boards redis: control channel: ${error instanceof Error ? error.message : String(error)}`),
      );
    const whenReady = (client: RedisClient) =>
      new Promise<void>((resolve) => {
        if (client.status === 'ready') resolve();
        else client.once('ready', () => resolve());
      });
    this.ready = Promise.all([
      whenReady(this.pub as RedisClient),
      whenReady(this.sub as RedisClient),
      controlSubscribed,
    ]).then(() => undefined);
    for (const [role, client] of [
      ['publisher', this.pub],
      ['subscriber', this.sub],
    ] as const) {
      client.on('error', (error: Error) => {
        // ioredis repeats the same error on every retry: say it once per outage.
        if (error.message === this.lastError) return;
        this.lastError = error.message;
        this.log(`boards redis (${role}): ${error.message}`);
      });
    }
    this.sub.on('ready', () => {
      this.lastError = '';
      if (!this.subReadyOnce) {
        this.subReadyOnce = true;
        return;
      }
      this.log('boards redis: connection back, resynchronising the loaded boards');
      void this.resync();
    });
  }

  private get controlChannel(): string {
    return `${this.configuration.prefix}:control`;
  }

  private get identifier(): string {
    return this.configuration.identifier;
  }

  /**
   * The other instances' copies (Yjs states) of their loaded documents whose names start with
   * `prefix`: document name → one state per instance that has it. Empty while Redis is away.
   */
  async gather(prefix: string): Promise<Map<string, Uint8Array[]>> {
    const gathered = new Map<string, Uint8Array[]>();
    if (!this.publishing()) return gathered;
    const id = randomUUID();
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const gathering: Gathering = { expected: null, answers: new Map(), done: () => finish() };
    this.gatherings.set(id, gathering);
    const timer = setTimeout(() => {
      this.log(
        `boards redis: gathering ${prefix}: ${gathering.answers.size} of ${gathering.expected ?? '?'} instances answered in time`,
      );
      finish();
    }, this.gatherTimeoutMs);
    try {
      const message: ControlMessage = { type: 'gather', id, from: this.identifier, prefix };
      // Every instance subscribed to the control channel heard it: this one too, unless its
      // subscriber is reconnecting.
      const self = this.sub.status === 'ready' ? 1 : 0;
      const heard = await this.pub.publish(this.controlChannel, JSON.stringify(message));
      gathering.expected = Math.max(0, heard - self);
      if (gathering.answers.size >= gathering.expected) finish();
      await finished;
    } finally {
      clearTimeout(timer);
      this.gatherings.delete(id);
    }
    for (const documents of gathering.answers.values()) {
      for (const [name, state] of Object.entries(documents)) {
        const list = gathered.get(name) ?? [];
        list.push(new Uint8Array(Buffer.from(state, 'base64')));
        gathered.set(name, list);
      }
    }
    return gathered;
  }

  private onControl(data: Buffer): void {
    let message: ControlMessage;
    try {
      message = JSON.parse(data.toString('utf8')) as ControlMessage;
    } catch {
      return;
    }
    if (message.from === this.identifier) return;
    if (message.type === 'gather') {
      if (!this.instance) return; // not configured yet: nothing loaded
      const documents: Record<string, string> = {};
      for (const [name, document] of this.instance.documents) {
        if (!name.startsWith(message.prefix) || document.isLoading) continue;
        documents[name] = Buffer.from(Y.encodeStateAsUpdate(document)).toString('base64');
      }
      const answer: ControlMessage = {
        type: 'gathered',
        id: message.id,
        from: this.identifier,
        to: message.from,
        documents,
      };
      this.pub.publish(this.controlChannel, JSON.stringify(answer)).catch((error: unknown) => {
        this.log(`boards redis: gather answer failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    } else if (message.type === 'gathered' && message.to === this.identifier) {
      const gathering = this.gatherings.get(message.id);
      if (!gathering) return;
      gathering.answers.set(message.from, message.documents);
      if (gathering.expected !== null && gathering.answers.size >= gathering.expected) gathering.done();
    }
  }

  private channel(documentName: string): string {
    return `${this.configuration.prefix}:${documentName}`;
  }

  private publishing(): boolean {
    return this.pub.status === 'ready';
  }

  /** Publishes sync step 1 for each loaded document once its channel is subscribed again. */
  async resync(): Promise<void> {
    const documents = [...this.instance.documents.values()];
    if (documents.length === 0) return;
    try {
      await this.sub.subscribe(...documents.map((document) => this.channel(document.name)));
      // What was stored meanwhile by instances that no longer hold a board reaches nobody
      // through Redis: fold it in from the database first.
      if (this.onResync) await Promise.all(documents.map((document) => this.onResync!(document.name)));
      await Promise.all(documents.map((document) => this.publishStateVector(document)));
      this.metrics.resyncs += 1;
    } catch (error) {
      this.log(`boards redis: resync failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async publishStateVector(document: Document): Promise<void> {
    const step1 = new OutgoingMessage(document.name).createSyncMessage().writeFirstSyncStepFor(document);
    const query = new OutgoingMessage(document.name).writeQueryAwareness();
    await this.pub.publish(this.channel(document.name), Buffer.concat([this.messagePrefix, step1.toUint8Array()]));
    await this.pub.publish(this.channel(document.name), Buffer.concat([this.messagePrefix, query.toUint8Array()]));
  }

  override async afterLoadDocument(payload: afterLoadDocumentPayload): Promise<unknown> {
    const subscribed = super.afterLoadDocument(payload);
    if (this.sub.status === 'ready') return subscribed;
    // Redis is away: open the board now; the subscription completes (and the resync on
    // 'ready' publishes its state) when Redis is back.
    subscribed.catch((error: unknown) =>
      this.log(`boards redis: subscribe failed: ${error instanceof Error ? error.message : String(error)}`),
    );
    return undefined;
  }

  /** Pushes the update itself (see the top of this file); the resync covers what Redis missed. */
  override async onChange(data: onChangePayload): Promise<unknown> {
    if (!this.publishing() || (data.transactionOrigin as unknown) === REDIS_ORIGIN) return undefined;
    const message = new OutgoingMessage(data.documentName).createSyncMessage();
    encoding.writeVarUint(message.encoder, messageYjsSyncStep2);
    encoding.writeVarUint8Array(message.encoder, data.update);
    return this.pub.publish(
      this.channel(data.documentName),
      Buffer.concat([this.messagePrefix, message.toUint8Array()]),
    );
  }

  override async onAwarenessUpdate(data: onAwarenessUpdatePayload): Promise<number | undefined> {
    if (!this.publishing()) return undefined;
    return super.onAwarenessUpdate(data);
  }

  override async beforeBroadcastStateless(data: beforeBroadcastStatelessPayload): Promise<number> {
    if (!this.publishing()) return 0;
    return super.beforeBroadcastStateless(data);
  }

  // The store lock is PostgreSQL's (persistence-lock.ts): see CONCERNS.
  override async onStoreDocument(): Promise<void> {}

  override async afterStoreDocument(): Promise<void> {}

  /** Drops both connections without waiting for Redis (it may be the one that is away). */
  override async onDestroy(): Promise<void> {
    this.pub.disconnect(false);
    this.sub.disconnect(false);
  }
}
