// Live updates in the browser: one graphql-ws connection per tab to /graphql on this
// origin (the session cookie goes with the handshake; the API refuses foreign origins).
// Loaded only when a page subscribes, so pages without live parts ship none of it.
//
// Catching up (docs/web.md "Live updates"): every subscription result carries the event id
// it was (`extensions.eventId`); the tab keeps the last one it saw. When the socket comes back
// after a drop (an instance restarted, the network went away), the tab asks the change feed
// what changed since that id and tells each subscription through `missed`, so nothing that
// happened while it was away goes unseen.
import type { Client } from 'graphql-ws';

/** The change feed after the last event this tab saw (api: `changesSince`). */
export const LIVE_CHANGES_SINCE = /* GraphQL */ `
  query LiveChangesSince($after: ID) {
    changesSince(after: $after, first: 500) {
      changes {
        topic
        subjectType
        subjectId
      }
      lastEventId
      hasMore
      expired
    }
  }
`;

/** The change feed's topics (schema.graphql `ChangeTopic`; a unit test keeps them equal). */
export const CHANGE_TOPICS = [
  'COMMENT_CHANGED',
  'GUIDELINE_VERSION_CHANGED',
  'NOTIFICATION_ADDED',
  'POLICY_CHANGED',
  'PROBLEM_CHANGED',
  'PUBLIC_COMMENT_CHANGED',
  'REVIEW_ROUND_CHANGED',
  'STANDARDS_REVIEW_PUBLISHED',
  'TARGET_CHANGED',
] as const;
export type ChangeTopic = (typeof CHANGE_TOPICS)[number];

/** One change the tab missed, as the change feed lists it. */
export interface MissedChange {
  topic: ChangeTopic;
  subjectType: string;
  subjectId: string;
}

interface ChangeFeed {
  changesSince: { changes: MissedChange[]; lastEventId: string | null; hasMore: boolean; expired: boolean };
}

/** Pages of the feed read after one reconnect before giving up and re-reading everything. */
const MAX_CATCH_UP_PAGES = 4;

let client: Promise<Client> | undefined;
/** The highest event id any subscription of this tab received; null before the first. */
let lastEventId: string | null = null;
let connections = 0;
const catchUps = new Set<(changes: MissedChange[] | null) => void>();

function laterId(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return BigInt(a) >= BigInt(b) ? a : b;
}

function seen(extensions: Record<string, unknown> | undefined): void {
  const id = extensions?.eventId;
  if (typeof id === 'string' && /^\d+$/.test(id)) lastEventId = laterId(lastEventId, id);
}

function query<T>(c: Client, document: string, variables: Record<string, unknown>): Promise<T | null> {
  return new Promise((resolve) => {
    let data: T | null = null;
    c.subscribe<T>(
      { query: document, variables },
      {
        next: (result) => {
          data = result.errors?.length ? null : ((result.data as T | undefined) ?? null);
        },
        error: () => resolve(null),
        complete: () => resolve(data),
      },
    );
  });
}

/**
 * What changed while the socket was down: the changes after `lastEventId`, or null when that
 * cannot be known (no event seen yet, the feed no longer reaches back that far, a failure, or
 * more than a few pages) — then a page re-reads everything it shows.
 */
async function missedSince(c: Client, after: string | null): Promise<MissedChange[] | null> {
  if (after === null) return null;
  const changes: MissedChange[] = [];
  let cursor = after;
  for (let page = 0; page < MAX_CATCH_UP_PAGES; page += 1) {
    const feed = (await query<ChangeFeed>(c, LIVE_CHANGES_SINCE, { after: cursor }))?.changesSince;
    if (!feed || feed.expired) return null;
    changes.push(...feed.changes);
    if (feed.lastEventId) {
      cursor = feed.lastEventId;
      lastEventId = laterId(lastEventId, feed.lastEventId);
    }
    if (!feed.hasMore) return changes;
  }
  return null;
}

function connect(): Promise<Client> {
  client ??= import('graphql-ws').then(({ createClient }) => {
    const c = createClient({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
      lazy: true,
      // Reconnect after network loss or a server restart; on reconnect the tab catches up.
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** retries))),
    });
    c.on('connected', () => {
      connections += 1;
      if (connections === 1) return;
      const after = lastEventId;
      void missedSince(c, after).then((changes) => {
        if (changes?.length === 0) return;
        for (const catchUp of catchUps) catchUp(changes);
      });
    });
    return c;
  });
  return client;
}

export interface LiveHandlers<T> {
  next: (data: T) => void;
  /**
   * The socket came back after a drop and events may have been missed: the changes the feed
   * lists since the last event this tab saw (only called when there are some), or null when
   * that cannot be known — re-read what the page shows.
   */
  missed: (changes: MissedChange[] | null) => void;
}

/** Subscribes in the browser; returns the function that stops it. */
export function subscribe<T>(query: string, variables: Record<string, unknown>, handlers: LiveHandlers<T>): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  const catchUp = (changes: MissedChange[] | null) => handlers.missed(changes);
  catchUps.add(catchUp);
  void connect().then((c) => {
    if (stopped) return;
    stop = c.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          seen(result.extensions as Record<string, unknown> | undefined);
          if (result.data) handlers.next(result.data);
        },
        error: (error) => console.warn('live update failed', error),
        complete: () => {},
      },
    );
  });
  return () => {
    stopped = true;
    catchUps.delete(catchUp);
    stop?.();
  };
}
