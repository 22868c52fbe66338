// Naming several fiscal years in one request, as pages that let you choose a year do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorCodes, TestClient } from '../../test/client.ts';
import { startTestPlatform, type TestPlatform } from '../../test/server.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ sample: false });
});
afterAll(async () => {
  await platform?.close();
});

const YEARS = `query Y($years: [Int!]!) { fiscalYears(years: $years) { year eraName eraNameEn } }`;

describe('fiscalYears', () => {
  it('names the years asked for, in that order, for an anonymous visitor', async () => {
    const data = dataOf(
      await new TestClient(platform.url).request<{
        fiscalYears: { year: number; eraName: string; eraNameEn: string }[];
      }>(YEARS, { years: [2026, 2019, 2012] }),
    );
    expect(data.fiscalYears).toEqual([
      { year: 2026, eraName: '令和8年度', eraNameEn: 'FY2026 (Reiwa 8)' },
      { year: 2019, eraName: '平成31年度', eraNameEn: expect.stringContaining('FY2019') },
      { year: 2012, eraName: '平成24年度', eraNameEn: expect.stringContaining('FY2012') },
    ]);
  });

  it('refuses a year outside 1989–2100 and more than 50 years', async () => {
    const client = new TestClient(platform.url);
    expect(errorCodes(await client.request(YEARS, { years: [1988] }))).toEqual(['BAD_USER_INPUT']);
    const many = Array.from({ length: 51 }, (_, i) => 2000 + i);
    expect(errorCodes(await client.request(YEARS, { years: many }))).toEqual(['BAD_USER_INPUT']);
  });
});
