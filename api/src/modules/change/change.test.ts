// The change feed on one instance (no Redis): event ids on subscription results, and
// changesSince authorised as the subscriptions are.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorCodes, globalId, TestClient } from '../../test/client.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../../test/server.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.close();
});

const ADD = `mutation A($input: AddCommentInput!) { addComment(input: $input) { id } }`;
const CHANGES = `query C($after: ID, $first: Int) { changesSince(after: $after, first: $first) {
  changes { eventId topic change subjectType subjectId at } lastEventId hasMore expired } }`;

type Feed = {
  changes: { eventId: string; topic: string; change: string | null; subjectType: string; subjectId: string }[];
  lastEventId: string | null;
  hasMore: boolean;
  expired: boolean;
};

async function session(email: string): Promise<TestClient> {
  const client = new TestClient(platform.url);
  dataOf(await client.signIn(email, TEST_PASSWORD));
  return client;
}

describe('change feed', () => {
  it('gives each subscription result an event id that changesSince continues from, for the viewers who may see it', async () => {
    const m = await platform.database.prisma.membership.findFirstOrThrow({
      where: { user: { email: 'section.nakahara@example.jp' }, role: 'SECTION_MEMBER' },
    });
    const row = await platform.database.prisma.improvementTarget.create({
      data: { sectionId: m.sectionId!, fiscalYear: 2026, state: 'IN_REVIEW', title: '変更通知', description: '' },
    });
    const subject = globalId('ImprovementTarget', row.id);
    const writer = await session('committee.nakahara@example.jp');
    const outsider = await session('section.miyamae@example.jp');
    const anonymous = new TestClient(platform.url);

    const received: { body: string; eventId: string }[] = [];
    const client = createClient({
      url: `${platform.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: { cookie: writer.cookie! } });
        }
      },
      retryAttempts: 0,
    });
    client.subscribe(
      {
        query: `subscription S($id: ID!) { commentEvents(subjectId: $id) { comment { body } } }`,
        variables: { id: subject },
      },
      {
        next: (result) => {
          const body = (result.data as { commentEvents: { comment: { body: string } } }).commentEvents.comment.body;
          received.push({ body, eventId: (result.extensions as { eventId: string }).eventId });
        },
        error: () => {},
        complete: () => {},
      },
    );
    for (let i = 0; i < 50 && received.length === 0; i += 1) {
      dataOf(await writer.request(ADD, { input: { subjectId: subject, body: `準備 ${i}` } }));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(received.length).toBeGreaterThan(0);
    const seen = received.at(-1)!.eventId;
    expect(seen).toMatch(/^\d+$/);
    await client.dispose();

    // Written while the client was away.
    const missed = dataOf(
      await writer.request<{ addComment: { id: string } }>(ADD, { input: { subjectId: subject, body: '不在中' } }),
    ).addComment.id;
    await platform.server.pubsub.flush();

    const feed = dataOf(await writer.request<{ changesSince: Feed }>(CHANGES, { after: seen })).changesSince;
    expect(feed).toMatchObject({ hasMore: false, expired: false });
    expect(feed.changes).toContainEqual(
      expect.objectContaining({ topic: 'COMMENT_CHANGED', change: 'ADDED', subjectType: 'Comment', subjectId: missed }),
    );
    expect(BigInt(feed.lastEventId!)).toBeGreaterThan(BigInt(seen));
    // Asked again from where it ended, nothing is new.
    const again = dataOf(
      await writer.request<{ changesSince: Feed }>(CHANGES, { after: feed.lastEventId }),
    ).changesSince;
    expect(again.changes).toEqual([]);
    expect(again.lastEventId).toBe(feed.lastEventId);

    // Another ward's staff and anonymous callers are not told of the ward's comments.
    for (const other of [outsider, anonymous]) {
      const theirs = dataOf(await other.request<{ changesSince: Feed }>(CHANGES, { after: seen })).changesSince;
      expect(theirs.changes.map((c) => c.subjectId)).not.toContain(missed);
      expect(theirs.lastEventId).toBe(feed.lastEventId);
    }
  });

  it('pages with first and hasMore', async () => {
    const writer = await session('committee.nakahara@example.jp');
    const page = dataOf(await writer.request<{ changesSince: Feed }>(CHANGES, { first: 1 })).changesSince;
    expect(page.hasMore).toBe(true);
    const next = dataOf(
      await writer.request<{ changesSince: Feed }>(CHANGES, { after: page.lastEventId, first: 1 }),
    ).changesSince;
    expect(BigInt(next.lastEventId!)).toBeGreaterThan(BigInt(page.lastEventId!));
  });

  it('refuses a malformed event id or page size with a typed error', async () => {
    const anonymous = new TestClient(platform.url);
    for (const variables of [{ after: 'abc' }, { first: 0 }, { first: 501 }]) {
      const response = await anonymous.request(CHANGES, variables);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    }
  });
});
