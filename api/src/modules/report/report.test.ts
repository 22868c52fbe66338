// Aggregates for the directors' meeting and reporting tools: counted in the database, the
// same numbers as counting the lists, only what the reader may read, and a fixed number of
// SQL statements however many targets there are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorCodes, globalId, TestClient } from '../../test/client.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../../test/server.ts';

let platform: TestPlatform;
let statements = 0;
beforeAll(async () => {
  platform = await startTestPlatform({ onQuery: () => (statements += 1) });
});
afterAll(async () => {
  await platform?.close();
});

async function as(email: string | null): Promise<TestClient> {
  const client = new TestClient(platform.url);
  if (email) dataOf(await client.signIn(email, TEST_PASSWORD));
  return client;
}

type Row = {
  fiscalYear: number | null;
  ward: { code: string } | null;
  section: { code: string } | null;
  standard: { code: string } | null;
  state: string | null;
  achievementLevel: string | null;
  count: number;
};

const COUNTS = `query C($groupBy: [TargetDimension!]!, $fiscalYear: Int, $wardId: ID, $standardId: ID, $publishedOnly: Boolean, $withResult: Boolean) {
  targetCounts(groupBy: $groupBy, fiscalYear: $fiscalYear, wardId: $wardId, standardId: $standardId, publishedOnly: $publishedOnly, withResult: $withResult) {
    fiscalYear ward { code } section { code } standard { code } state achievementLevel count
  }
}`;

const COMPLIANCE = `query M($fiscalYear: Int!, $includeUnpublished: Boolean) {
  standardCompliance(fiscalYear: $fiscalYear, includeUnpublished: $includeUnpublished) {
    ward { code } standard { code } revision { fiscalYear minimumValue } level resultCount
    belowMinimumCount atMinimumCount towardsAspirationalCount aspirationalCount
  }
}`;

type Cell = {
  ward: { code: string };
  standard: { code: string };
  revision: { fiscalYear: number; minimumValue: string | null };
  level: string | null;
  resultCount: number;
  belowMinimumCount: number;
  atMinimumCount: number;
  towardsAspirationalCount: number;
  aspirationalCount: number;
};

async function counts(client: TestClient, variables: Record<string, unknown>): Promise<Row[]> {
  return dataOf(await client.request<{ targetCounts: Row[] }>(COUNTS, variables)).targetCounts;
}

describe('targetCounts', () => {
  it('counts targets by ward and state as the database holds them, for a director', async () => {
    const director = await as('director@example.jp');
    const rows = await counts(director, { groupBy: ['WARD', 'STATE'], fiscalYear: 2026 });
    const db = platform.database.prisma;
    const targets = await db.improvementTarget.findMany({
      where: { fiscalYear: 2026 },
      select: { state: true, section: { select: { ward: { select: { code: true } } } } },
    });
    const expected = new Map<string, number>();
    for (const t of targets) {
      const key = `${t.section.ward.code}/${t.state}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(new Map(rows.map((r) => [`${r.ward!.code}/${r.state}`, r.count]))).toEqual(expected);
    expect(rows.every((r) => r.fiscalYear === null && r.section === null && r.achievementLevel === null)).toBe(true);
    // Wards come in their order, then states in lifecycle order.
    expect(rows.map((r) => r.ward!.code)).toEqual(
      [...rows.map((r) => r.ward!.code)].sort((a, b) => {
        const order = ['kawasaki', 'saiwai', 'nakahara', 'takatsu', 'miyamae', 'tama', 'asao'];
        return order.indexOf(a) - order.indexOf(b);
      }),
    );
  });

  it('counts only published targets for the public, and a ward’s own drafts for its staff', async () => {
    const db = platform.database.prisma;
    const nakahara = await db.ward.findUniqueOrThrow({ where: { code: 'nakahara' } });
    const anonymous = await counts(await as(null), { groupBy: ['STATE'], fiscalYear: 2026 });
    expect(anonymous.map((r) => r.state)).toEqual(['PUBLISHED']);
    const published = await db.improvementTarget.count({ where: { fiscalYear: 2026, state: 'PUBLISHED' } });
    expect(anonymous[0]!.count).toBe(published);

    const staff = await counts(await as('section.nakahara@example.jp'), {
      groupBy: ['WARD', 'STATE'],
      fiscalYear: 2026,
    });
    for (const row of staff) if (row.state !== 'PUBLISHED') expect(row.ward!.code).toBe('nakahara');
    const nakaharaDrafts = await db.improvementTarget.count({
      where: { fiscalYear: 2026, state: 'DRAFT', section: { wardId: nakahara.id } },
    });
    expect(staff.find((r) => r.ward!.code === 'nakahara' && r.state === 'DRAFT')?.count ?? 0).toBe(nakaharaDrafts);

    // publishedOnly gives a director what the public sees.
    const director = await counts(await as('director@example.jp'), {
      groupBy: ['STATE'],
      fiscalYear: 2026,
      publishedOnly: true,
    });
    expect(director).toEqual(anonymous);
  });

  it('counts results by achievement level per section, per standard and per year; unpublished results only for their readers', async () => {
    const db = platform.database.prisma;
    const results = await db.targetResult.findMany({
      where: { target: { fiscalYear: 2025 } },
      select: {
        state: true,
        achievementLevel: true,
        target: { select: { standards: { select: { standard: { select: { code: true } } } } } },
      },
    });
    const admin = await as('admin@example.jp');
    const byYear = await counts(admin, { groupBy: ['FISCAL_YEAR', 'ACHIEVEMENT_LEVEL'], withResult: true });
    const y2025 = byYear.filter((r) => r.fiscalYear === 2025);
    expect(y2025.reduce((s, r) => s + r.count, 0)).toBe(results.length);

    const byStandard = await counts(admin, {
      groupBy: ['STANDARD', 'ACHIEVEMENT_LEVEL'],
      fiscalYear: 2025,
      withResult: true,
    });
    const expected = new Map<string, number>();
    for (const r of results)
      for (const { standard } of r.target.standards) {
        const key = `${standard.code}/${r.achievementLevel}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
    expect(new Map(byStandard.map((r) => [`${r.standard?.code}/${r.achievementLevel}`, r.count]))).toEqual(expected);

    const publicRows = await counts(await as(null), {
      groupBy: ['ACHIEVEMENT_LEVEL'],
      fiscalYear: 2025,
      withResult: true,
    });
    expect(publicRows.reduce((s, r) => s + r.count, 0)).toBe(results.filter((r) => r.state === 'PUBLISHED').length);

    const bySection = await counts(admin, {
      groupBy: ['SECTION', 'ACHIEVEMENT_LEVEL'],
      fiscalYear: 2025,
      withResult: true,
    });
    expect(bySection.every((r) => r.section !== null && r.achievementLevel !== null)).toBe(true);
  });

  it('refuses a range that ends before it starts', async () => {
    const response = await (
      await as(null)
    ).request(`{ targetCounts(groupBy: [WARD], fromYear: 2026, toYear: 2025) { count } }`);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('standardCompliance', () => {
  it('places every ward against every standard in force, from published results and the revision’s levels', async () => {
    const db = platform.database.prisma;
    const cells = dataOf(
      await (await as(null)).request<{ standardCompliance: Cell[] }>(COMPLIANCE, { fiscalYear: 2025 }),
    ).standardCompliance;
    const wards = await db.ward.count();
    const inForce = await db.standard.count({
      where: {
        introducedFiscalYear: { lte: 2025 },
        OR: [{ retiredFiscalYear: null }, { retiredFiscalYear: { gt: 2025 } }],
        revisions: { some: { status: 'PUBLISHED', fiscalYear: { lte: 2025 } } },
      },
    });
    expect(cells).toHaveLength(wards * inForce);
    const cell = (ward: string, code: string) => cells.find((c) => c.ward.code === ward && c.standard.code === code)!;
    // 中原区's waiting time: 48 minutes against a 45-minute minimum (lower is better).
    expect(cell('nakahara', 'S-04')).toMatchObject({ level: 'BELOW_MINIMUM', belowMinimumCount: 1 });
    // A ward without results has no level, not a failing one.
    expect(cell('kawasaki', 'S-01')).toMatchObject({ level: null, resultCount: 0 });
    for (const c of cells) {
      expect(c.belowMinimumCount + c.atMinimumCount + c.towardsAspirationalCount + c.aspirationalCount).toBe(
        c.resultCount,
      );
      expect(c.revision.fiscalYear).toBeLessThanOrEqual(2025);
    }
    // Only published results count for the public.
    const published = await db.targetResult.findMany({
      where: { state: 'PUBLISHED', target: { fiscalYear: 2025 } },
      select: { target: { select: { standards: { select: { standardId: true } } } } },
    });
    const links = published.reduce((s, r) => s + r.target.standards.length, 0);
    expect(cells.reduce((s, c) => s + c.resultCount, 0)).toBe(links);
  });

  it('counts unpublished results only for the wards the reader may read', async () => {
    const everyone = dataOf(
      await (
        await as(null)
      ).request<{ standardCompliance: Cell[] }>(COMPLIANCE, { fiscalYear: 2025, includeUnpublished: true }),
    ).standardCompliance;
    const director = dataOf(
      await (
        await as('director@example.jp')
      ).request<{ standardCompliance: Cell[] }>(COMPLIANCE, {
        fiscalYear: 2025,
        includeUnpublished: true,
      }),
    ).standardCompliance;
    const total = (cells: Cell[]) => cells.reduce((s, c) => s + c.resultCount, 0);
    const unpublished = await platform.database.prisma.targetResult.count({
      where: { state: { not: 'PUBLISHED' }, target: { fiscalYear: 2025, standards: { some: {} } } },
    });
    expect(unpublished).toBeGreaterThan(0);
    expect(total(director)).toBeGreaterThan(total(everyone));
  });
});

describe('aggregates cost a fixed number of SQL statements', () => {
  it('whatever the number of targets and results', async () => {
    const admin = await as('admin@example.jp');
    const query = `query Q { 
      a: targetCounts(groupBy: [WARD, STATE], fiscalYear: 2025) { ward { code name } state count }
      b: targetCounts(groupBy: [SECTION, STANDARD, ACHIEVEMENT_LEVEL]) { section { name ward { code } } standard { code } achievementLevel count }
      c: standardCompliance(fiscalYear: 2025, includeUnpublished: true) { ward { code } standard { code } revision { minimumLevel } level resultCount }
    }`;
    await admin.request(query);
    statements = 0;
    dataOf(await admin.request(query));
    const small = statements;

    const db = platform.database.prisma;
    const existing = await db.improvementTarget.findMany({
      where: { fiscalYear: 2025 },
      include: { standards: true, result: true },
    });
    for (let copy = 0; copy < 3; copy += 1) {
      for (const target of existing) {
        await db.improvementTarget.create({
          data: {
            sectionId: target.sectionId,
            fiscalYear: target.fiscalYear,
            state: target.state,
            title: `${target.title} (${copy + 2})`,
            description: target.description,
            unit: target.unit,
            standards: { create: target.standards.map((s) => ({ standardId: s.standardId })) },
            ...(target.result
              ? {
                  result: {
                    create: (({ id: _id, targetId: _target, ...result }) => result)(target.result),
                  },
                }
              : {}),
          },
        });
      }
    }
    statements = 0;
    const large = dataOf(await admin.request<{ a: { count: number }[] }>(query));
    expect(large.a.reduce((s, r) => s + r.count, 0)).toBe(existing.length * 4);
    expect(statements).toBe(small);
  });
});

// Keep `globalId` in use for ward filters.
describe('filters', () => {
  it('narrows to one ward by its global id', async () => {
    const nakahara = await platform.database.prisma.ward.findUniqueOrThrow({ where: { code: 'nakahara' } });
    const rows = await counts(await as('director@example.jp'), {
      groupBy: ['WARD'],
      wardId: globalId('Ward', nakahara.id),
    });
    expect(rows.map((r) => r.ward!.code)).toEqual(['nakahara']);
  });
});

describe('rows read once', () => {
  it('hands the wards counted with targetCounts to the ward field, and reads them again for more than scalars', async () => {
    const client = await as(null);
    const query = `{ targetCounts(groupBy: [WARD, ACHIEVEMENT_LEVEL], fiscalYear: 2025, publishedOnly: true) { ward { id code name nameEn } achievementLevel count } }`;
    await client.request(query);
    statements = 0;
    const rows = dataOf(
      await client.request<{ targetCounts: { ward: { id: string; code: string; name: string } }[] }>(query),
    ).targetCounts;
    expect(statements).toBe(1);
    const nakahara = await platform.database.prisma.ward.findUniqueOrThrow({ where: { code: 'nakahara' } });
    expect(rows.find((r) => r.ward.code === 'nakahara')!.ward).toMatchObject({
      id: globalId('Ward', nakahara.id),
      name: nakahara.name,
    });
    const deeper = dataOf(
      await client.request<{ targetCounts: { ward: { code: string; committees: { name: string }[] } }[] }>(
        `{ targetCounts(groupBy: [WARD], fiscalYear: 2025) { ward { code committees { name } } count } }`,
      ),
    ).targetCounts;
    const committees = await platform.database.prisma.committee.count({ where: { wardId: nakahara.id } });
    expect(deeper.find((r) => r.ward.code === 'nakahara')!.ward.committees).toHaveLength(committees);
  });

  it('hands the standards and revisions standardChanges read to standard, from and to', async () => {
    const client = await as(null);
    const query = `{ standardChanges(fromYear: 2025, toYear: 2026) { kind standard { id code category } from { fiscalYear title minimumValue } to { fiscalYear title minimumValue } } }`;
    await client.request(query);
    statements = 0;
    type Change = {
      kind: string;
      standard: { code: string; revisions?: { fiscalYear: number }[] };
      from: { fiscalYear: number; title: string } | null;
      to: { fiscalYear: number; title: string } | null;
    };
    const changes = dataOf(await client.request<{ standardChanges: Change[] }>(query)).standardChanges;
    // The standards, then their revisions (Prisma reads an include with a second statement);
    // nothing more for the fields.
    expect(statements).toBe(2);
    const s04 = await platform.database.prisma.standardRevision.findFirstOrThrow({
      where: { standard: { code: 'S-04' }, status: 'PUBLISHED', fiscalYear: { lte: 2026 } },
      orderBy: { fiscalYear: 'desc' },
    });
    expect(changes.find((c) => c.standard.code === 'S-04')!.to).toMatchObject({
      fiscalYear: s04.fiscalYear,
      title: s04.title,
    });
    // Asking for a relation of the standard reads it again, with the relation.
    const deeper = dataOf(
      await client.request<{ standardChanges: Change[] }>(
        `{ standardChanges(fromYear: 2025, toYear: 2026) { standard { code revisions(first: 10) { edges { node { fiscalYear } } } } } }`,
      ),
    ).standardChanges;
    expect(deeper.length).toBe(changes.length);
    // A revision's long texts are not among the columns read for the list: asking for them
    // reads the revisions again (one more statement for the page) and answers them in full.
    statements = 0;
    const texts = dataOf(
      await client.request<{
        standardChanges: { standard: { code: string }; to: { minimumLevel: string; changeNote: string } | null }[];
      }>(`{ standardChanges(fromYear: 2025, toYear: 2026) { standard { code } to { minimumLevel changeNote } } }`),
    ).standardChanges;
    expect(statements).toBe(3);
    expect(texts.find((c) => c.standard.code === 'S-04')!.to).toEqual({
      minimumLevel: s04.minimumLevel,
      changeNote: s04.changeNote,
    });
  });
});
