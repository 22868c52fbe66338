// The guideline as the user's document states it, read through the public API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, TestClient } from '../../test/client.ts';
import { startTestPlatform, type TestPlatform } from '../../test/server.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ sample: false });
});
afterAll(async () => {
  await platform?.close();
});

type Guideline = {
  currentGuideline: {
    code: string;
    aim: string;
    supersedes: { code: string; status: string } | null;
    sections: { number: number; title: string }[];
    principles: { edges: { node: { position: number; name: string; text: string } }[] };
  };
  wards: { edges: { node: { name: string; nameEn: string } }[] };
  historyEvents: { eraLabel: string }[];
  currentFiscalYear: { year: number; eraName: string };
};

describe('the guideline, read anonymously', () => {
  it('is the H24.3 revision with its aim, nine sections and eight principles, verbatim', async () => {
    const data = dataOf(
      await new TestClient(platform.url).request<Guideline>(`{
        currentGuideline {
          code aim supersedes { code status }
          sections { number title }
          principles(first: 20) { edges { node { position name text } } }
        }
        wards { edges { node { name nameEn } } }
        historyEvents { eraLabel }
        currentFiscalYear { year eraName }
      }`),
    );
    const guideline = data.currentGuideline;
    expect(guideline.code).toBe('H24.3');
    expect(guideline.aim).toBe('市民に便利で快適なサービスを効率的、効果的かつ総合的に提供する区役所');
    expect(guideline.supersedes).toEqual({ code: 'H20.4', status: 'SUPERSEDED' });
    expect(guideline.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const principles = guideline.principles.edges.map((e) => e.node);
    expect(principles.map((p) => p.name)).toEqual([
      '基本的な使命',
      '市民の視点',
      '市民と共感',
      'ニーズの把握',
      '適切なサービス提供',
      '快適な環境',
      '効率的運営',
      '組織間の連携',
    ]);
    expect(principles[1]!.text).toBe('市民が自らの課題を解決するためのサポートをしているという姿勢を持ちます。');
    expect(principles[6]!.text).toBe('市民・区役所双方のトータルなコスト意識を持って取り組みます。');
    expect(data.wards.edges.map((e) => e.node.name)).toEqual([
      '川崎区',
      '幸区',
      '中原区',
      '高津区',
      '宮前区',
      '多摩区',
      '麻生区',
    ]);
    expect(data.historyEvents.map((e) => e.eraLabel)).toContain('H20.10');
    expect(data.currentFiscalYear.year).toBeGreaterThanOrEqual(2026);
  });

  it('loads no sample accounts or sample records when sample data is off', async () => {
    expect(await platform.database.prisma.user.count()).toBe(0);
    expect(await platform.database.prisma.improvementTarget.count()).toBe(0);
  });
});
