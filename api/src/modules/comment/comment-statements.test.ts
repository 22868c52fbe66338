// What one comment costs the database: the mutation (authentication included) and its
// delivery to every subscriber of the subject is a fixed number of SQL statements, however
// many subscribers (and permission classes) listen.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, globalId, TestClient } from '../../test/client.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../../test/server.ts';

let platform: TestPlatform;
const statements: string[] = [];
let counting = false;
beforeAll(async () => {
  platform = await startTestPlatform({ onQuery: (e) => counting && statements.push(e.query) });
});
afterAll(async () => {
  await platform?.close();
});

const ADD = `mutation A($input: AddCommentInput!) { addComment(input: $input) { id body viewerCanEdit } }`;
const WATCH = `subscription S($id: ID!) { commentEvents(subjectId: $id) { change comment { id body viewerCanEdit } } }`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function session(email: string): Promise<TestClient> {
  const client = new TestClient(platform.url);
  dataOf(await client.signIn(email, TEST_PASSWORD));
  return client;
}

function watch(cookie: string | undefined, subjectId: string, received: string[]): Client {
  const client = createClient({
    url: `${platform.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: cookie ? { cookie } : {} });
      }
    },
    retryAttempts: 0,
  });
  client.subscribe(
    { query: WATCH, variables: { id: subjectId } },
    {
      next: (result) => {
        const body = (result.data as { commentEvents?: { comment: { body: string } } } | null | undefined)
          ?.commentEvents?.comment.body;
        received.push(body ?? JSON.stringify(result.errors));
      },
      error: (error) => received.push(JSON.stringify(error)),
      complete: () => {},
    },
  );
  return client;
}

/**
 * The statements of one addComment and its delivery to subscribers that are sessions of
 * `readers` (round robin), `count` of them.
 */
async function statementsOfOneComment(readers: TestClient[], count: number, mentions = ''): Promise<string[]> {
  const db = platform.database.prisma;
  const m = await db.membership.findFirstOrThrow({
    where: { user: { email: 'section.nakahara@example.jp' }, role: 'SECTION_MEMBER' },
  });
  const target = await db.improvementTarget.create({
    data: { sectionId: m.sectionId!, fiscalYear: 2026, state: 'IN_REVIEW', title: '番号案内の改善', description: '' },
  });
  const gid = globalId('ImprovementTarget', target.id);
  const writer = readers[0]!;
  const received: string[][] = Array.from({ length: count }, () => []);
  const clients = received.map((list, i) => watch(readers[i % readers.length]!.cookie, gid, list));
  // Warm up until every subscriber listens, and let the last warm-up event settle.
  for (let attempt = 0; attempt < 50 && received.some((r) => r.length === 0); attempt += 1) {
    dataOf(await writer.request(ADD, { input: { subjectId: gid, body: `準備 ${attempt}` } }));
    await pause(100);
  }
  expect(received.every((r) => r.length > 0)).toBe(true);
  await pause(300);

  const body = `数えるコメント ${count} ${mentions}`.trim();
  statements.length = 0;
  counting = true;
  dataOf(await writer.request(ADD, { input: { subjectId: gid, body } }));
  for (let i = 0; i < 100 && !received.every((r) => r.includes(body)); i += 1) await pause(20);
  await pause(300);
  counting = false;
  expect(received.map((r) => r.filter((b) => b === body).length)).toEqual(received.map(() => 1));
  await Promise.all(clients.map((c) => c.dispose()));
  return [...statements];
}

describe('one comment added, delivered to its subject’s subscribers', () => {
  it('costs the same SQL statements for one subscriber as for twelve (four sessions of three users)', async () => {
    const readers = await Promise.all(
      ['committee.nakahara@example.jp', 'chair.nakahara@example.jp', 'section.nakahara@example.jp'].map(session),
    );
    const writerAgain = await session('committee.nakahara@example.jp');
    const one = await statementsOfOneComment(readers.slice(0, 1), 1);
    const twelve = await statementsOfOneComment([...readers, writerAgain], 12);
    if (process.env.SHISHIN_PRINT_STATEMENTS) console.log([one.length, ...one].join('\n'));
    expect(twelve).toEqual(one);
    // Authentication 1; the transaction 5 (BEGIN, the subject, the comment, its audit record,
    // COMMIT); the mutation's result none (the inserted row and the subject are at hand); the
    // change feed 4 (BEGIN, its lock, one insert of every event published together, COMMIT);
    // for all subscribers together, the subject 1 and the comment 1.
    expect(one).toHaveLength(12);
  });

  it('costs the same SQL statements for a mention of one person as for a mention of four', async () => {
    const writer = await session('committee.nakahara@example.jp');
    const one = await statementsOfOneComment([writer], 1, '@chair.nakahara');
    const four = await statementsOfOneComment(
      [writer],
      1,
      '@chair.nakahara @section.nakahara @coordinator.nakahara @mayor.nakahara',
    );
    expect(four.length).toBe(one.length);
    // Twelve as above, and three for the mentions: the named users, their viewers, one insert
    // of all notifications (their events join the comment's in the feed's one insert).
    expect(one).toHaveLength(15);
    const db = platform.database.prisma;
    const mentioned = await db.notification.findMany({
      where: { kind: 'MENTION', createdAt: { gt: new Date(Date.now() - 60_000) } },
      select: { user: { select: { email: true } } },
    });
    expect(mentioned.map((n) => n.user.email).sort()).toEqual([
      'chair.nakahara@example.jp',
      'chair.nakahara@example.jp',
      'coordinator.nakahara@example.jp',
      'mayor.nakahara@example.jp',
      'section.nakahara@example.jp',
    ]);
  });
});
