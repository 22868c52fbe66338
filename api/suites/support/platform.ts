// Shared set-up for the suites: users with sessions, boards made through GraphQL, a rate
// limiter without budgets (the suites send thousands of requests as a handful of users; the
// budgets themselves are tested in src/http), and waiting for a condition.
import { dataOf, globalId, rowId, TestClient } from '../../src/test/client.ts';
import type { RateLimiter } from '../../src/http/rate-limit.ts';

export const unlimited: RateLimiter = {
  take: (_key, _points, limit, now) => ({ limit, remaining: limit, resetAt: now, allowed: true, retryAfterSeconds: 0 }),
};

export const FACILITATOR = 'facilitator@example.jp';
export const MEMBER = 'section.nakahara@example.jp';

export async function signIn(url: string, email: string, password: string): Promise<string> {
  const client = new TestClient(url);
  dataOf(await client.signIn(email, password));
  return client.cookie!;
}

/**
 * Transient server errors met and retried: Prisma gives up waiting for a connection after 2 s
 * ("Unable to start a transaction in the given time"), which PGlite's single connection meets
 * when the machine is starved of CPU. Reported by the suites, not hidden.
 */
export const transient = { retried: 0 };
const TRANSIENT = 'Unable to start a transaction in the given time';

export const isTransient = (response: { body: { errors?: { message: string }[] } }) =>
  response.body.errors?.some((e) => e.message.includes(TRANSIENT)) ?? false;

/**
 * A GraphQL call as the holder of `cookie`, against whichever server is current. `retry`
 * only for operations that change nothing when they fail that way (some board mutations
 * write the document before their transaction: not those).
 */
export async function graphql<T>(
  url: string,
  cookie: string,
  query: string,
  variables?: Record<string, unknown>,
  { retry = false } = {},
) {
  const client = new TestClient(url);
  client.cookie = cookie;
  for (let attempt = 1; ; attempt += 1) {
    const response = await client.request<T>(query, variables);
    if (!retry || !isTransient(response) || attempt === 3) return response;
    transient.retried += 1;
    await sleep(200 * attempt);
  }
}

/** A response's errors, short enough for a failure message. */
export function errorsOf(response: { body: { errors?: { message: string; extensions?: Record<string, unknown> }[] } }) {
  return JSON.stringify(
    (response.body.errors ?? []).map((e) => ({ code: e.extensions?.code, message: e.message.slice(0, 200) })),
  );
}

/** A new REVISION_WORKSHOP board of the revision working group; returns its row id. */
export async function createBoard(url: string, facilitatorCookie: string, committeeRowId: string, title: string) {
  const response = await graphql<{ createBoard: { id: string } }>(
    url,
    facilitatorCookie,
    `
      mutation C($input: CreateBoardInput!) {
        createBoard(input: $input) {
          id
        }
      }
    `,
    {
      input: {
        title,
        template: 'REVISION_WORKSHOP',
        committeeId: globalId('Committee', committeeRowId),
        workshopDate: '2026-12-01',
      },
    },
  );
  if (!response.body.data?.createBoard) throw new Error(`createBoard: ${errorsOf(response)}`);
  return rowId(response.body.data.createBoard.id);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `done()` holds; false when `timeoutMs` passed first. */
export async function until(done: () => boolean, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) return false;
    await sleep(everyMs);
  }
  return true;
}
