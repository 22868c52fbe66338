// Exports of targets and results over real HTTP: what each caller may read, in each
// language, as CSV that Excel opens and as XLSX, paged through without losing or repeating
// a row, and refused cleanly when the filter is wrong or the token is not valid.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, TestClient } from '../../test/client.ts';
import { csvOf, downloadFrom } from '../../test/exports.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../../test/server.ts';
import { EXPORT_PAGE_SIZE } from './targets-export.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.close();
});

const download = (path: string, headers: Record<string, string> = {}) => downloadFrom(platform.url, path, headers);

async function sessionCookie(email: string): Promise<string> {
  const client = new TestClient(platform.url);
  await client.signIn(email, TEST_PASSWORD);
  return client.cookie!;
}

async function targetsOf(year: number, client = new TestClient(platform.url)) {
  const data = dataOf(
    await client.request<{ improvementTargets: { edges: { node: { title: string; state: string } }[] } }>(
      `query T($y: Int!) { improvementTargets(fiscalYear: $y, first: 100) { edges { node { title state } } } }`,
      { y: year },
    ),
  );
  return data.improvementTargets.edges.map((e) => e.node);
}

describe('target exports', () => {
  it('gives anonymous visitors a CSV of the year’s published targets, with a BOM and Japanese headers', async () => {
    const { response, bytes } = await download('/exports/targets.csv?fiscalYear=2026');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('区役所サービス向上目標_令和8年度.csv')}`,
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvOf(bytes);
    expect(rows[0]!.slice(0, 5)).toEqual(['年度', '年度（西暦）', '区', '所属', '目標']);
    const published = await targetsOf(2026);
    expect(published.every((t) => t.state === 'PUBLISHED')).toBe(true);
    expect(
      rows
        .slice(1)
        .map((r) => r[4])
        .sort(),
    ).toEqual(published.map((t) => t.title).sort());
    expect(rows.slice(1).every((r) => r[0] === '令和8年度' && r[1] === '2026' && r[6] === '公開済み')).toBe(true);
  });

  it('gives a ward’s staff their ward’s unpublished targets too, and nobody another ward’s', async () => {
    const cookie = await sessionCookie('chair.nakahara@example.jp');
    const { bytes } = await download('/exports/targets.csv?fiscalYear=2026', { cookie });
    const rows = csvOf(bytes).slice(1);
    const client = new TestClient(platform.url);
    client.cookie = cookie;
    const readable = await targetsOf(2026, client);
    expect(rows.map((r) => r[4]).sort()).toEqual(readable.map((t) => t.title).sort());
    expect(rows.some((r) => r[6] !== '公開済み')).toBe(true);
    expect(rows.filter((r) => r[6] !== '公開済み').every((r) => r[2] === '中原区')).toBe(true);
  });

  it('writes English headers and names on request, and an XLSX with the same rows', async () => {
    const csv = csvOf((await download('/exports/targets.csv?fiscalYear=2026&lang=en')).bytes);
    expect(csv[0]!.slice(0, 3)).toEqual(['Fiscal year', 'Fiscal year (Gregorian)', 'Ward']);
    expect(csv[1]![0]).toBe('FY2026 (Reiwa 8)');

    const { response, bytes } = await download('/exports/targets.xlsx?fiscalYear=2026');
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('令和8年度');
    expect(sheet.getRow(1).getCell(5).value).toBe('目標');
    expect(sheet.rowCount - 1).toBe(csv.length - 1);
  });

  it('reads with a bearer token and refuses an unknown one with 401', async () => {
    const owner = new TestClient(platform.url);
    await owner.signIn('admin@example.jp', TEST_PASSWORD);
    const token = dataOf(
      await owner.request<{ createApiToken: { token: string } }>(
        `mutation { createApiToken(input: { name: "export", scopes: [READ_ALL] }) { token } }`,
      ),
    ).createApiToken.token;
    const ok = await download('/exports/targets.csv?fiscalYear=2026', { authorization: `Bearer ${token}` });
    expect(ok.response.status).toBe(200);
    expect(Number(ok.response.headers.get('x-export-rows'))).toBeGreaterThan((await targetsOf(2026)).length);
    const bad = await download('/exports/targets.csv?fiscalYear=2026', { authorization: 'Bearer shishin_nope' });
    expect(bad.response.status).toBe(401);
  });

  it('exports several years at once with fromYear and toYear, either end open', async () => {
    const both = [...(await targetsOf(2025)), ...(await targetsOf(2026))].map((t) => t.title).sort();
    expect(new Set((await targetsOf(2025)).map((t) => t.title)).size).toBeGreaterThan(0);
    const { response, bytes } = await download('/exports/targets.csv?fromYear=2025&toYear=2026');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('filename="shishin-targets-2025-2026.csv"');
    expect(response.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('区役所サービス向上目標_令和7年度〜令和8年度.csv')}`,
    );
    const rows = csvOf(bytes).slice(1);
    expect(rows.map((r) => r[4]).sort()).toEqual(both);
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['2025', '2026']));
    expect(Number(response.headers.get('x-export-rows'))).toBe(both.length);

    const from = await download('/exports/targets.csv?fromYear=2026');
    const onlyLater = csvOf(from.bytes).slice(1);
    expect(onlyLater.map((r) => r[4]).sort()).toEqual((await targetsOf(2026)).map((t) => t.title).sort());
    expect(from.response.headers.get('content-disposition')).toContain('shishin-targets-from-2026.csv');
    const to = await download('/exports/targets.csv?toYear=2025&ward=nakahara');
    const upTo = csvOf(to.bytes).slice(1);
    expect(upTo.length).toBeGreaterThan(0);
    expect(upTo.every((r) => r[1] === '2025' && r[2] === '中原区')).toBe(true);

    const xlsx = await download('/exports/targets.xlsx?fromYear=2025&toYear=2026&lang=en');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Targets FY2025–FY2026');
    expect(sheet.rowCount - 1).toBe(both.length);
  });

  it('refuses a wrong filter with a bilingual 400', async () => {
    for (const query of [
      'fiscalYear=twenty',
      'fiscalYear=1900',
      'ward=%3Cscript%3E',
      'fromYear=2026&toYear=2025',
      'fromYear=2025.5',
      'toYear=2101',
      'fromYear=',
      'fiscalYear=2026&fromYear=2025',
    ]) {
      const { response, bytes } = await download(`/exports/targets.csv?${query}`);
      expect(response.status).toBe(400);
      const body = JSON.parse(bytes.toString('utf8')) as {
        errors: { extensions: { code: string; messages: object } }[];
      };
      expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0]!.extensions.messages, query).toMatchObject({
        ja: expect.stringContaining('年度'),
        en: expect.stringContaining('fromYear'),
      });
    }
  });

  it('pages through more rows than one page holds without losing or repeating one, and defuses formulas', async () => {
    const db = platform.database.prisma;
    const section = await db.section.findFirstOrThrow({ where: { ward: { code: 'saiwai' } } });
    const count = EXPORT_PAGE_SIZE * 2 + 17;
    await db.improvementTarget.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        sectionId: section.id,
        fiscalYear: 2031,
        state: 'PUBLISHED' as const,
        title: i === 0 ? '=HYPERLINK("https://evil.example")' : `一括 ${i}`,
        description: '改行を含む\n説明, "引用"',
      })),
    });
    const rows = csvOf((await download('/exports/targets.csv?fiscalYear=2031')).bytes).slice(1);
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((r) => r[4])).size).toBe(count);
    expect(rows.find((r) => r[4]!.includes('HYPERLINK'))![4]).toBe(`'=HYPERLINK("https://evil.example")`);
    expect(rows[1]![5]).toBe('改行を含む\n説明, "引用"');
  });
});
