// The compliance matrix by 年度 over real HTTP: the same cells as GraphQL's
// standardCompliance, for one year or a range, in each language, as CSV that Excel opens and
// as XLSX; unpublished results only for their readers; bad filters refused in both languages.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, TestClient } from '../../test/client.ts';
import { csvOf, downloadFrom } from '../../test/exports.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../../test/server.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.close();
});

const download = (path: string, headers: Record<string, string> = {}) => downloadFrom(platform.url, path, headers);

async function csvRows(path: string, headers: Record<string, string> = {}) {
  const { response, bytes } = await download(path, headers);
  expect(response.status).toBe(200);
  return csvOf(bytes);
}

type Cell = { ward: { name: string }; standard: { code: string }; level: string | null; resultCount: number };

async function matrix(year: number, client = new TestClient(platform.url), includeUnpublished = false) {
  return dataOf(
    await client.request<{ standardCompliance: Cell[] }>(
      `query M($y: Int!, $u: Boolean) { standardCompliance(fiscalYear: $y, includeUnpublished: $u) { ward { name } standard { code } level resultCount } }`,
      { y: year, u: includeUnpublished },
    ),
  ).standardCompliance;
}

const LEVEL_JA: Record<string, string> = {
  BELOW_MINIMUM: '最低基準未達',
  AT_MINIMUM: '最低基準',
  TOWARDS_ASPIRATIONAL: '目指すべき姿へ',
  ASPIRATIONAL: '目指すべき姿',
};

describe('compliance exports', () => {
  it('gives anyone the year’s matrix from published results: BOM, Japanese headers, the GraphQL cells', async () => {
    const { response, bytes } = await download('/exports/compliance.csv?fiscalYear=2025');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('filename="shishin-compliance-2025.csv"');
    expect(response.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('基準適合状況_令和7年度.csv')}`,
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = csvOf(bytes);
    expect(header).toEqual([
      '年度',
      '年度（西暦）',
      '区',
      '基準番号',
      '基準',
      '区分',
      '適用した改定（年度）',
      '適合状況',
      '結果数',
      '最低基準未達',
      '最低基準',
      '目指すべき姿へ',
      '目指すべき姿',
    ]);
    const cells = await matrix(2025);
    expect(Number(response.headers.get('x-export-rows'))).toBe(cells.length);
    expect(rows.map((r) => [r[2], r[3], r[7], Number(r[8])])).toEqual(
      cells.map((c) => [c.ward.name, c.standard.code, c.level ? LEVEL_JA[c.level] : '結果なし', c.resultCount]),
    );
    expect(rows.every((r) => r[0] === '令和7年度' && r[1] === '2025')).toBe(true);
    // 中原区's waiting time: 48 minutes against a 45-minute minimum.
    const s04 = rows.find((r) => r[2] === '中原区' && r[3] === 'S-04')!;
    expect(s04.slice(5)).toEqual(['ソフト', s04[6], '最低基準未達', '2', '1', '0', '0', '1']);
    expect(rows.find((r) => r[2] === '川崎区' && r[3] === 'S-01')!.slice(7)).toEqual([
      '結果なし',
      '0',
      '0',
      '0',
      '0',
      '0',
    ]);
  });

  it('counts unpublished results only with includeUnpublished, for the wards the caller reads', async () => {
    const total = (rows: string[][]) => rows.slice(1).reduce((s, r) => s + Number(r[8]), 0);
    const anonymous = await csvRows('/exports/compliance.csv?fiscalYear=2025&includeUnpublished=true');
    expect(total(anonymous)).toBe(total(await csvRows('/exports/compliance.csv?fiscalYear=2025')));
    const director = new TestClient(platform.url);
    dataOf(await director.signIn('director@example.jp', TEST_PASSWORD));
    const full = await csvRows('/exports/compliance.csv?fiscalYear=2025&includeUnpublished=true', {
      cookie: director.cookie!,
    });
    expect(total(full)).toBe((await matrix(2025, director, true)).reduce((s, c) => s + c.resultCount, 0));
    expect(total(full)).toBeGreaterThan(total(anonymous));
  });

  it('exports a range of years and one ward, in English, and as XLSX', async () => {
    const [header, ...rows] = await csvRows('/exports/compliance.csv?fromYear=2025&toYear=2026&ward=nakahara&lang=en');
    expect(header!.slice(0, 4)).toEqual(['Fiscal year', 'Fiscal year (Gregorian)', 'Ward', 'Standard']);
    const per = async (year: number) => (await matrix(year)).filter((c) => c.ward.name === '中原区').length;
    expect(rows).toHaveLength((await per(2025)) + (await per(2026)));
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['FY2025 (Reiwa 7)', 'FY2026 (Reiwa 8)']));
    expect(rows.every((r) => r[2] === 'Nakahara')).toBe(true);
    expect(rows.map((r) => r[1])).toEqual([...rows.map((r) => r[1])].sort());

    const { response, bytes } = await download('/exports/compliance.xlsx?fiscalYear=2025');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('基準適合状況 令和7年度');
    expect(sheet.getRow(1).getCell(8).value).toBe('適合状況');
    expect(sheet.rowCount - 1).toBe((await matrix(2025)).length);
  });

  it('defuses a title that would run as a formula', async () => {
    const db = platform.database.prisma;
    const revision = await db.standardRevision.findFirstOrThrow({
      where: { standard: { code: 'S-01' }, fiscalYear: { lte: 2025 } },
      orderBy: { fiscalYear: 'desc' },
    });
    await db.standardRevision.update({ where: { id: revision.id }, data: { title: '=HYPERLINK("x")' } });
    try {
      const rows = await csvRows('/exports/compliance.csv?fiscalYear=2025');
      expect(rows.find((r) => r[3] === 'S-01')![4]).toBe(`'=HYPERLINK("x")`);
    } finally {
      await db.standardRevision.update({ where: { id: revision.id }, data: { title: revision.title } });
    }
  });

  it('refuses a wrong filter with a bilingual 400, and stays up', async () => {
    for (const query of ['fromYear=2026&toYear=2025', 'fiscalYear=1900', 'toYear=2101', 'includeUnpublished=yes']) {
      const { response, bytes } = await download(`/exports/compliance.xlsx?${query}`);
      expect(response.status, query).toBe(400);
      const body = JSON.parse(bytes.toString('utf8')) as {
        errors: { extensions: { code: string; messages: object } }[];
      };
      expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0]!.extensions.messages).toMatchObject({
        ja: expect.stringContaining('年度'),
        en: expect.stringContaining('fromYear'),
      });
    }
    expect((await download('/exports/compliance.csv?fiscalYear=2025')).response.status).toBe(200);
  });
});
