// Redis for several instances (REDIS_URL): GraphQL events travel between instances over Redis
// pub/sub, and the per-caller budgets live in Redis (http/rate-limit.ts, auth/throttle.ts), so
// every instance sees the same numbers. Client: ioredis (the one the board side's Hocuspocus
// Redis extension uses too).
//
// CONCERNS:
// - Redis pub/sub delivers at most once: a message published while an instance's subscriber
//   connection is down is gone. Events are recorded in the database first (event-log.ts), so
//   on every reconnect the subscriber re-reads the change feed from the last id it saw and
//   delivers what it missed; publishes that failed are re-sent once the publisher is back.
//   Ids already delivered are remembered (a bounded set) so nothing is delivered twice.
// - Each instance delivers its own events to its own subscribers directly (not via Redis) and
//   ignores their echo, so one instance keeps working while Redis is down.
// - One Redis message is parsed once per instance: every local subscriber gets the same object,
//   which keeps the per-event sharing of subscription-execution.ts and event-cache.ts working.
import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import type { EventLog } from './event-log.ts';
import { assignEventId, createLocalHub, createPublisher, type PubSub, type TopicName } from './pubsub.ts';

export interface RedisConnection {
  /** Commands (publish, rate-limit scripts); fails fast while Redis is unreachable. */
  commands: Redis;
  /** Every key and channel of this deployment starts with it (REDIS_KEY_PREFIX, default "shishin:"). */
  prefix: string;
  /** Rejects when Redis does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const retryStrategy = (attempt: number) => Math.min(attempt * 100, 2_000);

export function redisOptions(): RedisOptions {
  return {
    lazyConnect: true,
    retryStrategy,
    // A command while Redis is down fails at once instead of queueing (readiness, budgets).
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
  };
}

export async function connectRedis(url: string, prefix = 'shishin:'): Promise<RedisConnection> {
  const commands = new Redis(url, redisOptions());
  // Without a listener ioredis prints every reconnect failure; readiness reports them instead.
  commands.on('error', () => {});
  await commands.connect();
  return {
    commands,
    prefix,
    async ping() {
      await commands.ping();
    },
    async close() {
      commands.disconnect();
    },
  };
}

/** Remembers the last `size` ids, to drop an event that arrives twice (replay and message). */
function recentIds(size: number) {
  const set = new Set<string>();
  return {
    has: (id: string) => set.has(id),
    add(id: string) {
      set.add(id);
      if (set.size > size) set.delete(set.values().next().value!);
    },
  };
}

interface WireEvent {
  /** The sending instance. */
  o: string;
  t: TopicName;
  id: string | null;
  p: unknown;
}

const REPLAY_BATCH = 500;
const MAX_UNSENT = 10_000;

export interface RedisPubSubOptions {
  connection: RedisConnection;
  url: string;
  log: EventLog;
  onError?: (message: string) => void;
}

export async function createRedisPubSub(options: RedisPubSubOptions): Promise<PubSub> {
  const { connection, log } = options;
  const onError = options.onError ?? ((message: string) => console.error(message));
  const instance = randomUUID();
  const channel = `${connection.prefix}events`;
  const hub = createLocalHub();
  const seen = recentIds(20_000);
  let lastId = (await log.latestId()) ?? '0';
  const unsent: string[] = [];

  const note = (id: string | null) => {
    if (id === null) return;
    seen.add(id);
    if (BigInt(id) > BigInt(lastId)) lastId = id;
  };

  // Subscriber connection: its own client (a subscribed connection takes no other commands),
  // with ioredis re-subscribing by itself after a reconnect.
  const subscriber = new Redis(options.url, { ...redisOptions(), enableOfflineQueue: true });
  subscriber.on('error', () => {});
  subscriber.on('message', (_channel: string, text: string) => {
    let event: WireEvent;
    try {
      event = JSON.parse(text) as WireEvent;
    } catch {
      return;
    }
    if (event.o === instance || (event.id !== null && seen.has(event.id))) return;
    if (typeof event.p !== 'object' || event.p === null) return;
    note(event.id);
    if (event.id !== null) assignEventId(event.p, event.id);
    hub.deliver(event.t, event.p);
  });

  let replaying: Promise<void> | undefined;
  const replay = async () => {
    // Events recorded while this instance could not hear Redis, oldest first.
    for (;;) {
      const events = await log.since(lastId, REPLAY_BATCH);
      for (const event of events) {
        if (seen.has(event.id)) continue;
        note(event.id);
        const payload = event.payload as object;
        assignEventId(payload, event.id);
        hub.deliver(event.topic, payload);
      }
      if (events.length < REPLAY_BATCH) return;
    }
  };
  let connectedOnce = false;
  subscriber.on('ready', () => {
    if (!connectedOnce) {
      connectedOnce = true;
      return;
    }
    replaying ??= replay()
      .catch((error: unknown) => onError(`change feed replay failed: ${String(error)}`))
      .finally(() => (replaying = undefined));
  });
  await subscriber.connect();
  await subscriber.subscribe(channel);

  const send = (text: string) =>
    connection.commands.publish(channel, text).catch(() => {
      if (unsent.length >= MAX_UNSENT) unsent.shift();
      unsent.push(text);
    });
  connection.commands.on('ready', () => {
    for (const text of unsent.splice(0)) void send(text);
  });

  return createPublisher(hub, {
    log,
    onError,
    forward(topic, payload, id) {
      note(id ?? null);
      const message: WireEvent = { o: instance, t: topic, id: id ?? null, p: payload };
      void send(JSON.stringify(message));
    },
    async check() {
      await connection.ping();
      if (subscriber.status !== 'ready') throw new Error(`Redis subscriber ${subscriber.status}`);
    },
    async close() {
      subscriber.disconnect();
    },
  });
}
