// The change feed behind event ids: every published event is first written to the
// `change_event` table, and its row id is the event's id — on subscription results
// (`extensions.eventId`) and in `changesSince(after:)`.
//
// Why a database sequence and not a Redis stream id: Redis delivers at most once and, run
// without persistence, forgets everything on a restart, which is exactly when a client needs
// to catch up. The database is already the one shared, durable thing every instance has, and
// a single-instance deployment without Redis gets the same ids and the same catch-up query.
//
// CONCERNS:
// - Ids must be visible in the order they are handed out, or a client that saw id 11 and asks
//   for "after 11" would never learn of id 10 committing a moment later on another instance.
//   Each insert therefore takes one transaction-scoped advisory lock first: the next insert,
//   on any instance, draws its id only after this one has committed.
// - The row is written after the service's own transaction has committed (where services
//   publish today), not inside it: a crash between the two loses that event's row. Clients
//   reconnecting after such a crash re-read what they show anyway.
// - Payloads carry ids only (see pubsub.ts), so the table holds no personal data beyond ids.
import { Prisma, type PrismaClient } from '@shishin/prisma';
import type { TopicName, Topics } from './pubsub.ts';

/** An arbitrary constant naming the feed's advisory lock (distinct from per-key locks elsewhere). */
const FEED_LOCK = 7_000_001;

/** How long the feed is kept; a client further behind reloads what it shows. */
export const EVENT_RETENTION_MS = 7 * 24 * 3_600_000;

export interface LoggedEvent<T extends TopicName = TopicName> {
  id: string;
  topic: T;
  payload: Topics[T];
  createdAt: Date;
}

export interface EventLog {
  /** Writes the event and returns its id (a decimal string of a bigint). */
  record<T extends TopicName>(topic: T, payload: Topics[T]): Promise<string>;
  /**
   * Writes several events in one statement (under one lock) and returns their ids in order:
   * what a service publishes after one commit (a comment and its mentions' notifications)
   * costs the same statements however many events it is.
   */
  recordAll(events: readonly { topic: TopicName; payload: unknown }[]): Promise<string[]>;
  /** Events after `after` (exclusive), oldest first, at most `limit`. */
  since(after: string | null, limit: number): Promise<LoggedEvent[]>;
  /** The oldest id still kept (null: the feed is empty). */
  oldestId(): Promise<string | null>;
  /** The newest id (null: the feed is empty). */
  latestId(): Promise<string | null>;
  /** Deletes events older than the retention period. */
  prune(now: Date): Promise<number>;
}

export function createEventLog(db: PrismaClient): EventLog {
  return {
    async record(topic, payload) {
      return (await this.recordAll([{ topic, payload }]))[0]!;
    },
    async recordAll(events) {
      if (events.length === 0) return [];
      const values = Prisma.join(
        events.map(({ topic, payload }) => Prisma.sql`(${topic}, ${JSON.stringify(payload)}::jsonb)`),
      );
      const [, rows] = await db.$transaction([
        db.$executeRaw`SELECT pg_advisory_xact_lock(${FEED_LOCK}::bigint)`,
        db.$queryRaw<{ id: bigint }[]>`INSERT INTO change_event (topic, payload) VALUES ${values} RETURNING id`,
      ]);
      // The ids are drawn in row order: ascending ids are the events in order.
      return rows
        .map((row) => row.id)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map(String);
    },
    async since(after, limit) {
      const rows = await db.changeEvent.findMany({
        where: after === null ? {} : { id: { gt: BigInt(after) } },
        orderBy: { id: 'asc' },
        take: limit,
      });
      return rows.map((row) => ({
        id: String(row.id),
        topic: row.topic as TopicName,
        payload: row.payload as unknown as Topics[TopicName],
        createdAt: row.createdAt,
      }));
    },
    async oldestId() {
      const row = await db.changeEvent.findFirst({ orderBy: { id: 'asc' }, select: { id: true } });
      return row ? String(row.id) : null;
    },
    async latestId() {
      const row = await db.changeEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
      return row ? String(row.id) : null;
    },
    async prune(now) {
      const { count } = await db.changeEvent.deleteMany({
        where: { createdAt: { lt: new Date(now.getTime() - EVENT_RETENTION_MS) } },
      });
      return count;
    },
  };
}
