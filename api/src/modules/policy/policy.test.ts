// The ward mayor's improvement policy (区役所サービス向上方針): drafted, edited and published by
// that ward's mayor only; everyone else is refused and nothing changes.
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

const CREATE = `mutation C($input: CreateImprovementPolicyInput!) {
  createImprovementPolicy(input: $input) { id status title updatedAt viewerCanEdit }
}`;
const UPDATE = `mutation U($input: UpdateImprovementPolicyInput!) {
  updateImprovementPolicy(input: $input) { id title updatedAt }
}`;
const PUBLISH = `mutation P($input: PublishImprovementPolicyInput!) {
  publishImprovementPolicy(input: $input) { id status publishedAt }
}`;

async function wardId(code: string): Promise<string> {
  const ward = await platform.database.prisma.ward.findUniqueOrThrow({ where: { code } });
  return globalId('Ward', ward.id);
}

/** A fresh draft policy of a ward for a year no sample policy uses. */
async function draftPolicy(code: string, fiscalYear: number) {
  const ward = await platform.database.prisma.ward.findUniqueOrThrow({ where: { code } });
  const row = await platform.database.prisma.improvementPolicy.create({
    data: { wardId: ward.id, fiscalYear, title: '来庁者にわかりやすい区役所', body: '案内表示を統一する。' },
  });
  return { ...row, gid: globalId('ImprovementPolicy', row.id) };
}

describe('a ward mayor’s policy', () => {
  it('is drafted, edited and published by the ward’s mayor, with an audit trail', async () => {
    const mayor = await as('mayor.nakahara@example.jp');
    const created = dataOf(
      await mayor.request<{
        createImprovementPolicy: { id: string; status: string; updatedAt: string; viewerCanEdit: boolean };
      }>(CREATE, {
        input: {
          wardId: await wardId('nakahara'),
          fiscalYear: 2030,
          title: '令和12年度 中原区役所サービス向上方針',
          body: '待ち時間の短縮に取り組む。',
        },
      }),
    ).createImprovementPolicy;
    expect(created).toMatchObject({ status: 'DRAFT', viewerCanEdit: true });

    const edited = dataOf(
      await mayor.request<{ updateImprovementPolicy: { title: string; updatedAt: string } }>(UPDATE, {
        input: { id: created.id, expectedUpdatedAt: created.updatedAt, title: '令和12年度 方針（改訂）' },
      }),
    ).updateImprovementPolicy;
    expect(edited.title).toBe('令和12年度 方針（改訂）');

    const stale = await mayor.request(UPDATE, {
      input: { id: created.id, expectedUpdatedAt: created.updatedAt, title: '古い版から' },
    });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);

    const published = dataOf(
      await mayor.request<{ publishImprovementPolicy: { status: string; publishedAt: string } }>(PUBLISH, {
        input: { id: created.id },
      }),
    );
    expect(published.publishImprovementPolicy.status).toBe('PUBLISHED');
    const readBack = dataOf(
      await mayor.request<{ node: { viewerCanEdit: boolean } }>(
        `query ($id: ID!) { node(id: $id) { ... on ImprovementPolicy { viewerCanEdit } } }`,
        { id: created.id },
      ),
    );
    expect(readBack.node.viewerCanEdit).toBe(false);

    const afterPublish = await mayor.request(UPDATE, {
      input: { id: created.id, expectedUpdatedAt: edited.updatedAt, title: '公開後の変更' },
    });
    expect(errorCodes(afterPublish)).toEqual(['INVALID_STATE']);
    const republish = await mayor.request(PUBLISH, { input: { id: created.id } });
    expect(errorCodes(republish)).toEqual(['INVALID_STATE']);

    const actions = await platform.database.prisma.auditRecord.findMany({
      where: { subjectType: 'ImprovementPolicy' },
      select: { action: true },
      orderBy: { createdAt: 'asc' },
    });
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['policy.create', 'policy.update', 'policy.publish']),
    );

    const anonymous = await as(null);
    const publicView = dataOf(
      await anonymous.request<{ ward: { improvementPolicy: { title: string } | null } }>(
        `{ ward(code: "nakahara") { improvementPolicy(fiscalYear: 2030) { title } } }`,
      ),
    );
    expect(publicView.ward.improvementPolicy?.title).toBe('令和12年度 方針（改訂）');
  });

  it('allows one policy per ward and year', async () => {
    const mayor = await as('mayor.miyamae@example.jp');
    const input = { wardId: await wardId('miyamae'), fiscalYear: 2031, title: '方針', body: '本文' };
    dataOf(await mayor.request(CREATE, { input }));
    const second = await mayor.request(CREATE, { input });
    expect(errorCodes(second)).toEqual(['CONFLICT']);
    expect(second.body.errors?.[0]?.message).toBe('この区のこの年度の区役所サービス向上方針は既にあります。');
  });

  it('rejects over-long and empty texts and out-of-range years before writing', async () => {
    const mayor = await as('mayor.nakahara@example.jp');
    const ward = await wardId('nakahara');
    for (const input of [
      { wardId: ward, fiscalYear: 2032, title: 'x'.repeat(201), body: '本文' },
      { wardId: ward, fiscalYear: 2032, title: '方針', body: '   ' },
      { wardId: ward, fiscalYear: 3000, title: '方針', body: '本文' },
    ]) {
      expect(errorCodes(await mayor.request(CREATE, { input }))).toEqual(['BAD_USER_INPUT']);
    }
    expect(
      await platform.database.prisma.improvementPolicy.count({ where: { fiscalYear: { in: [2032, 3000] } } }),
    ).toBe(0);
  });
});

describe('the permission matrix for policy mutations', () => {
  // Everyone but the ward's own mayor is refused; a draft of another ward is not even visible.
  const others: [string | null, string][] = [
    [null, 'UNAUTHENTICATED'],
    ['section.nakahara@example.jp', 'FORBIDDEN'],
    ['head.nakahara@example.jp', 'FORBIDDEN'],
    ['committee.nakahara@example.jp', 'FORBIDDEN'],
    ['chair.nakahara@example.jp', 'FORBIDDEN'],
    ['coordinator.nakahara@example.jp', 'FORBIDDEN'],
    ['director@example.jp', 'FORBIDDEN'],
    ['admin@example.jp', 'FORBIDDEN'],
    ['mayor.miyamae@example.jp', 'NOT_FOUND'],
    ['section.miyamae@example.jp', 'NOT_FOUND'],
    ['committee.miyamae@example.jp', 'NOT_FOUND'],
  ];

  it.each(others)('refuses %s and changes nothing', async (email, code) => {
    const draft = await draftPolicy('nakahara', 2040 + others.findIndex(([e]) => e === email));
    const client = await as(email);
    const before = await platform.database.prisma.improvementPolicy.findUniqueOrThrow({ where: { id: draft.id } });

    const update = await client.request(UPDATE, {
      input: { id: draft.gid, expectedUpdatedAt: draft.updatedAt.toISOString(), title: '改ざん' },
    });
    const publish = await client.request(PUBLISH, { input: { id: draft.gid } });
    const create = await client.request(CREATE, {
      input: { wardId: await wardId('nakahara'), fiscalYear: 2060, title: '勝手な方針', body: '本文' },
    });
    expect(errorCodes(update)).toEqual([code]);
    expect(errorCodes(publish)).toEqual([code]);
    // Creating names the ward directly: no existence to hide, so it is FORBIDDEN for every signed-in outsider.
    expect(errorCodes(create)).toEqual([email ? 'FORBIDDEN' : 'UNAUTHENTICATED']);

    expect(await platform.database.prisma.improvementPolicy.findUniqueOrThrow({ where: { id: draft.id } })).toEqual(
      before,
    );
    expect(await platform.database.prisma.improvementPolicy.count({ where: { fiscalYear: 2060 } })).toBe(0);
  });
});
