// The one typed map of topics. Services publish after their transaction commits; payloads
// carry ids only and subscribers re-query, so a subscriber never sees data its viewer may
// not read and never sees a write that was rolled back. In-process for one instance; with
// REDIS_URL, events also travel to every other instance through Redis pub/sub (redis.ts).
//
// Every event gets an id from the change feed (event-log.ts) before it is delivered; the id
// rides on the payload object (`eventIdOf`), so subscription results can carry it and clients
// can ask `changesSince(after:)` for what they missed.
import type { EventLog } from './event-log.ts';

/** What a comment can be about (exactly one subject per thread). */
export type CommentSubjectType =
  'ImprovementTarget' | 'ImprovementPolicy' | 'Standard' | 'GuidelineSection' | 'GuidelineVersion';

export interface Topics {
  /** An improvement target was created, edited, moved between states, or its result changed. */
  targetChanged: { targetId: string; sectionId: string; wardId: string; fiscalYear: number };
  /** A comment was added, edited, resolved, reopened or deleted. */
  commentChanged: {
    commentId: string;
    change: 'ADDED' | 'EDITED' | 'RESOLVED' | 'REOPENED' | 'DELETED';
    subjectType: CommentSubjectType;
    subjectId: string;
  };
  /** A review round was opened, received a review, or closed. */
  reviewRoundChanged: { roundId: string; targetId: string; wardId: string };
  /** A ward's improvement policy was created, edited or published. */
  policyChanged: { policyId: string; wardId: string; fiscalYear: number };
  /** The directors' meeting published the standards of a fiscal year. */
  standardsReviewPublished: { reviewId: string; fiscalYear: number };
  /** A notification was created for a user. */
  notificationAdded: { notificationId: string; userId: string };
  /**
   * A guideline version was drafted, edited, put out for comment, published or superseded.
   * (The opening and closing of a comment period are times, not writes: subscriptions
   * announce them from `commentOpensAt` / `commentClosesAt` themselves.)
   */
  guidelineVersionChanged: {
    versionId: string;
    change: 'CREATED' | 'EDITED' | 'PUT_OUT_FOR_COMMENT' | 'PUBLISHED' | 'SUPERSEDED';
  };
  /** A public comment was submitted, published, rejected or answered. */
  publicCommentChanged: {
    commentId: string;
    versionId: string;
    change: 'SUBMITTED' | 'PUBLISHED' | 'REJECTED' | 'RESPONDED';
  };
  /** A problem or proposal was recorded, edited, adopted, declined or reopened. */
  problemChanged: {
    kind: 'Problem' | 'Proposal';
    id: string;
    /** Its ward before and after the change (null: city-wide), for subscribers watching one ward. */
    wardIds: (string | null)[];
    /** Its ward now (null: city-wide): who may read the event. */
    wardId: string | null;
    change: 'CREATED' | 'EDITED' | 'ADOPTED' | 'DECLINED' | 'REOPENED';
  };
  /**
   * Someone was added to or removed from a committee. The board server re-checks that user's
   * open board connections (a removed member loses the board at once).
   */
  committeeMembershipChanged: { committeeId: string; userId: string; change: 'ADDED' | 'REMOVED' };
  /** A board was created, edited, archived or unarchived; the board server re-checks its connections. */
  boardChanged: { boardId: string; change: 'CREATED' | 'EDITED' | 'ARCHIVED' | 'UNARCHIVED' };
}

export type TopicName = keyof Topics;

export interface PubSub {
  publish<T extends TopicName>(topic: T, payload: Topics[T]): void;
  subscribe<T extends TopicName>(topic: T, signal?: AbortSignal): AsyncIterableIterator<Topics[T]>;
  /** Resolves once every event published so far has been recorded and handed on. */
  flush(): Promise<void>;
  /** Rejects when events cannot reach the other instances now (readiness); in memory, never. */
  check(): Promise<void>;
  close(): Promise<void>;
}

const eventIds = new WeakMap<object, string>();

/** The change-feed id of a published event (undefined: not recorded, e.g. a synthetic event). */
export function eventIdOf(event: unknown): string | undefined {
  return typeof event === 'object' && event !== null ? eventIds.get(event) : undefined;
}

export function assignEventId(event: object, id: string): void {
  eventIds.set(event, id);
}

/** Bound per subscriber: a subscriber that stops reading loses old events, not the server's memory. */
const MAX_QUEUED_EVENTS = 1000;

/** The in-process fan-out every transport ends in: one payload object to every local subscriber. */
export interface LocalHub {
  deliver(topic: TopicName, payload: unknown): void;
  subscribe<T extends TopicName>(topic: T, signal?: AbortSignal): AsyncIterableIterator<Topics[T]>;
  close(): void;
}

export function createLocalHub(): LocalHub {
  const listeners = new Map<TopicName, Set<(payload: unknown) => void>>();
  const closers = new Set<() => void>();

  return {
    deliver(topic, payload) {
      for (const listener of listeners.get(topic) ?? []) listener(payload);
    },
    subscribe<T extends TopicName>(topic: T, signal?: AbortSignal): AsyncIterableIterator<Topics[T]> {
      const queue: Topics[T][] = [];
      let wake: (() => void) | undefined;
      let done = false;
      const listener = (payload: unknown) => {
        if (queue.length >= MAX_QUEUED_EVENTS) queue.shift();
        queue.push(payload as Topics[T]);
        wake?.();
      };
      const stop = () => {
        if (done) return;
        done = true;
        listeners.get(topic)?.delete(listener);
        closers.delete(stop);
        wake?.();
      };
      let set = listeners.get(topic);
      if (!set) listeners.set(topic, (set = new Set()));
      set.add(listener);
      closers.add(stop);
      signal?.addEventListener('abort', stop, { once: true });

      const iterator: AsyncIterableIterator<Topics[T]> = {
        async next() {
          while (!done && queue.length === 0) {
            await new Promise<void>((resolve) => (wake = resolve));
            wake = undefined;
          }
          if (queue.length > 0) return { value: queue.shift()!, done: false };
          return { value: undefined, done: true };
        },
        async return() {
          stop();
          return { value: undefined, done: true };
        },
        [Symbol.asyncIterator]() {
          return iterator;
        },
      };
      return iterator;
    },
    close() {
      for (const stop of [...closers]) stop();
    },
  };
}

/** What a transport does with an event once it is recorded and delivered locally. */
export type Forward = (topic: TopicName, payload: unknown, id: string | undefined) => void;

export interface PubSubOptions {
  /** The change feed; without it events carry no id (unit tests of subscribers). */
  log?: EventLog | undefined;
  onError?: (message: string) => void;
}

/**
 * Records the events (those published together in one statement), then delivers each locally and hands it to `forward`,
 * in publish order (so this instance's subscribers see its own events in id order).
 */
export function createPublisher(
  hub: LocalHub,
  options: PubSubOptions & { forward?: Forward; check?: () => Promise<void>; close?: () => Promise<void> },
): PubSub {
  const { log, forward } = options;
  const onError = options.onError ?? ((message: string) => console.error(message));
  let chain: Promise<void> = Promise.resolve();
  // Events published while the previous batch is being recorded wait here and are recorded
  // together, in one statement: a comment with four mentions is five events and one write.
  let pending: { topic: TopicName; payload: unknown }[] = [];
  const recordPending = async () => {
    const batch = pending;
    pending = [];
    let ids: string[] = [];
    try {
      ids = await log!.recordAll(batch);
      batch.forEach(({ payload }, i) => assignEventId(payload as object, ids[i]!));
    } catch (error) {
      // Delivered all the same: a live subscriber should not lose the event because the
      // feed is unavailable; only a later catch-up will not list it.
      const topics = [...new Set(batch.map((event) => event.topic))].join(', ');
      onError(`change feed: could not record ${topics}: ${error instanceof Error ? error.message : String(error)}`);
    }
    batch.forEach(({ topic, payload }, i) => {
      hub.deliver(topic, payload);
      forward?.(topic, payload, ids[i]);
    });
  };
  return {
    publish(topic, payload) {
      if (!log) {
        hub.deliver(topic, payload);
        forward?.(topic, payload, undefined);
        return;
      }
      pending.push({ topic, payload });
      if (pending.length === 1) chain = chain.then(recordPending);
    },
    subscribe: (topic, signal) => hub.subscribe(topic, signal),
    flush: () => chain,
    check: options.check ?? (async () => {}),
    async close() {
      await chain;
      hub.close();
      await options.close?.();
    },
  };
}

export function createInMemoryPubSub(options: PubSubOptions = {}): PubSub {
  return createPublisher(createLocalHub(), options);
}
