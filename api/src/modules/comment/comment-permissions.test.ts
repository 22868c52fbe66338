// Who may edit, delete, resolve and reopen a comment thread, and whose notifications one may
// mark read: every role, each refusal typed, and a refusal never changes the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorCodes, globalId, TestClient } from '../../test/client.ts';
import { fastHash, startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../../test/server.ts';

let platform: TestPlatform;
const db = () => platform.database.prisma;

/** Accounts the sample data lacks: another section of 中原区 (member and head) and 宮前区's chair. */
const EXTRA_ACCOUNTS = [
  { email: 'pension.nakahara@example.test', role: 'SECTION_MEMBER', ward: 'nakahara', section: 'insurance-pension' },
  { email: 'pension-head.nakahara@example.test', role: 'SECTION_HEAD', ward: 'nakahara', section: 'insurance-pension' },
  { email: 'chair.miyamae@example.test', role: 'COMMITTEE_CHAIR', ward: 'miyamae', section: null },
] as const;

const ROLES = {
  anonymous: null,
  'API token (director, READ_ALL)': 'token',
  'section member, own section': 'section.nakahara@example.jp',
  'section head, own section': 'head.nakahara@example.jp',
  'section member, other section of the ward': 'pension.nakahara@example.test',
  'section head, other section of the ward': 'pension-head.nakahara@example.test',
  'section member, other ward': 'section.miyamae@example.jp',
  'committee member, own ward (author)': 'committee.nakahara@example.jp',
  'committee member, other ward': 'committee.miyamae@example.jp',
  'committee chair, own ward': 'chair.nakahara@example.jp',
  'committee chair, other ward': 'chair.miyamae@example.test',
  'ward coordinator': 'coordinator.nakahara@example.jp',
  'ward mayor, own ward': 'mayor.nakahara@example.jp',
  'ward mayor, other ward': 'mayor.miyamae@example.jp',
  'policy department': 'admin@example.jp',
  director: 'director@example.jp',
} as const;
type RoleName = keyof typeof ROLES;
const ROLE_NAMES = Object.keys(ROLES) as RoleName[];

const clients = new Map<RoleName, TestClient>();

beforeAll(async () => {
  platform = await startTestPlatform();
  const passwordHash = await fastHash(TEST_PASSWORD);
  for (const account of EXTRA_ACCOUNTS) {
    const ward = await db().ward.findUniqueOrThrow({ where: { code: account.ward } });
    const scope = account.section
      ? {
          sectionId: (
            await db().section.findUniqueOrThrow({
              where: { wardId_code: { wardId: ward.id, code: account.section } },
            })
          ).id,
        }
      : {
          committeeId: (
            await db().committee.findUniqueOrThrow({
              where: { kind_wardId: { kind: 'WARD_COMMITTEE', wardId: ward.id } },
            })
          ).id,
        };
    await db().user.create({
      data: {
        email: account.email,
        displayName: account.email.split('@')[0]!,
        passwordHash,
        memberships: { create: { role: account.role, ...scope } },
      },
    });
  }
  for (const name of ROLE_NAMES) {
    const who = ROLES[name];
    const client = new TestClient(platform.url);
    if (who === 'token') {
      const director = new TestClient(platform.url);
      dataOf(await director.signIn('director@example.jp', TEST_PASSWORD));
      const { token } = dataOf(
        await director.request<{ createApiToken: { token: string } }>(
          `mutation { createApiToken(input: { name: "comment matrix", scopes: [READ_ALL] }) { token } }`,
        ),
      ).createApiToken;
      clients.set(name, client.withToken(token));
    } else {
      if (who) dataOf(await client.signIn(who, TEST_PASSWORD));
      clients.set(name, client);
    }
  }
});
afterAll(async () => {
  await platform?.close();
});

const AUTHOR = 'committee.nakahara@example.jp';

/** A 中原区 区民課 target in review with one thread, started by a committee member, and one reply. */
async function thread(resolved: boolean) {
  const section = await db().section.findFirstOrThrow({ where: { code: 'citizens', ward: { code: 'nakahara' } } });
  const author = await db().user.findUniqueOrThrow({ where: { email: AUTHOR } });
  const replier = await db().user.findUniqueOrThrow({ where: { email: 'section.nakahara@example.jp' } });
  const chair = await db().user.findUniqueOrThrow({ where: { email: 'chair.nakahara@example.jp' } });
  const target = await db().improvementTarget.create({
    data: { sectionId: section.id, fiscalYear: 2026, state: 'IN_REVIEW', title: '案内表示の統一', description: '' },
  });
  const root = await db().comment.create({
    data: {
      targetId: target.id,
      authorId: author.id,
      body: '指標の根拠を示してください。',
      ...(resolved ? { resolvedAt: new Date(), resolvedById: chair.id } : {}),
    },
  });
  await db().comment.create({
    data: { targetId: target.id, authorId: replier.id, parentId: root.id, body: '次の版で示します。' },
  });
  return { target, root, gid: globalId('Comment', root.id) };
}

/** What a refused comment mutation must leave as it was. */
async function commentState(targetId: string) {
  return JSON.stringify([
    await db().comment.findMany({ where: { targetId }, orderBy: { id: 'asc' } }),
    await db().auditRecord.count({ where: { subjectType: 'Comment' } }),
    await db().notification.count(),
  ]);
}

const MUTATIONS = {
  editComment: {
    query: `mutation M($input: EditCommentInput!) { editComment(input: $input) { id body editedAt } }`,
    input: (id: string) => ({ id, body: '書き換えた本文' }),
    resolved: false,
  },
  deleteComment: {
    query: `mutation M($input: CommentRefInput!) { deleteComment(input: $input) { id isDeleted } }`,
    input: (id: string) => ({ id }),
    resolved: false,
  },
  resolveCommentThread: {
    query: `mutation M($input: CommentRefInput!) { resolveCommentThread(input: $input) { id resolvedAt } }`,
    input: (id: string) => ({ id }),
    resolved: false,
  },
  reopenCommentThread: {
    query: `mutation M($input: CommentRefInput!) { reopenCommentThread(input: $input) { id resolvedAt } }`,
    input: (id: string) => ({ id }),
    resolved: true,
  },
} as const;

const AUTHOR_ONLY: RoleName[] = ['committee member, own ward (author)'];
// The thread's author, the section that owns the target, and who runs the ward committee.
const THREAD_KEEPERS: RoleName[] = [
  'committee member, own ward (author)',
  'section member, own section',
  'section head, own section',
  'committee chair, own ward',
  'ward coordinator',
];
const ALLOWED: Record<keyof typeof MUTATIONS, RoleName[]> = {
  editComment: AUTHOR_ONLY,
  deleteComment: AUTHOR_ONLY,
  resolveCommentThread: THREAD_KEEPERS,
  reopenCommentThread: THREAD_KEEPERS,
};

/** Refusals: sign in first; another ward's staff cannot see a target in review at all; the rest lack the right. */
function refusal(role: RoleName): string {
  if (role === 'anonymous') return 'UNAUTHENTICATED';
  if (role === 'API token (director, READ_ALL)') return 'FORBIDDEN';
  if (role.endsWith('other ward')) return 'NOT_FOUND';
  return 'FORBIDDEN';
}

describe('who may edit, delete, resolve and reopen a comment on a 中原区 target in review', () => {
  for (const [name, mutation] of Object.entries(MUTATIONS) as [
    keyof typeof MUTATIONS,
    (typeof MUTATIONS)[keyof typeof MUTATIONS],
  ][]) {
    it.each(ROLE_NAMES)(`${name}: %s`, async (role) => {
      const { target, gid } = await thread(mutation.resolved);
      const before = await commentState(target.id);
      const response = await clients.get(role)!.request(mutation.query, { input: mutation.input(gid) });
      if (ALLOWED[name].includes(role)) {
        expect(errorCodes(response)).toEqual([]);
        expect(await commentState(target.id)).not.toBe(before);
        return;
      }
      expect(errorCodes(response)).toEqual([refusal(role)]);
      expect(response.body.errors![0]!.extensions!.messages).toEqual({
        ja: expect.any(String),
        en: expect.any(String),
      });
      expect(await commentState(target.id)).toBe(before);
    });
  }

  it('tells each viewer the same answer in viewerCanEdit and viewerCanResolve as the mutations give', async () => {
    const { target } = await thread(false);
    for (const role of ROLE_NAMES.filter((r) => refusal(r) === 'FORBIDDEN' || ALLOWED.editComment.includes(r))) {
      if (role === 'API token (director, READ_ALL)') continue;
      const response = await clients.get(role)!.request<{
        node: { comments: { edges: { node: { viewerCanEdit: boolean; viewerCanResolve: boolean } }[] } };
      }>(`query Q($id: ID!) { node(id: $id) { ... on ImprovementTarget { comments(first: 5) { edges { node { viewerCanEdit viewerCanResolve } } } } } }`, { id: globalId('ImprovementTarget', target.id) });
      const root = dataOf(response).node.comments.edges[0]!.node;
      expect({ role, ...root }).toEqual({
        role,
        viewerCanEdit: ALLOWED.editComment.includes(role),
        viewerCanResolve: ALLOWED.resolveCommentThread.includes(role),
      });
    }
  });

  it('refuses to edit a deleted comment, even for its author, and keeps it deleted', async () => {
    const { target, root, gid } = await thread(false);
    await db().comment.update({ where: { id: root.id }, data: { body: '', deletedAt: new Date() } });
    const before = await commentState(target.id);
    const response = await clients
      .get('committee member, own ward (author)')!
      .request(MUTATIONS.editComment.query, { input: MUTATIONS.editComment.input(gid) });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(await commentState(target.id)).toBe(before);
  });

  it('refuses to resolve a reply instead of its thread, without changing anything', async () => {
    const { target, root } = await thread(false);
    const reply = await db().comment.findFirstOrThrow({ where: { parentId: root.id } });
    const before = await commentState(target.id);
    const response = await clients
      .get('committee chair, own ward')!
      .request(MUTATIONS.resolveCommentThread.query, { input: { id: globalId('Comment', reply.id) } });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(await commentState(target.id)).toBe(before);
  });
});

describe('marking notifications read', () => {
  const MARK = `mutation M($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) }`;

  async function notificationsFor(email: string, count: number) {
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    const rows = [];
    for (let i = 0; i < count; i += 1) {
      rows.push(
        await db().notification.create({
          data: {
            userId: user.id,
            kind: 'MENTION',
            subjectType: 'ImprovementTarget',
            subjectId: '00000000-0000-7000-8000-000000000001',
            groupKey: 'ImprovementTarget:00000000-0000-7000-8000-000000000001',
          },
        }),
      );
    }
    return rows;
  }

  const unread = (ids: string[]) => db().notification.count({ where: { id: { in: ids }, readAt: null } });

  it('marks only your own notifications: someone else’s ids change nothing and count zero', async () => {
    const theirs = await notificationsFor('chair.nakahara@example.jp', 2);
    const mine = await notificationsFor('section.nakahara@example.jp', 1);
    const member = clients.get('section member, own section')!;
    const ids = theirs.map((n) => n.id);

    const response = await member.request<{ markNotificationsRead: number }>(MARK, {
      input: { ids: ids.map((id) => globalId('Notification', id)) },
    });
    expect(dataOf(response).markNotificationsRead).toBe(0);
    expect(await unread(ids)).toBe(2);

    // Mixed with one of your own: only yours is marked.
    const mixed = await member.request<{ markNotificationsRead: number }>(MARK, {
      input: { ids: [...ids, mine[0]!.id].map((id) => globalId('Notification', id)) },
    });
    expect(dataOf(mixed).markNotificationsRead).toBe(1);
    expect(await unread(ids)).toBe(2);
    expect(await unread([mine[0]!.id])).toBe(0);
  });

  it('marks all of your notifications with all: true, and nobody else’s', async () => {
    const theirs = await notificationsFor('chair.nakahara@example.jp', 2);
    await notificationsFor('head.nakahara@example.jp', 3);
    const head = await db().user.findUniqueOrThrow({ where: { email: 'head.nakahara@example.jp' } });
    const response = await clients
      .get('section head, own section')!
      .request<{ markNotificationsRead: number }>(MARK, { input: { all: true } });
    expect(dataOf(response).markNotificationsRead).toBeGreaterThanOrEqual(3);
    expect(await db().notification.count({ where: { userId: head.id, readAt: null } })).toBe(0);
    expect(await unread(theirs.map((n) => n.id))).toBe(2);
  });

  it('refuses anonymous callers and API tokens, changing nothing', async () => {
    const theirs = await notificationsFor('director@example.jp', 2);
    const ids = theirs.map((n) => n.id);
    for (const [role, code] of [
      ['anonymous', 'UNAUTHENTICATED'],
      ['API token (director, READ_ALL)', 'FORBIDDEN'],
    ] as const) {
      const byIds = await clients
        .get(role)!
        .request(MARK, { input: { ids: ids.map((id) => globalId('Notification', id)) } });
      expect(errorCodes(byIds)).toEqual([code]);
      expect(errorCodes(await clients.get(role)!.request(MARK, { input: { all: true } }))).toEqual([code]);
    }
    expect(await unread(ids)).toBe(2);
  });

  it('does not show one user’s notification to another', async () => {
    const [theirs] = await notificationsFor('chair.nakahara@example.jp', 1);
    const response = await clients
      .get('section member, own section')!
      .request(`query N($id: ID!) { node(id: $id) { ... on Notification { kind } } }`, {
        id: globalId('Notification', theirs!.id),
      });
    expect(errorCodes(response)).toEqual([]);
    expect(response.body.data).toEqual({ node: null });
  });
});
