// Threaded comments on targets and policies, mentions and notifications, and live events.
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

async function as(email: string | null): Promise<TestClient> {
  const client = new TestClient(platform.url);
  if (email) dataOf(await client.signIn(email, TEST_PASSWORD));
  return client;
}

async function nakaharaTarget(state: 'DRAFT' | 'IN_REVIEW' = 'IN_REVIEW') {
  const db = platform.database.prisma;
  const m = await db.membership.findFirstOrThrow({
    where: { user: { email: 'section.nakahara@example.jp' }, role: 'SECTION_MEMBER' },
  });
  const row = await db.improvementTarget.create({
    data: {
      sectionId: m.sectionId!,
      fiscalYear: 2026,
      state,
      title: '窓口の待ち時間短縮',
      description: '呼出表示を番号と窓口名で案内する',
    },
  });
  return { ...row, gid: globalId('ImprovementTarget', row.id) };
}

const ADD = `mutation A($input: AddCommentInput!) { addComment(input: $input) { id body quote author { displayName } } }`;
const THREADS = `query T($id: ID!) { node(id: $id) { ... on ImprovementTarget { viewerCanComment
  comments(first: 50) { edges { node { id body resolvedAt isDeleted viewerCanEdit viewerCanResolve replies { body author { displayName } } } } } } } }`;

type Threads = {
  node: {
    viewerCanComment: boolean;
    comments: {
      edges: {
        node: {
          id: string;
          body: string;
          resolvedAt: string | null;
          isDeleted: boolean;
          viewerCanResolve: boolean;
          replies: { body: string }[];
        };
      }[];
    } | null;
  };
};

describe('comment threads', () => {
  it('threads, quotes, edits, resolves and reopens, with an audit trail', async () => {
    const target = await nakaharaTarget();
    const member = await as('committee.nakahara@example.jp');
    const section = await as('section.nakahara@example.jp');

    const root = dataOf(
      await member.request<{ addComment: { id: string; quote: string } }>(ADD, {
        input: { subjectId: target.gid, body: '表示の例を添付してください。', quote: '呼出表示' },
      }),
    ).addComment;
    expect(root.quote).toBe('呼出表示');
    dataOf(await section.request(ADD, { input: { parentId: root.id, body: '次の版で添付します。' } }));

    const edited = await member.request(
      `mutation E($input: EditCommentInput!) { editComment(input: $input) { body } }`,
      {
        input: { id: root.id, body: '表示の例（写真）を添付してください。' },
      },
    );
    expect(dataOf(edited)).toEqual({ editComment: { body: '表示の例（写真）を添付してください。' } });
    const notMine = await section.request(
      `mutation E($input: EditCommentInput!) { editComment(input: $input) { body } }`,
      {
        input: { id: root.id, body: '書き換え' },
      },
    );
    expect(errorCodes(notMine)).toEqual(['FORBIDDEN']);

    dataOf(
      await section.request(
        `mutation R($input: CommentRefInput!) { resolveCommentThread(input: $input) { resolvedAt } }`,
        { input: { id: root.id } },
      ),
    );
    const twice = await section.request(
      `mutation R($input: CommentRefInput!) { resolveCommentThread(input: $input) { resolvedAt } }`,
      { input: { id: root.id } },
    );
    expect(errorCodes(twice)).toEqual(['INVALID_STATE']);
    dataOf(
      await member.request(
        `mutation R($input: CommentRefInput!) { reopenCommentThread(input: $input) { resolvedAt } }`,
        { input: { id: root.id } },
      ),
    );

    const threads = dataOf(await member.request<Threads>(THREADS, { id: target.gid })).node;
    expect(threads.viewerCanComment).toBe(true);
    expect(threads.comments!.edges).toHaveLength(1);
    expect(threads.comments!.edges[0]!.node).toMatchObject({
      body: '表示の例（写真）を添付してください。',
      resolvedAt: null,
    });
    expect(threads.comments!.edges[0]!.node.replies.map((r) => r.body)).toEqual(['次の版で添付します。']);

    const actions = await platform.database.prisma.auditRecord.findMany({
      where: { subjectType: 'Comment' },
      select: { action: true },
    });
    expect(new Set(actions.map((a) => a.action))).toEqual(
      new Set(['comment.add', 'comment.edit', 'comment.resolve', 'comment.reopen']),
    );
  });

  it('notifies people mentioned by name and earlier participants of a thread', async () => {
    const target = await nakaharaTarget();
    const chair = await as('chair.nakahara@example.jp');
    const section = await as('section.nakahara@example.jp');
    const sectionUser = await platform.database.prisma.user.findUniqueOrThrow({
      where: { email: 'section.nakahara@example.jp' },
    });
    const outsider = await platform.database.prisma.user.findUniqueOrThrow({
      where: { email: 'section.miyamae@example.jp' },
    });
    const root = dataOf(
      await chair.request<{ addComment: { id: string } }>(ADD, {
        input: { subjectId: target.gid, body: '@section.nakahara 根拠を教えてください。@section.miyamae にも共有を。' },
      }),
    ).addComment;
    const mine = await section.request<{
      viewer: { unreadNotificationCount: number; notifications: { edges: { node: { id: string; kind: string } }[] } };
    }>(
      `{ viewer { unreadNotificationCount notifications(first: 10, unreadOnly: true) { edges { node { id kind } } } } }`,
    );
    const notifications = dataOf(mine).viewer;
    expect(notifications.notifications.edges.map((e) => e.node.kind)).toContain('MENTION');
    // Someone who may not read the target is not told about it, even when named.
    expect(
      await platform.database.prisma.notification.count({ where: { userId: outsider.id, subjectId: target.id } }),
    ).toBe(0);

    dataOf(await section.request(ADD, { input: { parentId: root.id, body: '調査結果を添付します。' } }));
    const chairUser = await platform.database.prisma.user.findUniqueOrThrow({
      where: { email: 'chair.nakahara@example.jp' },
    });
    expect(
      await platform.database.prisma.notification.count({
        where: { userId: chairUser.id, kind: 'COMMENT_REPLY', subjectId: target.id },
      }),
    ).toBe(1);

    const marked = dataOf(
      await section.request<{ markNotificationsRead: number }>(
        `mutation { markNotificationsRead(input: { all: true }) }`,
      ),
    );
    expect(marked.markNotificationsRead).toBeGreaterThan(0);
    expect(await platform.database.prisma.notification.count({ where: { userId: sectionUser.id, readAt: null } })).toBe(
      0,
    );
  });

  it('keeps comments internal and refuses bad input without writing', async () => {
    const target = await nakaharaTarget();
    const member = await as('committee.nakahara@example.jp');
    dataOf(await member.request(ADD, { input: { subjectId: target.gid, body: '確認しました。' } }));
    const before = await platform.database.prisma.comment.count();

    const anonymous = await (await as(null)).request<Threads>(THREADS, { id: target.gid });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);

    const cases: [Record<string, unknown>, string][] = [
      [{ subjectId: target.gid, body: 'x'.repeat(10_001) }, 'BAD_USER_INPUT'],
      [{ subjectId: target.gid, body: '   ' }, 'BAD_USER_INPUT'],
      [{ subjectId: target.gid, body: '引用', quote: '本文にない語句' }, 'BAD_USER_INPUT'],
      [{ body: '宛先なし' }, 'BAD_USER_INPUT'],
      [
        { subjectId: globalId('ImprovementTarget', '00000000-0000-7000-8000-000000000000'), body: '存在しない目標' },
        'NOT_FOUND',
      ],
      [{ subjectId: globalId('Ward', target.sectionId), body: '目標でも方針でもない' }, 'BAD_USER_INPUT'],
    ];
    for (const [input, code] of cases) {
      expect(errorCodes(await member.request(ADD, { input }))).toEqual([code]);
    }
    expect(await platform.database.prisma.comment.count()).toBe(before);
  });

  it('accepts comments on a draft policy from the ward’s committee only, and none once published', async () => {
    const ward = await platform.database.prisma.ward.findUniqueOrThrow({ where: { code: 'nakahara' } });
    const policy = await platform.database.prisma.improvementPolicy.create({
      data: { wardId: ward.id, fiscalYear: 2035, title: '方針案', body: '来庁者の動線を見直す。' },
    });
    const gid = globalId('ImprovementPolicy', policy.id);
    dataOf(
      await (
        await as('committee.nakahara@example.jp')
      ).request(ADD, { input: { subjectId: gid, body: '動線図があると良いです。' } }),
    );
    expect(
      errorCodes(
        await (await as('committee.miyamae@example.jp')).request(ADD, { input: { subjectId: gid, body: '他区から' } }),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(
        await (await as('section.nakahara@example.jp')).request(ADD, { input: { subjectId: gid, body: '所属から' } }),
      ),
    ).toEqual(['FORBIDDEN']);
    await platform.database.prisma.improvementPolicy.update({
      where: { id: policy.id },
      data: { status: 'PUBLISHED', publishedAt: new Date() },
    });
    expect(
      errorCodes(
        await (await as('committee.nakahara@example.jp')).request(ADD, { input: { subjectId: gid, body: '公開後' } }),
      ),
    ).toEqual(['INVALID_STATE']);
    expect(await platform.database.prisma.comment.count({ where: { policyId: policy.id } })).toBe(1);
  });
});

describe('who may comment on a 中原区 target in review', () => {
  const matrix: [string | null, string | null][] = [
    [null, 'UNAUTHENTICATED'],
    ['section.nakahara@example.jp', null],
    ['head.nakahara@example.jp', null],
    ['committee.nakahara@example.jp', null],
    ['chair.nakahara@example.jp', null],
    ['coordinator.nakahara@example.jp', null],
    ['mayor.nakahara@example.jp', null],
    ['director@example.jp', null],
    ['admin@example.jp', null],
    ['section.miyamae@example.jp', 'NOT_FOUND'],
    ['committee.miyamae@example.jp', 'NOT_FOUND'],
    ['mayor.miyamae@example.jp', 'NOT_FOUND'],
  ];
  it.each(matrix)('%s → %s', async (email, code) => {
    const target = await nakaharaTarget();
    const response = await (await as(email)).request(ADD, { input: { subjectId: target.gid, body: 'コメント' } });
    expect(errorCodes(response)).toEqual(code ? [code] : []);
    expect(await platform.database.prisma.comment.count({ where: { targetId: target.id } })).toBe(code ? 0 : 1);
  });
});

describe('live comments', () => {
  function ws(cookie: string | undefined) {
    return createClient({
      url: `${platform.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: cookie ? { cookie } : {} });
        }
      },
      retryAttempts: 0,
    });
  }

  it('delivers comments on a target to a subscriber as they are written', async () => {
    const target = await nakaharaTarget();
    const section = await as('section.nakahara@example.jp');
    const member = await as('committee.nakahara@example.jp');
    const client = ws(section.cookie);
    const received: { change: string; comment: { body: string } }[] = [];
    client.subscribe(
      {
        query: `subscription S($id: ID!) { commentEvents(subjectId: $id) { change comment { body } } }`,
        variables: { id: target.gid },
      },
      {
        next: (v) => received.push((v.data as { commentEvents: (typeof received)[number] }).commentEvents),
        error: () => {},
        complete: () => {},
      },
    );
    for (let i = 0; i < 50 && received.length === 0; i += 1) {
      dataOf(await member.request(ADD, { input: { subjectId: target.gid, body: `ライブ ${i}` } }));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(received[0]).toMatchObject({ change: 'ADDED', comment: { body: expect.stringMatching(/^ライブ/) } });
    await client.dispose();
  });

  it('refuses a subscription to comments of another ward’s draft', async () => {
    const target = await nakaharaTarget('DRAFT');
    const outsider = await as('committee.miyamae@example.jp');
    const client = ws(outsider.cookie);
    const outcome = await new Promise<unknown>((resolve) =>
      client.subscribe(
        {
          query: `subscription S($id: ID!) { commentEvents(subjectId: $id) { change } }`,
          variables: { id: target.gid },
        },
        { next: resolve, error: resolve, complete: () => resolve('complete') },
      ),
    );
    expect(JSON.stringify(outcome)).toContain('NOT_FOUND');
    await client.dispose();
  });
});
