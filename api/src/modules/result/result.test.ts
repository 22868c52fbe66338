// A ward's published results counted by achievement level: anyone may read the counts, and
// they count only what is public (a published result of a published target of that ward and year).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, TestClient } from '../../test/client.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../../test/server.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.close();
});

const SUMMARY = `query S($code: String!, $year: Int!) {
  ward(code: $code) { resultSummary(fiscalYear: $year) { level score count } }
}`;

type Summary = { ward: { resultSummary: { level: string; score: number; count: number }[] } };

async function expectedCounts(code: string, fiscalYear: number): Promise<Record<string, number>> {
  const rows = await platform.database.prisma.targetResult.findMany({
    where: { state: 'PUBLISHED', target: { state: 'PUBLISHED', fiscalYear, section: { ward: { code } } } },
    select: { achievementLevel: true },
  });
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.achievementLevel] = (counts[row.achievementLevel] ?? 0) + 1;
  return counts;
}

describe('a ward’s result summary', () => {
  it('counts the published results by level for an anonymous visitor, all five levels best first', async () => {
    const anonymous = new TestClient(platform.url);
    const summary = dataOf(await anonymous.request<Summary>(SUMMARY, { code: 'nakahara', year: 2025 })).ward
      .resultSummary;
    expect(summary.map((s) => s.level)).toEqual(['GREATLY_EXCEEDED', 'EXCEEDED', 'ACHIEVED', 'BELOW', 'GREATLY_BELOW']);
    expect(summary.map((s) => s.score)).toEqual([1, 2, 3, 4, 5]);
    const expected = await expectedCounts('nakahara', 2025);
    expect(Object.fromEntries(summary.filter((s) => s.count > 0).map((s) => [s.level, s.count]))).toEqual(expected);
    expect(summary.reduce((sum, s) => sum + s.count, 0)).toBeGreaterThan(0);
  });

  it('leaves out results that are reported or confirmed but not published, even for the ward’s staff', async () => {
    const all = await platform.database.prisma.targetResult.count({
      where: { target: { fiscalYear: 2025, section: { ward: { code: 'nakahara' } } } },
    });
    const mayor = new TestClient(platform.url);
    dataOf(await mayor.signIn('mayor.nakahara@example.jp', TEST_PASSWORD));
    const summary = dataOf(await mayor.request<Summary>(SUMMARY, { code: 'nakahara', year: 2025 })).ward.resultSummary;
    const counted = summary.reduce((sum, s) => sum + s.count, 0);
    const published = Object.values(await expectedCounts('nakahara', 2025)).reduce((a, b) => a + b, 0);
    expect(counted).toBe(published);
    expect(counted).toBeLessThan(all);
  });

  it('is all zeros for a year without results', async () => {
    const summary = dataOf(await new TestClient(platform.url).request<Summary>(SUMMARY, { code: 'tama', year: 2025 }))
      .ward.resultSummary;
    expect(summary.every((s) => s.count === 0)).toBe(true);
  });

  it('shows an anonymous visitor a published target whose result is not published yet, with the result null', async () => {
    const unpublished = await platform.database.prisma.targetResult.findFirstOrThrow({
      where: { state: { not: 'PUBLISHED' }, target: { state: 'PUBLISHED', section: { ward: { code: 'nakahara' } } } },
      select: { target: { select: { fiscalYear: true, title: true } } },
    });
    const data = dataOf(
      await new TestClient(platform.url).request<{
        improvementTargets: { edges: { node: { title: string; result: { achievementLevel: string } | null } }[] };
      }>(
        `query T($year: Int!) { improvementTargets(first: 100, fiscalYear: $year, state: PUBLISHED) {
          edges { node { title result { achievementLevel } } } } }`,
        { year: unpublished.target.fiscalYear },
      ),
    );
    const titles = data.improvementTargets.edges.map((e) => e.node);
    expect(titles.find((t) => t.title === unpublished.target.title)?.result).toBeNull();
    expect(titles.some((t) => t.result !== null)).toBe(true);
  });
});
