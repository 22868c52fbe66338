// The seed: the guideline exactly as the user's document words it, the seven wards and the
// committees; sample data only when asked for; and a second run that changes nothing.
// Runs on SHISHIN_TEST_DB=pglite (default) or postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type Database, type PrismaClient } from '../src/index.ts';
import {
  GUIDELINE_MODELS,
  SAMPLE_ACCOUNTS,
  SAMPLE_MODELS,
  seed,
  type SeedModel,
  type SeedReport,
} from '../seed/index.ts';

// Literal strings copied from the seed document (shared/seeds/000_78d9b2279dc72199.txt), with
// the PDF's broken lines joined. Deliberately not imported from the seed's own constants.
const AIM = '市民に便利で快適なサービスを効率的、効果的かつ総合的に提供する区役所';
const PHILOSOPHY =
  '川崎市は、区役所サービスを向上することにより、市民とともに暮らしやすい地域社会を築く協働のパートナーとして、市民と区役所との間に信頼関係を築き、深めていくことをめざします。';
const PRINCIPLES: [string, string, string][] = [
  [
    'FUNDAMENTAL_MISSION',
    '基本的な使命',
    '公共サービスの責任主体であるという自覚を持ち、全体の奉仕者として正確な情報に基づき公平・公正に区役所サービスを提供します。',
  ],
  ['CITIZENS_PERSPECTIVE', '市民の視点', '市民が自らの課題を解決するためのサポートをしているという姿勢を持ちます。'],
  ['EMPATHY', '市民と共感', '市民が安心して話しやすい雰囲気をつくり、市民の話をよく聞いて受けとめます。'],
  ['UNDERSTANDING_NEEDS', 'ニーズの把握', '市民が何を求めているのか、市民の話をよく聞いて引き出すことに努めます。'],
  [
    'APPROPRIATE_SERVICE',
    '適切なサービス提供',
    '市民が目的を達成するために、するべきことを考え、手間を惜しむことなく誠実に行動し、適切なサービス提供や課題の解決につなげます。',
  ],
  ['COMFORTABLE_ENVIRONMENT', '快適な環境', '市民が快適さを感じることができるよう、庁舎内施設の環境整備に努めます。'],
  ['EFFICIENT_OPERATION', '効率的運営', '市民・区役所双方のトータルなコスト意識を持って取り組みます。'],
  ['ORGANISATIONAL_COOPERATION', '組織間の連携', '職場内・部署間で相互に情報共有を図り連携を良くします。'],
];
const DEFINITION = '区役所サービスとは、区役所において市職員が市民に直接提供する業務及びその提供手法とします。';
const DIRECTORS_MEETING =
  '全市的な区役所サービスを継続的にマネジメントしていくため、各区の取組状況の把握及び情報共有を行い、区役所サービスの効果的な手法について検討を進めます。また、年間の取組結果を検証し、区役所サービス基準の見直しを行います。';
const H20_SUMMARY =
  '改定前の区役所サービス向上指針は、改善の手法を示したもので、区役所サービスの理念や基準・目標などを示したものではない。';

const hashCalls: string[] = [];
const options = (sample: boolean) => ({
  sample,
  samplePassword: 'dev-password',
  hashPassword: async (plain: string) => {
    hashCalls.push(plain);
    return `test-hash$${plain}`;
  },
});

/** Row counts of every table the seed writes. */
async function tableCounts(prisma: PrismaClient): Promise<Record<SeedModel, number>> {
  const counts = await Promise.all([
    prisma.guidelineVersion.count(),
    prisma.guidelineSection.count(),
    prisma.principle.count(),
    prisma.historyEvent.count(),
    prisma.ward.count(),
    prisma.committee.count(),
    prisma.section.count(),
    prisma.standard.count(),
    prisma.standardRevision.count(),
    prisma.standardPrinciple.count(),
    prisma.user.count(),
    prisma.membership.count(),
    prisma.improvementPolicy.count(),
    prisma.improvementTarget.count(),
    prisma.targetStandard.count(),
    prisma.targetPrinciple.count(),
    prisma.targetRevision.count(),
    prisma.targetResult.count(),
    prisma.reviewRound.count(),
    prisma.review.count(),
    prisma.comment.count(),
  ]);
  const models: SeedModel[] = [...GUIDELINE_MODELS, ...SAMPLE_MODELS];
  return Object.fromEntries(models.map((m, i) => [m, counts[i]])) as Record<SeedModel, number>;
}

const nothingCreated = (report: SeedReport) => Object.values(report.created).every((n) => n === 0);

describe('seed without sample data, then with it', () => {
  let db: Database;
  let first: SeedReport;
  let afterFirst: Record<SeedModel, number>;
  beforeAll(async () => {
    db = await createTestDatabase();
    first = await seed(db.prisma, options(false));
    afterFirst = await tableCounts(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('loads the H24.3 guideline: 9 sections, 8 principles, superseding H20.4', async () => {
    const version = await db.prisma.guidelineVersion.findUniqueOrThrow({
      where: { code: 'H24.3' },
      include: {
        sections: { orderBy: { number: 'asc' } },
        principles: { orderBy: { position: 'asc' } },
        supersedes: true,
      },
    });
    expect(version.title).toBe('区役所サービス向上指針（平成24年3月改定版）');
    expect(version.status).toBe('PUBLISHED');
    expect(version.revisedOn?.toISOString().slice(0, 10)).toBe('2012-03-01');
    expect(version.effectiveFiscalYear).toBe(2012);
    expect(version.aim).toBe(AIM);
    expect(version.philosophy).toBe(PHILOSOPHY);
    expect(version.supersedes).toMatchObject({ code: 'H20.4', status: 'SUPERSEDED', summary: H20_SUMMARY });
    expect(version.supersedes?.revisedOn?.toISOString().slice(0, 10)).toBe('2008-04-01');

    expect(version.sections.map((s) => [s.number, s.kind])).toEqual([
      [1, 'PURPOSE'],
      [2, 'DEFINITION'],
      [3, 'SCOPE'],
      [4, 'AIM'],
      [5, 'PHILOSOPHY'],
      [6, 'STANDARDS'],
      [7, 'POLICY_AND_TARGETS'],
      [8, 'ORGANISATION'],
      [9, 'SCHEDULE'],
    ]);
    const section = (n: number) => version.sections[n - 1]!;
    expect(section(1).body).toContain(
      '【市政運営の３本柱とは】\n「新総合計画・川崎再生フロンティアプランの着実な推進」',
    );
    expect(section(1).body).toContain('区役所サービスの向上が果たすべき役割を改めて整理した今回の指針に基づき');
    expect(section(2).body).toBe(DEFINITION);
    expect(section(2).rationale).toBe(
      '※「市職員」は、一般職員(再任用職員及び任期付職員を含む)、非常勤嘱託員及び臨時的任用職員とします。',
    );
    expect(section(3).rationale).toContain(
      '渡し方や説明方法までは法令で規定しているものではありませんのでサービス向上の対象となります。',
    );
    expect(section(4).body).toContain(AIM);
    expect(section(5).body).toContain(PHILOSOPHY);
    expect(section(8).body).toContain(DIRECTORS_MEETING);
    for (const s of version.sections) {
      expect(s.title).not.toBe('');
      expect(s.bodyEn).not.toBe('');
      // No line broken mid-sentence by the PDF extraction survives.
      expect(s.body).not.toMatch(/区役所サ\n|区\n役所/);
    }

    expect(version.principles.map((p) => [p.key, p.name, p.text])).toEqual(PRINCIPLES);
    expect(version.principles.map((p) => p.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(version.principles.every((p) => p.origin === 'SEED' && p.nameEn !== '' && p.textEn !== '')).toBe(true);
  });

  it('loads the history, the seven wards and the committees', async () => {
    const history = await db.prisma.historyEvent.findMany({ orderBy: { position: 'asc' } });
    expect(history.map((e) => [e.eraLabel, e.occurredOn.toISOString().slice(0, 10)])).toEqual([
      ['H20.4', '2008-04-01'],
      ['H16.3～', '2004-03-01'],
      ['H18.2', '2006-02-01'],
      ['H19.6', '2007-06-01'],
      ['H19.6～', '2007-06-01'],
      ['H19.10', '2007-10-01'],
      ['H20.10', '2008-10-01'],
    ]);
    expect(new Set(history.map((e) => e.category))).toEqual(
      new Set(['職員のサービス意識の向上', '窓口混雑緩和の取組', '窓口と取扱い区域の拡大']),
    );
    expect(history[2]!.title).toBe('登戸行政サービスコーナーの開設');

    const wards = await db.prisma.ward.findMany({ orderBy: { position: 'asc' } });
    expect(wards.map((w) => [w.code, w.name, w.position])).toEqual([
      ['kawasaki', '川崎区', 1],
      ['saiwai', '幸区', 2],
      ['nakahara', '中原区', 3],
      ['takatsu', '高津区', 4],
      ['miyamae', '宮前区', 5],
      ['tama', '多摩区', 6],
      ['asao', '麻生区', 7],
    ]);

    const committees = await db.prisma.committee.findMany({ include: { ward: true } });
    const wardCommittees = committees.filter((c) => c.kind === 'WARD_COMMITTEE');
    expect(wardCommittees.map((c) => c.name).sort()).toEqual(
      wards.map((w) => `${w.name}役所サービス向上委員会`).sort(),
    );
    expect(wardCommittees.every((c) => c.ward !== null && c.name.startsWith(c.ward.name))).toBe(true);
    expect(committees.filter((c) => c.kind === 'DIRECTORS_MEETING')).toMatchObject([
      { name: '区民サービス部長会議', wardId: null, description: DIRECTORS_MEETING },
    ]);
    expect(committees.filter((c) => c.kind === 'REVISION_WORKING_GROUP')).toMatchObject([
      { name: '区役所サービス向上指針改定ワーキング', wardId: null },
    ]);
  });

  it('creates no sample rows and no users without sample data', () => {
    expect(afterFirst).toMatchObject({
      guidelineVersion: 2,
      guidelineSection: 9,
      principle: 8,
      historyEvent: 7,
      ward: 7,
      committee: 9,
    });
    for (const model of SAMPLE_MODELS) expect(afterFirst[model], model).toBe(0);
    expect(first.sampleRows).toBe(0);
    expect(first.counts).toEqual(afterFirst);
    expect(first.createdRows).toBe(2 + 9 + 8 + 7 + 7 + 9);
    expect(hashCalls).toEqual([]);
  });

  it('changes nothing when run again', async () => {
    const before = await db.prisma.guidelineVersion.findUniqueOrThrow({ where: { code: 'H24.3' } });
    const again = await seed(db.prisma, options(false));
    expect(nothingCreated(again)).toBe(true);
    expect(again.updated).toBe(0);
    expect(again.counts).toEqual(first.counts);
    expect(await tableCounts(db.prisma)).toEqual(afterFirst);
    const after = await db.prisma.guidelineVersion.findUniqueOrThrow({ where: { code: 'H24.3' } });
    expect(after.updatedAt).toEqual(before.updatedAt);
  });

  it('brings edited guideline text back to the document’s wording, and leaves the status alone', async () => {
    const version = await db.prisma.guidelineVersion.findUniqueOrThrow({ where: { code: 'H24.3' } });
    await db.prisma.principle.update({
      where: { versionId_key: { versionId: version.id, key: 'EFFICIENT_OPERATION' } },
      data: { text: '改ざんされた文' },
    });
    await db.prisma.guidelineVersion.update({ where: { id: version.id }, data: { status: 'SUPERSEDED' } });
    const repaired = await seed(db.prisma, options(false));
    expect(repaired.updated).toBe(1);
    const principle = await db.prisma.principle.findUniqueOrThrow({
      where: { versionId_key: { versionId: version.id, key: 'EFFICIENT_OPERATION' } },
    });
    expect(principle.text).toBe('市民・区役所双方のトータルなコスト意識を持って取り組みます。');
    expect((await db.prisma.guidelineVersion.findUniqueOrThrow({ where: { id: version.id } })).status).toBe(
      'SUPERSEDED',
    );
    await db.prisma.guidelineVersion.update({ where: { id: version.id }, data: { status: 'PUBLISHED' } });
  });

  it('adds sample data to a database seeded without it, once', async () => {
    const withSample = await seed(db.prisma, options(true));
    expect(withSample.created).toMatchObject(Object.fromEntries(GUIDELINE_MODELS.map((m) => [m, 0])));
    expect(withSample.sampleRows).toBeGreaterThan(100);
    expect(hashCalls).toEqual(['dev-password']);
    const counts = await tableCounts(db.prisma);
    expect(counts).toEqual(withSample.counts);

    const again = await seed(db.prisma, options(true));
    expect(nothingCreated(again)).toBe(true);
    expect(await tableCounts(db.prisma)).toEqual(counts);
    expect(hashCalls).toEqual(['dev-password']);
  });
});

describe('seed with sample data on an empty database', () => {
  let db: Database;
  let report: SeedReport;
  beforeAll(async () => {
    hashCalls.length = 0;
    db = await createTestDatabase();
    report = await seed(db.prisma, options(true));
  });
  afterAll(async () => {
    await db?.close();
  });

  it('reports what it loaded and marks every sample row', async () => {
    const counts = await tableCounts(db.prisma);
    expect(report.counts).toEqual(counts);
    expect(report.created).toEqual(counts);
    expect(report.sampleRows).toBe(SAMPLE_MODELS.reduce((sum, m) => sum + counts[m], 0));
    expect(counts.principle).toBe(8);
    expect(counts.ward).toBe(7);
    const unmarked = await Promise.all([
      db.prisma.section.count({ where: { isSample: false } }),
      db.prisma.standard.count({ where: { isSample: false } }),
      db.prisma.user.count({ where: { isSample: false } }),
      db.prisma.improvementPolicy.count({ where: { isSample: false } }),
      db.prisma.improvementTarget.count({ where: { isSample: false } }),
    ]);
    expect(unmarked).toEqual([0, 0, 0, 0, 0]);
    expect(hashCalls).toEqual(['dev-password']);
  });

  it('gives every ward its sections, including one run by another bureau', async () => {
    const sections = await db.prisma.section.findMany({ include: { ward: true } });
    for (const ward of ['kawasaki', 'saiwai', 'nakahara', 'takatsu', 'miyamae', 'tama', 'asao']) {
      const own = sections.filter((s) => s.ward.code === ward);
      expect(own.map((s) => s.name)).toEqual(
        expect.arrayContaining(['区民課', '保険年金課', '地域振興課', '高齢・障害課', '児童家庭課', '衛生課']),
      );
      expect(own.filter((s) => s.kind === 'OTHER_BUREAU')).toMatchObject([
        { name: '市税証明発行コーナー', operatingBureau: '財政局' },
      ]);
    }
  });

  it('creates the sample accounts with memberships in the right scope', async () => {
    const users = await db.prisma.user.findMany({
      include: {
        memberships: {
          include: { ward: true, section: { include: { ward: true } }, committee: { include: { ward: true } } },
        },
      },
    });
    expect(users.map((u) => u.email).sort()).toEqual(SAMPLE_ACCOUNTS.map((a) => a.email).sort());
    expect(users.every((u) => u.passwordHash === 'test-hash$dev-password')).toBe(true);
    const scopes = (email: string) =>
      users
        .find((u) => u.email === email)!
        .memberships.map((m) => ({
          role: m.role,
          ward: m.ward?.code ?? null,
          section: m.section ? `${m.section.ward.code}/${m.section.code}` : null,
          committee: m.committee ? `${m.committee.kind}/${m.committee.ward?.code ?? ''}` : null,
        }));
    expect(scopes('admin@example.jp')).toEqual([{ role: 'POLICY_ADMIN', ward: null, section: null, committee: null }]);
    expect(scopes('director@example.jp')).toEqual([
      { role: 'DIRECTOR', ward: null, section: null, committee: 'DIRECTORS_MEETING/' },
    ]);
    expect(scopes('mayor.nakahara@example.jp')).toEqual([
      { role: 'WARD_MAYOR', ward: 'nakahara', section: null, committee: null },
    ]);
    expect(scopes('committee.nakahara@example.jp')).toEqual([
      { role: 'COMMITTEE_MEMBER', ward: null, section: null, committee: 'WARD_COMMITTEE/nakahara' },
    ]);
    expect(scopes('section.nakahara@example.jp')).toContainEqual({
      role: 'SECTION_MEMBER',
      ward: null,
      section: 'nakahara/citizens',
      committee: null,
    });
    expect(scopes('section.miyamae@example.jp')).toEqual([
      { role: 'SECTION_MEMBER', ward: null, section: 'miyamae/insurance-pension', committee: null },
    ]);
    expect(scopes('facilitator@example.jp')).toEqual([
      { role: 'FACILITATOR', ward: null, section: null, committee: 'REVISION_WORKING_GROUP/' },
    ]);
    const roles = new Set(users.flatMap((u) => u.memberships.map((m) => m.role)));
    expect(roles).toEqual(
      new Set([
        'POLICY_ADMIN',
        'DIRECTOR',
        'WARD_MAYOR',
        'WARD_COORDINATOR',
        'SECTION_HEAD',
        'SECTION_MEMBER',
        'COMMITTEE_CHAIR',
        'COMMITTEE_MEMBER',
        'FACILITATOR',
      ]),
    );
  });

  it('has standards with two published fiscal years, some raised, linked to principles', async () => {
    const standards = await db.prisma.standard.findMany({
      include: { revisions: { orderBy: { fiscalYear: 'asc' } }, principles: true },
    });
    expect(standards.filter((s) => s.category === 'SOFT').length).toBeGreaterThanOrEqual(6);
    expect(standards.filter((s) => s.category === 'HARD').length).toBeGreaterThanOrEqual(4);
    for (const s of standards) {
      expect(s.principles.length, s.code).toBeGreaterThanOrEqual(1);
      expect(s.principles.length, s.code).toBeLessThanOrEqual(3);
      expect(s.revisions.at(-1)?.fiscalYear, s.code).toBe(2026);
      expect(
        s.revisions.every((r) => r.status === 'PUBLISHED' && r.minimumLevel !== '' && r.aspirationalLevel !== ''),
        s.code,
      ).toBe(true);
    }
    const raised = standards.filter((s) => {
      const [fy2025, fy2026] = s.revisions;
      return (
        fy2025 &&
        fy2026 &&
        fy2026.changeNote !== '' &&
        fy2026.minimumLevel + fy2026.minimumValue !== fy2025.minimumLevel + fy2025.minimumValue
      );
    });
    expect(raised.length).toBeGreaterThanOrEqual(3);
    const adopted = standards.find((s) => s.originWardId !== null)!;
    expect(adopted.originTargetId).not.toBeNull();
    expect(adopted.revisions.map((r) => r.fiscalYear)).toEqual([2026]);
  });

  it('has FY2026 policies and targets in two wards, in every state, and FY2025 results', async () => {
    const policies = await db.prisma.improvementPolicy.findMany({
      where: { fiscalYear: 2026 },
      include: { ward: true },
    });
    expect(policies.map((p) => p.ward.code).sort()).toEqual(['miyamae', 'nakahara']);
    const targets = await db.prisma.improvementTarget.findMany({
      include: {
        section: { include: { ward: true } },
        standards: true,
        principles: true,
        revisions: true,
        result: true,
      },
    });
    const fy2026 = targets.filter((t) => t.fiscalYear === 2026);
    for (const ward of ['nakahara', 'miyamae']) {
      const own = fy2026.filter((t) => t.section.ward.code === ward);
      expect(own.length).toBeGreaterThanOrEqual(4);
      expect(own.some((t) => t.state === 'DRAFT')).toBe(true);
      expect(own.some((t) => t.state === 'PUBLISHED')).toBe(true);
    }
    expect(new Set(fy2026.map((t) => t.state))).toEqual(
      new Set(['DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'PUBLISHED']),
    );
    for (const t of targets) {
      expect(t.standards.length, t.title).toBeGreaterThan(0);
      expect(t.principles.length, t.title).toBeGreaterThan(0);
      expect(
        t.revisions.map((r) => r.number),
        t.title,
      ).toEqual([1]);
      expect(t.revisions[0]!.content).toMatchObject({ title: t.title, description: t.description });
      expect(t.policyId, t.title).not.toBeNull();
      expect(t.targetValue !== null || t.milestone !== null, t.title).toBe(true);
    }
    const results = targets.filter((t) => t.fiscalYear === 2025).map((t) => t.result);
    expect(results.every((r) => r !== null)).toBe(true);
    expect(new Set(results.map((r) => r!.achievementLevel))).toEqual(
      new Set(['GREATLY_EXCEEDED', 'EXCEEDED', 'ACHIEVED', 'BELOW', 'GREATLY_BELOW']),
    );
    expect(results.some((r) => r!.state === 'PUBLISHED')).toBe(true);
    // Carried over: the FY2026 target continues an FY2025 one.
    expect(fy2026.filter((t) => t.carriedOverFromId !== null).length).toBeGreaterThan(0);
  });

  it('changes nothing when run again', async () => {
    const counts = await tableCounts(db.prisma);
    const again = await seed(db.prisma, options(true));
    expect(nothingCreated(again)).toBe(true);
    expect(again.updated).toBe(0);
    expect(again.counts).toEqual(report.counts);
    expect(again.sampleRows).toBe(report.sampleRows);
    expect(await tableCounts(db.prisma)).toEqual(counts);
    expect(hashCalls).toEqual(['dev-password']);
  });
});
