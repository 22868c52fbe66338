// The one typed map of topics. Services publish after their transaction commits; payloads
// carry ids only and subscribers re-query, so a subscriber never sees data its viewer may
// not read and never sees a write that was rolled back. In-process for one instance;
// the scale-out issue swaps the transport behind the same interface.

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
  close(): void;
}

/** Bound per subscriber: a subscriber that stops reading loses old events, not the server's memory. */
const MAX_QUEUED_EVENTS = 1000;

export function createInMemoryPubSub(): PubSub {
  const listeners = new Map<TopicName, Set<(payload: unknown) => void>>();
  const closers = new Set<() => void>();

  return {
    publish(topic, payload) {
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
