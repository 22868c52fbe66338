// One target through the whole yearly cycle, and who may move it at each step.
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

type State = 'DRAFT' | 'IN_REVIEW' | 'CHANGES_REQUESTED' | 'APPROVED' | 'PUBLISHED';

/** A target of 中原区 区民課 (the section of section.nakahara@) in the given state. */
async function targetIn(state: State, fiscalYear = 2026) {
  const db = platform.database.prisma;
  const membership = await db.membership.findFirstOrThrow({
    where: { user: { email: 'section.nakahara@example.jp' }, role: 'SECTION_MEMBER' },
  });
  const row = await db.improvementTarget.create({
    data: {
      sectionId: membership.sectionId!,
      fiscalYear,
      state,
      title: '証明書発行の待ち時間短縮',
      description: '番号札の案内を改善する',
      unit: '分',
      targetValue: '15',
    },
  });
  return { ...row, gid: globalId('ImprovementTarget', row.id) };
}

const TARGET = `id state version result { state achievementLevel lateReason }
  reviewRounds { id number status assignedCount reviewedCount reviewers { displayName hasReviewed decision } }`;
const M = {
  submit: `mutation M($input: SubmitImprovementTargetInput!) { submitImprovementTarget(input: $input) { ${TARGET} } }`,
  approve: `mutation M($input: ImprovementTargetRefInput!) { approveImprovementTarget(input: $input) { ${TARGET} } }`,
  requestChanges: `mutation M($input: RequestTargetChangesInput!) { requestImprovementTargetChanges(input: $input) { ${TARGET} } }`,
  publish: `mutation M($input: ImprovementTargetRefInput!) { publishImprovementTarget(input: $input) { ${TARGET} } }`,
  review: `mutation M($input: RecordReviewInput!) { recordReview(input: $input) { id status reviewedCount reviewers { displayName hasReviewed decision } } }`,
  report: `mutation M($input: ReportTargetResultInput!) { reportTargetResult(input: $input) { ${TARGET} } }`,
  confirm: `mutation M($input: ImprovementTargetRefInput!) { confirmTargetResult(input: $input) { ${TARGET} } }`,
  publishResult: `mutation M($input: ImprovementTargetRefInput!) { publishTargetResult(input: $input) { ${TARGET} } }`,
};

type Target = {
  id: string;
  state: State;
  version: number;
  result: { state: string; achievementLevel: string; lateReason: string | null } | null;
  reviewRounds: {
    id: string;
    number: number;
    status: string;
    assignedCount: number;
    reviewedCount: number;
    reviewers: { hasReviewed: boolean }[];
  }[];
};

function only<T>(data: Record<string, T>): T {
  return Object.values(data)[0]!;
}

describe('the yearly cycle of a target', () => {
  it('goes draft → review → changes → review → approved → published → result reported, confirmed, published', async () => {
    const section = await as('section.nakahara@example.jp');
    const member = await as('committee.nakahara@example.jp');
    const chair = await as('chair.nakahara@example.jp');
    const coordinator = await as('coordinator.nakahara@example.jp');
    const mayor = await as('mayor.nakahara@example.jp');
    const draft = await targetIn('DRAFT');

    // A live watcher sees the state changes as they happen.
    const states: string[] = [];
    const ws = createClient({
      url: `${platform.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: { cookie: chair.cookie! } });
        }
      },
      retryAttempts: 0,
    });
    ws.subscribe(
      {
        query: `subscription S($id: ID!) { improvementTargetChanged(id: $id) { state } }`,
        variables: { id: draft.gid },
      },
      {
        next: (v) =>
          states.push((v.data as { improvementTargetChanged: { state: string } }).improvementTargetChanged.state),
        error: () => {},
        complete: () => {},
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    let target = only(
      dataOf(
        await section.request<Record<string, Target>>(M.submit, {
          input: { id: draft.gid, expectedVersion: draft.version },
        }),
      ),
    );
    expect(target.state).toBe('IN_REVIEW');
    const round1 = target.reviewRounds[0]!;
    expect(round1).toMatchObject({ number: 1, status: 'OPEN', reviewedCount: 0 });
    expect(round1.assignedCount).toBeGreaterThanOrEqual(2);

    const reviewed = only(
      dataOf(
        await member.request<Record<string, { reviewedCount: number }>>(M.review, {
          input: { roundId: round1.id, decision: 'REQUEST_CHANGES', body: '指標の根拠を示してください。' },
        }),
      ),
    );
    expect(reviewed.reviewedCount).toBe(1);
    const notified = await platform.database.prisma.notification.count({
      where: { kind: 'REVIEW_REQUESTED', subjectId: draft.id },
    });
    expect(notified).toBe(round1.assignedCount);

    target = only(
      dataOf(
        await chair.request<Record<string, Target>>(M.requestChanges, { input: { id: draft.gid, note: '根拠を追記' } }),
      ),
    );
    expect(target.state).toBe('CHANGES_REQUESTED');
    expect(target.reviewRounds[0]!.status).toBe('CLOSED');
    const lateReview = await member.request(M.review, { input: { roundId: round1.id, decision: 'APPROVE' } });
    expect(errorCodes(lateReview)).toEqual(['INVALID_STATE']);

    target = only(
      dataOf(
        await section.request<Record<string, Target>>(M.submit, {
          input: { id: draft.gid, expectedVersion: target.version },
        }),
      ),
    );
    expect(target.reviewRounds.map((r) => r.number)).toEqual([1, 2]);
    dataOf(
      await member.request(M.review, {
        input: { roundId: target.reviewRounds[1]!.id, decision: 'APPROVE', body: '了解しました。' },
      }),
    );

    target = only(dataOf(await coordinator.request<Record<string, Target>>(M.approve, { input: { id: draft.gid } })));
    expect(target.state).toBe('APPROVED');
    target = only(dataOf(await mayor.request<Record<string, Target>>(M.publish, { input: { id: draft.gid } })));
    expect(target.state).toBe('PUBLISHED');

    target = only(
      dataOf(
        await section.request<Record<string, Target>>(M.report, {
          input: {
            id: draft.gid,
            achievementLevel: 'ACHIEVED',
            actualValue: '14.5',
            evidence: '3月の計測で平均14.5分',
          },
        }),
      ),
    );
    expect(target.result).toMatchObject({ state: 'REPORTED', achievementLevel: 'ACHIEVED' });
    const early = await coordinator.request(M.publishResult, { input: { id: draft.gid } });
    expect(errorCodes(early)).toEqual(['INVALID_STATE']);
    target = only(dataOf(await chair.request<Record<string, Target>>(M.confirm, { input: { id: draft.gid } })));
    expect(target.result?.state).toBe('CONFIRMED');
    target = only(
      dataOf(await coordinator.request<Record<string, Target>>(M.publishResult, { input: { id: draft.gid } })),
    );
    expect(target.result?.state).toBe('PUBLISHED');

    const anonymous = await as(null);
    const publicView = dataOf(
      await anonymous.request<{ node: { state: string; result: { achievementScore: number } } }>(
        `query N($id: ID!) { node(id: $id) { ... on ImprovementTarget { state result { achievementScore } } } }`,
        { id: draft.gid },
      ),
    );
    expect(publicView.node).toEqual({ state: 'PUBLISHED', result: { achievementScore: 3 } });

    const actions = await platform.database.prisma.auditRecord.findMany({
      where: { subjectId: draft.id },
      orderBy: { createdAt: 'asc' },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      'target.submit',
      'target.request_changes',
      'target.submit',
      'target.approve',
      'target.publish',
      'target.report_result',
      'target.confirm_result',
      'target.publish_result',
    ]);
    for (let i = 0; i < 50 && !states.includes('PUBLISHED'); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(states).toEqual(expect.arrayContaining(['IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'PUBLISHED']));
    await ws.dispose();
  });

  it('requires a reason to report a result after the fiscal year ended, and records it', async () => {
    const section = await as('section.nakahara@example.jp');
    const old = await targetIn('PUBLISHED', 2024);
    const input = { id: old.gid, achievementLevel: 'BELOW', evidence: '年度末の集計' };
    expect(errorCodes(await section.request(M.report, { input }))).toEqual(['BAD_USER_INPUT']);
    expect(await platform.database.prisma.targetResult.count({ where: { targetId: old.id } })).toBe(0);
    const reported = only(
      dataOf(
        await section.request<Record<string, Target>>(M.report, {
          input: { ...input, lateReason: '担当者の異動で集計が遅れたため' },
        }),
      ),
    );
    expect(reported.result?.lateReason).toBe('担当者の異動で集計が遅れたため');
  });

  it('refuses to publish a target that was not approved', async () => {
    const coordinator = await as('coordinator.nakahara@example.jp');
    for (const state of ['DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED'] as const) {
      const target = await targetIn(state);
      expect(errorCodes(await coordinator.request(M.publish, { input: { id: target.gid } }))).toEqual([
        'INVALID_STATE',
      ]);
      expect(
        (await platform.database.prisma.improvementTarget.findUniqueOrThrow({ where: { id: target.id } })).state,
      ).toBe(state);
    }
  });
});

describe('the permission matrix of the target cycle', () => {
  const roles = [
    null,
    'section.nakahara@example.jp',
    'section.miyamae@example.jp',
    'committee.nakahara@example.jp',
    'committee.miyamae@example.jp',
    'chair.nakahara@example.jp',
    'coordinator.nakahara@example.jp',
    'mayor.nakahara@example.jp',
    'mayor.miyamae@example.jp',
    'director@example.jp',
    'admin@example.jp',
  ] as const;
  type Role = (typeof roles)[number];

  // Who may take each step on a 中原区 区民課 target; everyone else is refused and nothing changes.
  const steps: {
    name: string;
    from: State;
    mutation: string;
    input: (gid: string, version: number) => object;
    allowed: Role[];
  }[] = [
    {
      name: 'submit',
      from: 'DRAFT',
      mutation: M.submit,
      input: (id, expectedVersion) => ({ id, expectedVersion }),
      allowed: ['section.nakahara@example.jp'],
    },
    {
      name: 'approve',
      from: 'IN_REVIEW',
      mutation: M.approve,
      input: (id) => ({ id }),
      allowed: ['chair.nakahara@example.jp', 'coordinator.nakahara@example.jp'],
    },
    {
      name: 'request changes',
      from: 'IN_REVIEW',
      mutation: M.requestChanges,
      input: (id) => ({ id }),
      allowed: ['chair.nakahara@example.jp', 'coordinator.nakahara@example.jp'],
    },
    {
      name: 'publish',
      from: 'APPROVED',
      mutation: M.publish,
      input: (id) => ({ id }),
      allowed: ['coordinator.nakahara@example.jp', 'mayor.nakahara@example.jp'],
    },
    {
      name: 'report a result',
      from: 'PUBLISHED',
      mutation: M.report,
      input: (id) => ({ id, achievementLevel: 'ACHIEVED', evidence: '計測結果' }),
      allowed: ['section.nakahara@example.jp'],
    },
  ];

  for (const step of steps) {
    it.each(roles.map((r) => [r ?? 'anonymous', r] as const))(`${step.name}: %s`, async (_label, role) => {
      const target = await targetIn(step.from);
      const client = await as(role);
      const before = await platform.database.prisma.improvementTarget.findUniqueOrThrow({
        where: { id: target.id },
        include: { result: true },
      });
      const response = await client.request(step.mutation, { input: step.input(target.gid, target.version) });
      const after = await platform.database.prisma.improvementTarget.findUniqueOrThrow({
        where: { id: target.id },
        include: { result: true },
      });
      if (step.allowed.includes(role)) {
        expect(errorCodes(response)).toEqual([]);
        expect(after).not.toEqual(before);
        return;
      }
      // Staff of 宮前区 cannot read a 中原区 draft at all; for a published target they may read it, so FORBIDDEN.
      const expected =
        role === null
          ? 'UNAUTHENTICATED'
          : role.endsWith('miyamae@example.jp') && step.from !== 'PUBLISHED'
            ? 'NOT_FOUND'
            : 'FORBIDDEN';
      expect(errorCodes(response)).toEqual([expected]);
      expect(after).toEqual(before);
    });
  }

  it('only assigned reviewers review, and only in their own ward', async () => {
    const target = await targetIn('DRAFT');
    const section = await as('section.nakahara@example.jp');
    const submitted = only(
      dataOf(
        await section.request<Record<string, Target>>(M.submit, {
          input: { id: target.gid, expectedVersion: target.version },
        }),
      ),
    );
    const roundId = submitted.reviewRounds[0]!.id;
    for (const [role, code] of [
      ['committee.miyamae@example.jp', 'NOT_FOUND'],
      ['section.nakahara@example.jp', 'FORBIDDEN'],
      ['mayor.nakahara@example.jp', 'FORBIDDEN'],
      ['director@example.jp', 'FORBIDDEN'],
    ] as const) {
      const response = await (await as(role)).request(M.review, { input: { roundId, decision: 'APPROVE' } });
      expect(errorCodes(response)).toEqual([code]);
    }
    expect(await platform.database.prisma.review.count({ where: { round: { targetId: target.id } } })).toBe(0);
  });
});

describe('drafting a target', () => {
  const CREATE = `mutation C($input: CreateImprovementTargetInput!) {
    createImprovementTarget(input: $input) { id state title policy { fiscalYear } standards { code } principles { key } }
  }`;

  async function links() {
    const db = platform.database.prisma;
    const membership = await db.membership.findFirstOrThrow({
      where: { user: { email: 'section.nakahara@example.jp' }, role: 'SECTION_MEMBER' },
    });
    const standard = await db.standard.findFirstOrThrow({
      where: { introducedFiscalYear: { lte: 2025 }, retiredFiscalYear: null },
      orderBy: { code: 'asc' },
    });
    const principle = await db.principle.findFirstOrThrow({
      where: { key: 'CITIZENS_PERSPECTIVE', version: { status: 'PUBLISHED' } },
    });
    return {
      sectionId: globalId('Section', membership.sectionId!),
      standardIds: [globalId('Standard', standard.id)],
      principleIds: [globalId('Principle', principle.id)],
      standardCode: standard.code,
    };
  }

  it('lets a section draft a target on standards in force, linked to its ward’s policy, with revision 1', async () => {
    const { standardCode, ...ids } = await links();
    const section = await as('section.nakahara@example.jp');
    const created = dataOf(
      await section.request<{
        createImprovementTarget: {
          id: string;
          state: string;
          policy: { fiscalYear: number } | null;
          standards: { code: string }[];
          principles: { key: string }[];
        };
      }>(CREATE, {
        input: {
          ...ids,
          fiscalYear: 2026,
          title: '窓口案内の多言語化',
          description: '案内表示を4言語にする',
          unit: '言語',
          baselineValue: '1',
          targetValue: '4',
        },
      }),
    ).createImprovementTarget;
    expect(created).toMatchObject({
      state: 'DRAFT',
      policy: { fiscalYear: 2026 },
      standards: [{ code: standardCode }],
      principles: [{ key: 'CITIZENS_PERSPECTIVE' }],
    });
    const id = Buffer.from(created.id, 'base64').toString().split(':')[1]!;
    expect(await platform.database.prisma.targetRevision.count({ where: { targetId: id, number: 1 } })).toBe(1);
  });

  it('refuses other sections, other wards and anonymous callers, and bad input, without writing', async () => {
    const { standardCode: _code, ...ids } = await links();
    const before = await platform.database.prisma.improvementTarget.count();
    const valid = { ...ids, fiscalYear: 2026, title: '不正な目標', description: '', milestone: '案内を見直す' };
    for (const [email, code] of [
      [null, 'UNAUTHENTICATED'],
      ['section.miyamae@example.jp', 'FORBIDDEN'],
      ['committee.nakahara@example.jp', 'FORBIDDEN'],
      ['mayor.nakahara@example.jp', 'FORBIDDEN'],
      ['admin@example.jp', 'FORBIDDEN'],
    ] as const) {
      expect(errorCodes(await (await as(email)).request(CREATE, { input: valid }))).toEqual([code]);
    }
    const section = await as('section.nakahara@example.jp');
    for (const input of [
      { ...valid, milestone: undefined },
      { ...valid, fiscalYear: 2020 },
      { ...valid, principleIds: [globalId('Principle', '00000000-0000-7000-8000-000000000000')] },
      { ...valid, standardIds: Array.from({ length: 21 }, () => ids.standardIds[0]) },
      { ...valid, targetValue: '12345678901.5' },
      { ...valid, title: 'x'.repeat(201) },
    ]) {
      expect(errorCodes(await section.request(CREATE, { input }))).toEqual(['BAD_USER_INPUT']);
    }
    expect(await platform.database.prisma.improvementTarget.count()).toBe(before);
  });
});

describe('carrying over and comparing revisions', () => {
  const CARRY = `mutation C($input: ImprovementTargetRefInput!) { carryOverImprovementTarget(input: $input) { id fiscalYear state carriedOverFrom { id } } }`;

  it('carries an unfinished target into the next year once, linked to the old one', async () => {
    const section = await as('section.nakahara@example.jp');
    const old = await targetIn('PUBLISHED', 2025);
    await platform.database.prisma.targetResult.create({
      data: { targetId: old.id, achievementLevel: 'BELOW', actualValue: '18', evidence: '未達' },
    });
    const next = dataOf(
      await section.request<{
        carryOverImprovementTarget: { fiscalYear: number; state: string; carriedOverFrom: { id: string } };
      }>(CARRY, { input: { id: old.gid } }),
    ).carryOverImprovementTarget;
    expect(next).toEqual(
      expect.objectContaining({ fiscalYear: 2026, state: 'DRAFT', carriedOverFrom: { id: old.gid } }),
    );
    expect(errorCodes(await section.request(CARRY, { input: { id: old.gid } }))).toEqual(['CONFLICT']);

    const achieved = await targetIn('PUBLISHED', 2025);
    await platform.database.prisma.targetResult.create({
      data: { targetId: achieved.id, achievementLevel: 'ACHIEVED', evidence: '達成' },
    });
    expect(errorCodes(await section.request(CARRY, { input: { id: achieved.gid } }))).toEqual(['INVALID_STATE']);
    expect(
      errorCodes(
        await (
          await as('committee.nakahara@example.jp')
        ).request(CARRY, { input: { id: (await targetIn('APPROVED', 2025)).gid } }),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('keeps every saved text and shows what changed between two revisions', async () => {
    const section = await as('section.nakahara@example.jp');
    const db = platform.database.prisma;
    const membership = await db.membership.findFirstOrThrow({
      where: { user: { email: 'section.nakahara@example.jp' }, role: 'SECTION_MEMBER' },
    });
    const standard = await db.standard.findFirstOrThrow({
      where: { introducedFiscalYear: { lte: 2025 }, retiredFiscalYear: null },
    });
    const principle = await db.principle.findFirstOrThrow({ where: { version: { status: 'PUBLISHED' } } });
    const created = dataOf(
      await section.request<{ createImprovementTarget: { id: string; version: number } }>(
        `mutation C($input: CreateImprovementTargetInput!) { createImprovementTarget(input: $input) { id version } }`,
        {
          input: {
            sectionId: globalId('Section', membership.sectionId!),
            fiscalYear: 2026,
            title: '最初の題',
            description: '最初の説明',
            standardIds: [globalId('Standard', standard.id)],
            principleIds: [globalId('Principle', principle.id)],
            milestone: '案内を見直す',
          },
        },
      ),
    ).createImprovementTarget;
    dataOf(
      await section.request(
        `mutation U($input: UpdateImprovementTargetInput!) { updateImprovementTarget(input: $input) { version } }`,
        {
          input: { id: created.id, expectedVersion: created.version, title: '直した題' },
        },
      ),
    );
    const compared = dataOf(
      await section.request<{
        node: {
          revisions: { edges: { node: { number: number } }[] };
          revisionChanges: { field: string; before: string; after: string }[];
        };
      }>(
        `query Q($id: ID!) { node(id: $id) { ... on ImprovementTarget { revisions(first: 10) { edges { node { number } } } revisionChanges(from: 1, to: 2) { field before after } } } }`,
        { id: created.id },
      ),
    ).node;
    expect(compared.revisions.edges.map((e) => e.node.number)).toEqual([2, 1]);
    expect(compared.revisionChanges).toEqual([{ field: 'title', before: '最初の題', after: '直した題' }]);
  });
});

describe('live review progress', () => {
  it('tells a watcher when a round opens and when reviews come in', async () => {
    const chair = await as('chair.nakahara@example.jp');
    const section = await as('section.nakahara@example.jp');
    const member = await as('committee.nakahara@example.jp');
    const target = await targetIn('DRAFT');
    const seen: { status: string; reviewedCount: number }[] = [];
    const client = createClient({
      url: `${platform.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: { cookie: chair.cookie! } });
        }
      },
      retryAttempts: 0,
    });
    client.subscribe(
      {
        query: `subscription S($id: ID!) { reviewRoundChanged(targetId: $id) { status reviewedCount } }`,
        variables: { id: target.gid },
      },
      {
        next: (v) => seen.push((v.data as { reviewRoundChanged: (typeof seen)[number] }).reviewRoundChanged),
        error: () => {},
        complete: () => {},
      },
    );
    // The subscription registers asynchronously; give it a moment before the first event.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const submitted = only(
      dataOf(
        await section.request<Record<string, Target>>(M.submit, {
          input: { id: target.gid, expectedVersion: target.version },
        }),
      ),
    );
    dataOf(
      await member.request(M.review, {
        input: { roundId: submitted.reviewRounds[0]!.id, decision: 'COMMENT', body: '確認中' },
      }),
    );
    for (let i = 0; i < 100 && !seen.some((r) => r.reviewedCount === 1); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    // The round's opening may race the subscription's registration; the review must arrive.
    expect(seen.at(-1)).toEqual({ status: 'OPEN', reviewedCount: 1 });
    expect(seen.every((r) => r.status === 'OPEN')).toBe(true);
    await client.dispose();
  });
});

describe('editing a draft’s indicator and links', () => {
  it('replaces links and values, and refuses a standard not in force that year without changing anything', async () => {
    const db = platform.database.prisma;
    const section = await as('section.nakahara@example.jp');
    const draft = await targetIn('DRAFT');
    const inForce = await db.standard.findMany({
      where: { introducedFiscalYear: { lte: 2025 }, retiredFiscalYear: null },
      orderBy: { code: 'asc' },
      take: 2,
    });
    const retired = await db.standard.create({
      data: { code: 'S-98', category: 'SOFT', introducedFiscalYear: 2020, retiredFiscalYear: 2026 },
    });
    const UPDATE = `mutation U($input: UpdateImprovementTargetInput!) { updateImprovementTarget(input: $input) { version targetValue dueDate standards { code } } }`;
    const updated = dataOf(
      await section.request<{
        updateImprovementTarget: {
          version: number;
          targetValue: string;
          dueDate: string;
          standards: { code: string }[];
        };
      }>(UPDATE, {
        input: {
          id: draft.gid,
          expectedVersion: draft.version,
          targetValue: '10',
          dueDate: '2027-03-31',
          standardIds: inForce.map((s) => globalId('Standard', s.id)),
        },
      }),
    ).updateImprovementTarget;
    expect(updated).toMatchObject({
      targetValue: '10',
      dueDate: '2027-03-31',
      standards: inForce.map((s) => ({ code: s.code })),
    });

    const refused = await section.request(UPDATE, {
      input: {
        id: draft.gid,
        expectedVersion: updated.version,
        targetValue: '5',
        standardIds: [globalId('Standard', retired.id)],
      },
    });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    const row = await db.improvementTarget.findUniqueOrThrow({ where: { id: draft.id }, include: { standards: true } });
    expect(row.targetValue?.toString()).toBe('10');
    expect(row.standards.map((s) => s.standardId).sort()).toEqual(inForce.map((s) => s.id).sort());

    // An explicit null clears a number or the due date; left out, a field is kept.
    const MILESTONE = `mutation U($input: UpdateImprovementTargetInput!) { updateImprovementTarget(input: $input) { version targetValue dueDate milestone } }`;
    const noMeasure = await section.request(MILESTONE, {
      input: { id: draft.gid, expectedVersion: updated.version, targetValue: null, milestone: null },
    });
    expect(errorCodes(noMeasure)).toEqual(['BAD_USER_INPUT']);
    expect((await db.improvementTarget.findUniqueOrThrow({ where: { id: draft.id } })).targetValue?.toString()).toBe(
      '10',
    );
    const cleared = dataOf(
      await section.request<{
        updateImprovementTarget: {
          version: number;
          targetValue: string | null;
          dueDate: string | null;
          milestone: string;
        };
      }>(MILESTONE, {
        input: {
          id: draft.gid,
          expectedVersion: updated.version,
          targetValue: null,
          dueDate: null,
          milestone: '手順書を作る',
        },
      }),
    ).updateImprovementTarget;
    expect(cleared).toMatchObject({ targetValue: null, dueDate: null, milestone: '手順書を作る' });
    const kept = dataOf(
      await section.request<{ updateImprovementTarget: { milestone: string } }>(MILESTONE, {
        input: { id: draft.gid, expectedVersion: cleared.version, title: '題名だけ変える' },
      }),
    ).updateImprovementTarget;
    expect(kept.milestone).toBe('手順書を作る');
  });
});

describe('what the viewer may do with a result and a carry-over', () => {
  const CAN = `mutation M($input: ReportTargetResultInput!) { reportTargetResult(input: $input) { id } }`;
  const FLAGS = `query Q($id: ID!) { node(id: $id) { ... on ImprovementTarget {
    viewerCanConfirmResult viewerCanPublishResult viewerCanCarryOver } } }`;
  type Flags = { viewerCanConfirmResult: boolean; viewerCanPublishResult: boolean; viewerCanCarryOver: boolean };
  const flags = async (client: TestClient, id: string) =>
    (dataOf(await client.request(FLAGS, { id })) as { node: Flags }).node;

  it('offers confirm, publish result and carry over exactly when the mutations would be accepted', async () => {
    const target = await targetIn('PUBLISHED');
    const section = await as('section.nakahara@example.jp');
    const chair = await as('chair.nakahara@example.jp');
    const mayor = await as('mayor.nakahara@example.jp');
    const anonymous = await as(null);

    // No result yet: nothing to confirm or publish; the section may carry it over.
    expect(await flags(chair, target.gid)).toEqual({
      viewerCanConfirmResult: false,
      viewerCanPublishResult: false,
      viewerCanCarryOver: false,
    });
    expect((await flags(section, target.gid)).viewerCanCarryOver).toBe(true);
    expect((await flags(anonymous, target.gid)).viewerCanCarryOver).toBe(false);

    dataOf(
      await section.request(CAN, {
        input: { id: target.gid, achievementLevel: 'BELOW', evidence: '窓口での計測', actualValue: '18' },
      }),
    );
    expect((await flags(chair, target.gid)).viewerCanConfirmResult).toBe(true);
    expect((await flags(mayor, target.gid)).viewerCanConfirmResult).toBe(false);
    expect((await flags(mayor, target.gid)).viewerCanPublishResult).toBe(false);

    dataOf(await chair.request(M.confirm, { input: { id: target.gid } }));
    expect((await flags(chair, target.gid)).viewerCanConfirmResult).toBe(false);
    expect((await flags(mayor, target.gid)).viewerCanPublishResult).toBe(true);
    expect((await flags(section, target.gid)).viewerCanPublishResult).toBe(false);

    // Below the target: carried over once, then no longer offered.
    expect((await flags(section, target.gid)).viewerCanCarryOver).toBe(true);
    dataOf(
      await section.request(
        `mutation M($input: ImprovementTargetRefInput!) { carryOverImprovementTarget(input: $input) { id } }`,
        { input: { id: target.gid } },
      ),
    );
    expect((await flags(section, target.gid)).viewerCanCarryOver).toBe(false);
  });

  it('does not offer to carry over an achieved target', async () => {
    const target = await targetIn('APPROVED');
    const section = await as('section.nakahara@example.jp');
    dataOf(
      await section.request(CAN, { input: { id: target.gid, achievementLevel: 'ACHIEVED', evidence: '達成を確認' } }),
    );
    expect((await flags(section, target.gid)).viewerCanCarryOver).toBe(false);
  });
});

describe('reading a published target from outside its ward', () => {
  it('gives citizens and other wards the target with no rounds and no unpublished result, instead of an error', async () => {
    const target = await targetIn('PUBLISHED');
    const section = await as('section.nakahara@example.jp');
    dataOf(
      await section.request(
        `mutation M($input: ReportTargetResultInput!) { reportTargetResult(input: $input) { id } }`,
        { input: { id: target.gid, achievementLevel: 'ACHIEVED', evidence: '窓口での計測' } },
      ),
    );
    const QUERY = `query Q($id: ID!) { node(id: $id) { ... on ImprovementTarget { id state
      result { state } reviewRounds { id } } } }`;
    for (const reader of [null, 'section.miyamae@example.jp']) {
      const client = await as(reader);
      const response = await client.request(QUERY, { id: target.gid });
      expect(errorCodes(response)).toEqual([]);
      expect((dataOf(response) as { node: unknown }).node).toEqual({
        id: target.gid,
        state: 'PUBLISHED',
        result: null,
        reviewRounds: [],
      });
    }
    const own = dataOf(await section.request(QUERY, { id: target.gid })) as { node: { result: unknown } };
    expect(own.node.result).toEqual({ state: 'REPORTED' });
  });
});
