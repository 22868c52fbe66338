// Achievement rates with the year before, review-round completion and overdue work, counted
// in the database: exact numbers from the sample data (prisma/seed/targets.ts), each filter,
// what each caller may see, and bad input refused with a typed error.
//
// The sample data: FY2025 — 中原区 4 targets (results: GREATLY_EXCEEDED, BELOW, ACHIEVED
// published; EXCEEDED confirmed, not published), 宮前区 3 (ACHIEVED, GREATLY_BELOW published;
// BELOW reported, not published), every one published, each round closed with one review.
// FY2026 — 中原区 6 targets (2 published, 1 approved, 1 in review with an open round due
// 2026-11-30, 1 sent back, 1 draft), 宮前区 6 (2 published, 1 approved, 1 in review with an
// open round due 2026-11-23, 2 drafts), no results.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, globalId, TestClient, type GraphQLResponse } from '../../test/client.ts';
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

async function tokenClient(scope: 'READ_PUBLISHED' | 'READ_ALL'): Promise<TestClient> {
  const owner = await as('admin@example.jp');
  const token = dataOf(
    await owner.request<{ createApiToken: { token: string } }>(
      `mutation { createApiToken(input: { name: "report ${scope}", scopes: [${scope}] }) { token } }`,
    ),
  ).createApiToken.token;
  const client = new TestClient(platform.url);
  client.token = token;
  return client;
}

const ACHIEVEMENT = `query A($groupBy: [ReportDimension!]!, $fiscalYear: Int, $fromYear: Int, $toYear: Int, $category: StandardCategory, $principleKey: String, $wardId: ID, $publishedOnly: Boolean) {
  achievementRates(groupBy: $groupBy, fiscalYear: $fiscalYear, fromYear: $fromYear, toYear: $toYear, category: $category, principleKey: $principleKey, wardId: $wardId, publishedOnly: $publishedOnly) {
    fiscalYear ward { code } standard { code } targetCount resultCount achievedCount achievementRate
    previousYear { targetCount resultCount achievedCount achievementRate } achievementRateChange targetCountChange
  }
}`;

type Figures = { targetCount: number; resultCount: number; achievedCount: number; achievementRate: number | null };
type RateRow = Figures & {
  fiscalYear: number | null;
  ward: { code: string } | null;
  standard: { code: string } | null;
  previousYear: Figures | null;
  achievementRateChange: number | null;
  targetCountChange: number | null;
};

async function rates(client: TestClient, variables: Record<string, unknown>): Promise<RateRow[]> {
  return dataOf(await client.request<{ achievementRates: RateRow[] }>(ACHIEVEMENT, variables)).achievementRates;
}

const ROUNDS = `query R($groupBy: [ReportDimension!]!, $fiscalYear: Int, $asOf: Date, $sectionId: ID) {
  reviewRoundCompletion(groupBy: $groupBy, fiscalYear: $fiscalYear, asOf: $asOf, sectionId: $sectionId) {
    fiscalYear ward { code } section { code } roundCount openCount closedCount overdueCount
    assignedCount reviewedCount reviewCount completionRate
  }
}`;

type RoundRow = {
  fiscalYear: number | null;
  ward: { code: string } | null;
  section: { code: string } | null;
  roundCount: number;
  openCount: number;
  closedCount: number;
  overdueCount: number;
  assignedCount: number;
  reviewedCount: number;
  reviewCount: number;
  completionRate: number | null;
};

async function rounds(client: TestClient, variables: Record<string, unknown>): Promise<RoundRow[]> {
  return dataOf(await client.request<{ reviewRoundCompletion: RoundRow[] }>(ROUNDS, variables)).reviewRoundCompletion;
}

const OVERDUE = `query O($groupBy: [ReportDimension!]!, $fiscalYear: Int, $asOf: Date, $publishedOnly: Boolean, $standardId: ID) {
  overdueCounts(groupBy: $groupBy, fiscalYear: $fiscalYear, asOf: $asOf, publishedOnly: $publishedOnly, standardId: $standardId) {
    fiscalYear ward { code } targetCount targetsNotSubmitted targetsPastDue resultsMissing reviewRoundsOverdue
  }
}`;

type OverdueRow = {
  fiscalYear: number | null;
  ward: { code: string } | null;
  targetCount: number;
  targetsNotSubmitted: number;
  targetsPastDue: number;
  resultsMissing: number;
  reviewRoundsOverdue: number;
};

async function overdue(client: TestClient, variables: Record<string, unknown>): Promise<OverdueRow[]> {
  return dataOf(await client.request<{ overdueCounts: OverdueRow[] }>(OVERDUE, variables)).overdueCounts;
}

const byWard = <T extends { ward: { code: string } | null }>(rows: T[]) =>
  Object.fromEntries(rows.map(({ ward, ...rest }) => [ward!.code, rest]));

describe('achievementRates', () => {
  it('gives the public the rate from published results, with the year before', async () => {
    const rows = await rates(await as(null), { groupBy: ['WARD'], fiscalYear: 2025 });
    expect(rows.map((r) => r.ward!.code)).toEqual(['nakahara', 'miyamae']);
    expect(byWard(rows)).toEqual({
      nakahara: {
        fiscalYear: null,
        standard: null,
        targetCount: 4,
        resultCount: 3,
        achievedCount: 2,
        achievementRate: 2 / 3,
        previousYear: { targetCount: 0, resultCount: 0, achievedCount: 0, achievementRate: null },
        achievementRateChange: null,
        targetCountChange: 4,
      },
      miyamae: {
        fiscalYear: null,
        standard: null,
        targetCount: 3,
        resultCount: 2,
        achievedCount: 1,
        achievementRate: 0.5,
        previousYear: { targetCount: 0, resultCount: 0, achievedCount: 0, achievementRate: null },
        achievementRateChange: null,
        targetCountChange: 3,
      },
    });
    // FY2026 has no results yet; its year before is FY2025 above.
    const next = byWard(await rates(await as(null), { groupBy: ['WARD'], fiscalYear: 2026 }));
    expect(next.nakahara).toMatchObject({
      targetCount: 2,
      resultCount: 0,
      achievementRate: null,
      previousYear: { targetCount: 4, resultCount: 3, achievedCount: 2, achievementRate: 2 / 3 },
      targetCountChange: -2,
    });
  });

  it('counts unpublished results for those who read them, and publishedOnly gives anyone the public numbers', async () => {
    const admin = await as('admin@example.jp');
    const rows = byWard(await rates(admin, { groupBy: ['WARD'], fiscalYear: 2025 }));
    expect(rows.nakahara).toMatchObject({ targetCount: 4, resultCount: 4, achievedCount: 3, achievementRate: 0.75 });
    expect(rows.miyamae).toMatchObject({ targetCount: 3, resultCount: 3, achievedCount: 1, achievementRate: 1 / 3 });
    const published = await rates(admin, { groupBy: ['WARD'], fiscalYear: 2025, publishedOnly: true });
    expect(published).toEqual(await rates(await as(null), { groupBy: ['WARD'], fiscalYear: 2025 }));
    // A READ_PUBLISHED token of the same admin sees what the public sees.
    const token = await tokenClient('READ_PUBLISHED');
    expect(await rates(token, { groupBy: ['WARD'], fiscalYear: 2025 })).toEqual(published);
  });

  it('compares each fiscal year with the one before when grouped by year', async () => {
    const rows = await rates(await as(null), { groupBy: ['FISCAL_YEAR'] });
    expect(rows).toEqual([
      {
        fiscalYear: 2025,
        ward: null,
        standard: null,
        targetCount: 7,
        resultCount: 5,
        achievedCount: 3,
        achievementRate: 0.6,
        previousYear: { targetCount: 0, resultCount: 0, achievedCount: 0, achievementRate: null },
        achievementRateChange: null,
        targetCountChange: 7,
      },
      {
        fiscalYear: 2026,
        ward: null,
        standard: null,
        targetCount: 4,
        resultCount: 0,
        achievedCount: 0,
        achievementRate: null,
        previousYear: { targetCount: 7, resultCount: 5, achievedCount: 3, achievementRate: 0.6 },
        achievementRateChange: null,
        targetCountChange: -3,
      },
    ]);
    // A range keeps only its years; the row of 2026 still compares with 2025.
    const range = await rates(await as(null), { groupBy: ['FISCAL_YEAR'], fromYear: 2026, toYear: 2026 });
    expect(range).toEqual([rows[1]]);
  });

  it('gives the change of the rate between two years with results', async () => {
    const db = platform.database.prisma;
    // Give 宮前区's FY2026 greeting target a published ACHIEVED result: 1 of 1 against 1 of 2.
    const target = await db.improvementTarget.findFirstOrThrow({
      where: { fiscalYear: 2026, state: 'PUBLISHED', section: { ward: { code: 'miyamae' }, code: 'citizens' } },
    });
    const result = await db.targetResult.create({
      data: {
        targetId: target.id,
        state: 'PUBLISHED',
        achievementLevel: 'ACHIEVED',
        confirmedAt: new Date(),
        publishedAt: new Date(),
      },
    });
    try {
      const rows = byWard(await rates(await as(null), { groupBy: ['WARD'], fiscalYear: 2026 }));
      expect(rows.miyamae).toMatchObject({ resultCount: 1, achievedCount: 1, achievementRate: 1 });
      expect(rows.miyamae!.previousYear).toMatchObject({ achievementRate: 0.5 });
      expect(rows.miyamae!.achievementRateChange).toBe(0.5);
    } finally {
      await db.targetResult.delete({ where: { id: result.id } });
    }
  });

  it('filters by standard category, principle and ward, and groups by standard', async () => {
    const admin = await as('admin@example.jp');
    expect(await rates(admin, { groupBy: [], fiscalYear: 2025, category: 'HARD' })).toMatchObject([
      { targetCount: 3, resultCount: 3, achievedCount: 1, achievementRate: 1 / 3 },
    ]);
    expect(
      await rates(admin, { groupBy: [], fiscalYear: 2025, principleKey: 'COMFORTABLE_ENVIRONMENT' }),
    ).toMatchObject([{ targetCount: 2, resultCount: 2, achievedCount: 1, achievementRate: 0.5 }]);
    const miyamae = await platform.database.prisma.ward.findUniqueOrThrow({ where: { code: 'miyamae' } });
    expect(
      await rates(admin, { groupBy: ['WARD'], fiscalYear: 2025, wardId: globalId('Ward', miyamae.id) }),
    ).toMatchObject([{ ward: { code: 'miyamae' }, targetCount: 3 }]);

    const standards = await rates(await as(null), { groupBy: ['STANDARD'], fiscalYear: 2025 });
    expect(
      Object.fromEntries(
        standards.map((r) => [r.standard!.code, [r.targetCount, r.resultCount, r.achievedCount, r.achievementRate]]),
      ),
    ).toEqual({
      'S-01': [1, 1, 1, 1],
      'S-02': [2, 1, 1, 1],
      'S-04': [2, 2, 1, 0.5],
      'S-05': [1, 0, 0, null],
      'H-01': [1, 1, 1, 1],
      'H-02': [1, 0, 0, null],
      'H-03': [1, 1, 0, 0],
    });
  });
});

describe('reviewRoundCompletion', () => {
  beforeAll(async () => {
    // The sample rounds have no assignments (they predate them): assign reviewers to three.
    const db = platform.database.prisma;
    const user = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email } })).id;
    const roundOf = async (ward: string, section: string, state: 'IN_REVIEW' | 'PUBLISHED') =>
      (
        await db.reviewRound.findFirstOrThrow({
          where: { number: 1, target: { fiscalYear: 2026, state, section: { code: section, ward: { code: ward } } } },
        })
      ).id;
    const chair = await user('chair.nakahara@example.jp');
    const member = await user('committee.nakahara@example.jp');
    const signage = await roundOf('nakahara', 'general-affairs', 'IN_REVIEW');
    const certificates = await roundOf('nakahara', 'citizens', 'PUBLISHED');
    const forms = await roundOf('miyamae', 'insurance-pension', 'IN_REVIEW');
    await db.reviewAssignment.createMany({
      data: [
        { roundId: signage, userId: chair },
        { roundId: signage, userId: member },
        { roundId: certificates, userId: chair },
        { roundId: certificates, userId: member },
        { roundId: forms, userId: await user('committee.miyamae@example.jp') },
      ],
    });
  });

  it('counts open, closed and overdue rounds and the reviews due and recorded, per ward and year', async () => {
    const admin = await as('admin@example.jp');
    const rows = await rounds(admin, { groupBy: ['FISCAL_YEAR', 'WARD'], asOf: '2026-11-25' });
    const key = (r: RoundRow) => `${r.fiscalYear}/${r.ward!.code}`;
    expect(Object.fromEntries(rows.map((r) => [key(r), r]))).toEqual({
      '2025/nakahara': {
        fiscalYear: 2025,
        ward: { code: 'nakahara' },
        section: null,
        roundCount: 4,
        openCount: 0,
        closedCount: 4,
        overdueCount: 0,
        assignedCount: 0,
        reviewedCount: 0,
        reviewCount: 4,
        completionRate: null,
      },
      '2025/miyamae': {
        fiscalYear: 2025,
        ward: { code: 'miyamae' },
        section: null,
        roundCount: 3,
        openCount: 0,
        closedCount: 3,
        overdueCount: 0,
        assignedCount: 0,
        reviewedCount: 0,
        reviewCount: 3,
        completionRate: null,
      },
      // 中原区: the signage round (due 11-30) is open, not yet overdue on 11-25; of 4 assigned
      // reviewers only the chair reviewed (the certificates round).
      '2026/nakahara': {
        fiscalYear: 2026,
        ward: { code: 'nakahara' },
        section: null,
        roundCount: 5,
        openCount: 1,
        closedCount: 4,
        overdueCount: 0,
        assignedCount: 4,
        reviewedCount: 1,
        reviewCount: 4,
        completionRate: 0.25,
      },
      // 宮前区: the forms round was due 11-23.
      '2026/miyamae': {
        fiscalYear: 2026,
        ward: { code: 'miyamae' },
        section: null,
        roundCount: 4,
        openCount: 1,
        closedCount: 3,
        overdueCount: 1,
        assignedCount: 1,
        reviewedCount: 1,
        reviewCount: 4,
        completionRate: 1,
      },
    });
    expect(rows.map(key)).toEqual(['2025/nakahara', '2025/miyamae', '2026/nakahara', '2026/miyamae']);
    // A week later both open rounds are overdue; the due date itself is still in time.
    const later = await rounds(admin, { groupBy: [], fiscalYear: 2026, asOf: '2026-12-01' });
    expect(later).toMatchObject([{ roundCount: 9, openCount: 2, overdueCount: 2 }]);
    const onDue = await rounds(admin, { groupBy: [], fiscalYear: 2026, asOf: '2026-11-30' });
    expect(onDue).toMatchObject([{ overdueCount: 1 }]);
  });

  it('narrows to a section and shows rounds only of the wards the caller reads unpublished work of', async () => {
    const db = platform.database.prisma;
    const section = await db.section.findFirstOrThrow({
      where: { code: 'general-affairs', ward: { code: 'nakahara' } },
    });
    const admin = await as('admin@example.jp');
    expect(
      await rounds(admin, { groupBy: ['SECTION'], fiscalYear: 2026, sectionId: globalId('Section', section.id) }),
    ).toMatchObject([{ section: { code: 'general-affairs' }, roundCount: 1, openCount: 1, assignedCount: 2 }]);

    const staff = await rounds(await as('section.nakahara@example.jp'), { groupBy: ['WARD'], asOf: '2026-11-25' });
    expect(staff).toMatchObject([{ ward: { code: 'nakahara' }, roundCount: 9, openCount: 1 }]);
    expect(await rounds(await as(null), { groupBy: ['WARD'] })).toEqual([]);
    expect(await rounds(await tokenClient('READ_PUBLISHED'), { groupBy: ['WARD'] })).toEqual([]);
    expect(await rounds(await tokenClient('READ_ALL'), { groupBy: ['WARD'], asOf: '2026-11-25' })).toEqual(
      await rounds(admin, { groupBy: ['WARD'], asOf: '2026-11-25' }),
    );
  });
});

describe('overdueCounts', () => {
  it('counts late work by the schedule’s rules for a director', async () => {
    const admin = await as('admin@example.jp');
    expect(byWard(await overdue(admin, { groupBy: ['WARD'], asOf: '2026-11-25' }))).toEqual({
      nakahara: {
        fiscalYear: null,
        targetCount: 10,
        targetsNotSubmitted: 1,
        targetsPastDue: 0,
        resultsMissing: 0,
        reviewRoundsOverdue: 0,
      },
      miyamae: {
        fiscalYear: null,
        targetCount: 9,
        targetsNotSubmitted: 2,
        targetsPastDue: 0,
        resultsMissing: 0,
        reviewRoundsOverdue: 1,
      },
    });
    // After FY2026 has ended: every approved or published FY2026 target lacks its result, and
    // is past its own due date too.
    expect(byWard(await overdue(admin, { groupBy: ['WARD'], fiscalYear: 2026, asOf: '2027-05-01' }))).toEqual({
      nakahara: {
        fiscalYear: null,
        targetCount: 6,
        targetsNotSubmitted: 1,
        targetsPastDue: 3,
        resultsMissing: 3,
        reviewRoundsOverdue: 1,
      },
      miyamae: {
        fiscalYear: null,
        targetCount: 6,
        targetsNotSubmitted: 2,
        targetsPastDue: 3,
        resultsMissing: 3,
        reviewRoundsOverdue: 1,
      },
    });
    // Before May 31 no draft is late yet.
    expect(await overdue(admin, { groupBy: [], fiscalYear: 2026, asOf: '2026-05-31' })).toMatchObject([
      { targetsNotSubmitted: 0 },
    ]);
  });

  it('shows the public only published targets, a result missing when none is published, and no rounds', async () => {
    const expected = {
      nakahara: {
        fiscalYear: null,
        targetCount: 6,
        targetsNotSubmitted: 0,
        targetsPastDue: 1,
        resultsMissing: 1,
        reviewRoundsOverdue: 0,
      },
      miyamae: {
        fiscalYear: null,
        targetCount: 5,
        targetsNotSubmitted: 0,
        targetsPastDue: 1,
        resultsMissing: 1,
        reviewRoundsOverdue: 0,
      },
    };
    expect(byWard(await overdue(await as(null), { groupBy: ['WARD'], asOf: '2026-11-25' }))).toEqual(expected);
    const admin = await as('admin@example.jp');
    expect(byWard(await overdue(admin, { groupBy: ['WARD'], asOf: '2026-11-25', publishedOnly: true }))).toEqual(
      expected,
    );
    expect(
      byWard(await overdue(await tokenClient('READ_PUBLISHED'), { groupBy: ['WARD'], asOf: '2026-11-25' })),
    ).toEqual(expected);
  });

  it('filters by standard and groups by year', async () => {
    const s05 = await platform.database.prisma.standard.findUniqueOrThrow({ where: { code: 'S-05' } });
    // S-05: 中原区's FY2025 phone target (result confirmed, not published) and FY2026 draft,
    // 宮前区's approved FY2026 roads target.
    const rows = await overdue(await as(null), {
      groupBy: ['FISCAL_YEAR'],
      asOf: '2026-11-25',
      standardId: globalId('Standard', s05.id),
    });
    expect(rows).toEqual([
      {
        fiscalYear: 2025,
        ward: null,
        targetCount: 1,
        targetsNotSubmitted: 0,
        targetsPastDue: 1,
        resultsMissing: 1,
        reviewRoundsOverdue: 0,
      },
    ]);
  });
});

describe('bad input', () => {
  const codeAndMessages = (response: GraphQLResponse<unknown>) => {
    const error = (response.body as { errors?: { extensions?: { code?: string; messages?: unknown } }[] }).errors?.[0];
    return { code: error?.extensions?.code, messages: error?.extensions?.messages };
  };

  it('refuses a reversed range and years out of range with BAD_USER_INPUT in both languages', async () => {
    const client = await as(null);
    for (const field of ['achievementRates', 'reviewRoundCompletion', 'overdueCounts']) {
      const reversed = codeAndMessages(
        await client.request(
          `{ ${field}(groupBy: [WARD], fromYear: 2026, toYear: 2025) { targetCountOrRounds: __typename } }`,
        ),
      );
      expect(reversed.code).toBe('BAD_USER_INPUT');
      expect(reversed.messages).toMatchObject({
        ja: expect.stringContaining('toYear'),
        en: expect.stringContaining('toYear'),
      });
      const tooEarly = codeAndMessages(
        await client.request(`{ ${field}(groupBy: [WARD], fiscalYear: 1900) { __typename } }`),
      );
      expect(tooEarly.code).toBe('BAD_USER_INPUT');
      const tooLate = codeAndMessages(
        await client.request(`{ ${field}(groupBy: [WARD], toYear: 2101) { __typename } }`),
      );
      expect(tooLate.code).toBe('BAD_USER_INPUT');
    }
    // A date that is no date fails validation (the Date scalar), before anything runs.
    const badDate = codeAndMessages(
      await client.request(`{ overdueCounts(groupBy: [], asOf: "2026-13-01") { __typename } }`),
    );
    expect(badDate.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // The server is still up and answers.
    expect(await rates(client, { groupBy: [], fiscalYear: 2025 })).toHaveLength(1);
  });
});
