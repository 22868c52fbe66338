// The directors' meeting's March review: standards raised, a ward practice adopted, one
// retired, all published together; every year's set stays readable and comparable.
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

const levels = (title: string) => ({
  title,
  titleEn: 'English title',
  minimumLevel: '最低基準の文',
  minimumLevelEn: 'Minimum level',
  aspirationalLevel: '目指すべき姿の文',
  aspirationalLevelEn: 'Aspirational level',
});

const OPEN = `mutation O($input: OpenStandardsReviewInput!) { openStandardsReview(input: $input) { id fiscalYear status } }`;
const PROPOSE = `mutation P($input: ProposeStandardRevisionInput!) { proposeStandardRevision(input: $input) { id status fiscalYear minimumValue } }`;
const ADOPT = `mutation A($input: AdoptPracticeAsStandardInput!) { adoptPracticeAsStandard(input: $input) { id code introducedFiscalYear originWard { code } } }`;
const RETIRE = `mutation R($input: RetireStandardInput!) { retireStandard(input: $input) { id retirements { reason standard { code } } } }`;
const PUBLISH = `mutation U($input: StandardsReviewRefInput!) { publishStandardsReview(input: $input) { id status publishedAt } }`;

describe('the March review of the standards', () => {
  it('raises, adopts, retires and publishes the next year’s set in one step; earlier years stay as they were', async () => {
    const db = platform.database.prisma;
    const director = await as('director@example.jp');
    const raised = await db.standard.findFirstOrThrow({
      where: {
        revisions: {
          some: { fiscalYear: 2026, status: 'PUBLISHED', minimumValue: { not: null }, direction: { not: null } },
        },
        retiredFiscalYear: null,
      },
      include: { revisions: { where: { fiscalYear: 2026 } } },
      orderBy: { code: 'asc' },
    });
    const current = raised.revisions[0]!;
    const better =
      current.direction === 'HIGHER_IS_BETTER' ? Number(current.minimumValue) + 5 : Number(current.minimumValue) - 1;
    const retired = await db.standard.findFirstOrThrow({
      where: { retiredFiscalYear: null, id: { not: raised.id } },
      orderBy: { code: 'desc' },
    });
    const origin = await db.improvementTarget.findFirstOrThrow({
      where: { fiscalYear: 2025 },
      include: { section: { include: { ward: true } } },
    });
    const principle = await db.principle.findFirstOrThrow({
      where: { key: 'COMFORTABLE_ENVIRONMENT', version: { status: 'PUBLISHED' } },
    });

    const review = dataOf(
      await director.request<{ openStandardsReview: { id: string; status: string } }>(OPEN, {
        input: { fiscalYear: 2027 },
      }),
    ).openStandardsReview;
    expect(review.status).toBe('OPEN');
    const proposal = dataOf(
      await director.request<{ proposeStandardRevision: { status: string; minimumValue: string } }>(PROPOSE, {
        input: {
          reviewId: review.id,
          standardId: globalId('Standard', raised.id),
          revision: {
            ...levels('引き上げた基準'),
            minimumValue: String(better),
            direction: current.direction,
            unit: current.unit,
            changeNote: '達成状況に応じて引き上げ',
          },
        },
      }),
    ).proposeStandardRevision;
    expect(proposal.status).toBe('PROPOSED');
    const adopted = dataOf(
      await director.request<{
        adoptPracticeAsStandard: { code: string; introducedFiscalYear: number; originWard: { code: string } };
      }>(ADOPT, {
        input: {
          reviewId: review.id,
          originTargetId: globalId('ImprovementTarget', origin.id),
          code: 'H-99',
          category: 'HARD',
          principleIds: [globalId('Principle', principle.id)],
          revision: levels('区の取組から生まれた基準'),
        },
      }),
    ).adoptPracticeAsStandard;
    expect(adopted).toMatchObject({
      code: 'H-99',
      introducedFiscalYear: 2027,
      originWard: { code: origin.section.ward.code },
    });
    dataOf(
      await director.request(RETIRE, {
        input: { reviewId: review.id, standardId: globalId('Standard', retired.id), reason: '他の基準に統合' },
      }),
    );

    // Before publishing, 2027's public set is still 2026's.
    const anonymous = await as(null);
    const SET = `query S($y: Int!) { standards(first: 100, fiscalYear: $y) { edges { node { code revision(fiscalYear: $y) { fiscalYear minimumValue } } } } }`;
    type Set = {
      standards: { edges: { node: { code: string; revision: { fiscalYear: number; minimumValue: string | null } } }[] };
    };
    const before2027 = dataOf(await anonymous.request<Set>(SET, { y: 2027 })).standards.edges.map((e) => e.node.code);
    expect(before2027).not.toContain('H-99');

    const published = dataOf(
      await director.request<{ publishStandardsReview: { status: string } }>(PUBLISH, {
        input: { reviewId: review.id },
      }),
    );
    expect(published.publishStandardsReview.status).toBe('PUBLISHED');
    expect(errorCodes(await director.request(PUBLISH, { input: { reviewId: review.id } }))).toEqual(['INVALID_STATE']);
    expect(
      errorCodes(
        await director.request(PROPOSE, {
          input: { reviewId: review.id, standardId: globalId('Standard', raised.id), revision: levels('遅い提案') },
        }),
      ),
    ).toEqual(['INVALID_STATE']);

    const set2026 = dataOf(await anonymous.request<Set>(SET, { y: 2026 })).standards.edges.map((e) => e.node);
    const set2027 = dataOf(await anonymous.request<Set>(SET, { y: 2027 })).standards.edges.map((e) => e.node);
    expect(set2026.find((s) => s.code === raised.code)?.revision).toEqual({
      fiscalYear: 2026,
      minimumValue: current.minimumValue!.toString(),
    });
    expect(set2027.find((s) => s.code === raised.code)?.revision.fiscalYear).toBe(2027);
    expect(set2026.map((s) => s.code)).toContain(retired.code);
    expect(set2027.map((s) => s.code)).not.toContain(retired.code);
    expect(set2027.map((s) => s.code)).toContain('H-99');

    const changes = dataOf(
      await anonymous.request<{ standardChanges: { kind: string; standard: { code: string } }[] }>(
        `{ standardChanges(fromYear: 2026, toYear: 2027) { kind standard { code } } }`,
      ),
    ).standardChanges;
    const kindOf = (code: string) => changes.find((c) => c.standard.code === code)?.kind;
    expect(kindOf(raised.code)).toBe('RAISED');
    expect(kindOf('H-99')).toBe('ADDED');
    expect(kindOf(retired.code)).toBe('RETIRED');
    expect(changes.filter((c) => c.kind === 'UNCHANGED').length).toBeGreaterThan(0);
    expect(await db.notification.count({ where: { kind: 'STANDARDS_PUBLISHED' } })).toBeGreaterThan(0);
  });

  it('refuses a review of a year that has started, and a second review of the same year', async () => {
    const admin = await as('admin@example.jp');
    expect(errorCodes(await admin.request(OPEN, { input: { fiscalYear: 2026 } }))).toEqual(['BAD_USER_INPUT']);
    dataOf(await admin.request(OPEN, { input: { fiscalYear: 2029 } }));
    expect(errorCodes(await admin.request(OPEN, { input: { fiscalYear: 2029 } }))).toEqual(['CONFLICT']);
  });

  it.each([
    [null, 'UNAUTHENTICATED'],
    ['section.nakahara@example.jp', 'FORBIDDEN'],
    ['committee.nakahara@example.jp', 'FORBIDDEN'],
    ['mayor.nakahara@example.jp', 'FORBIDDEN'],
    ['coordinator.nakahara@example.jp', 'FORBIDDEN'],
    ['facilitator@example.jp', 'FORBIDDEN'],
  ])('refuses %s every review step, and nothing changes', async (email, code) => {
    const db = platform.database.prisma;
    const review = await db.standardReview.upsert({
      where: { fiscalYear: 2031 },
      create: { fiscalYear: 2031 },
      update: {},
    });
    const standard = await db.standard.findFirstOrThrow({ where: { retiredFiscalYear: null } });
    const client = await as(email);
    const rid = globalId('StandardReview', review.id);
    const before = {
      revisions: await db.standardRevision.count(),
      retirements: await db.standardRetirement.count(),
      reviews: await db.standardReview.findMany(),
    };
    for (const [query, input] of [
      [OPEN, { fiscalYear: 2032 }],
      [PROPOSE, { reviewId: rid, standardId: globalId('Standard', standard.id), revision: levels('不正') }],
      [RETIRE, { reviewId: rid, standardId: globalId('Standard', standard.id), reason: '不正' }],
      [PUBLISH, { reviewId: rid }],
    ] as const) {
      expect(errorCodes(await client.request(query, { input }))).toEqual([code]);
    }
    expect({
      revisions: await db.standardRevision.count(),
      retirements: await db.standardRetirement.count(),
      reviews: await db.standardReview.findMany(),
    }).toEqual(before);
  });
});
