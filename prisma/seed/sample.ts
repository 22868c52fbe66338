// Sample data, loaded only with `sample: true` and marked isSample wherever the model has the
// column: a realistic set of sections (所属) per ward, one account per role with its
// memberships, and the FY2025/FY2026 improvement policies of 中原区 and 宮前区. Standards are in
// standards.ts, targets and results in targets.ts. Names of people are invented.
import type { CommitteeKind, PolicyStatus, Role, SectionKind } from '../generated/client/client.ts';
import { WARDS, type WardCode } from './organisation.ts';

// ───────────────────────────── sections (所属) ─────────────────────────────

export type SampleSectionCode =
  | 'citizens'
  | 'insurance-pension'
  | 'community'
  | 'elderly-disability'
  | 'children-families'
  | 'public-assistance'
  | 'hygiene'
  | 'roads-parks'
  | 'general-affairs'
  | 'tax-certificates'
  | 'daishi-branch'
  | 'tajima-branch';

export interface SampleSectionSeed {
  ward: WardCode;
  code: SampleSectionCode;
  name: string;
  nameEn: string;
  kind: SectionKind;
  operatingBureau: string | null;
  position: number;
}

interface SectionTemplate {
  code: SampleSectionCode;
  name: (wardName: string) => string;
  nameEn: (wardNameEn: string) => string;
  kind: SectionKind;
  operatingBureau?: string;
}

/** The sections every ward office has, in the order a ward's organisation chart lists them. */
const EVERY_WARD: readonly SectionTemplate[] = [
  { code: 'general-affairs', name: () => '総務課', nameEn: () => 'General Affairs Division', kind: 'ADMINISTRATION' },
  { code: 'community', name: () => '地域振興課', nameEn: () => 'Community Development Division', kind: 'COMMUNITY' },
  { code: 'citizens', name: () => '区民課', nameEn: () => 'Ward Citizens Division', kind: 'COUNTER' },
  {
    code: 'insurance-pension',
    name: () => '保険年金課',
    nameEn: () => 'Insurance and Pension Division',
    kind: 'COUNTER',
  },
  {
    code: 'elderly-disability',
    name: () => '高齢・障害課',
    nameEn: () => 'Elderly and Disability Services Division',
    kind: 'HEALTH_WELFARE',
  },
  {
    code: 'children-families',
    name: () => '児童家庭課',
    nameEn: () => 'Children and Families Division',
    kind: 'HEALTH_WELFARE',
  },
  {
    code: 'public-assistance',
    name: () => '保護課',
    nameEn: () => 'Public Assistance Division',
    kind: 'HEALTH_WELFARE',
  },
  { code: 'hygiene', name: () => '衛生課', nameEn: () => 'Public Health and Hygiene Division', kind: 'HEALTH_WELFARE' },
  {
    code: 'roads-parks',
    name: (ward) => `${ward}道路公園センター`,
    nameEn: (ward) => `${ward} Roads and Parks Centre`,
    kind: 'INFRASTRUCTURE',
  },
  {
    code: 'tax-certificates',
    name: () => '市税証明発行コーナー',
    nameEn: () => 'City Tax Certificate Corner',
    kind: 'OTHER_BUREAU',
    operatingBureau: '財政局',
  },
];

/** 川崎区 also serves the citizens of its two branch-office areas at their own counters. */
const KAWASAKI_BRANCHES: readonly SectionTemplate[] = [
  {
    code: 'daishi-branch',
    name: () => '大師支所区民センター',
    nameEn: () => 'Daishi Branch Citizens Centre',
    kind: 'COUNTER',
  },
  {
    code: 'tajima-branch',
    name: () => '田島支所区民センター',
    nameEn: () => 'Tajima Branch Citizens Centre',
    kind: 'COUNTER',
  },
];

export const SAMPLE_SECTIONS: readonly SampleSectionSeed[] = WARDS.flatMap((ward) =>
  [...EVERY_WARD, ...(ward.code === 'kawasaki' ? KAWASAKI_BRANCHES : [])].map((template, index) => ({
    ward: ward.code,
    code: template.code,
    name: template.name(ward.name),
    nameEn: template.nameEn(ward.nameEn),
    kind: template.kind,
    operatingBureau: template.operatingBureau ?? null,
    position: index + 1,
  })),
);

// ───────────────────────────── accounts ─────────────────────────────

/** Where a sample membership applies: city-wide, a ward, a section, or a committee. */
export type SampleMembershipSeed =
  | { role: Role; scope: 'city' }
  | { role: Role; scope: 'ward'; ward: WardCode }
  | { role: Role; scope: 'section'; ward: WardCode; section: SampleSectionCode }
  | { role: Role; scope: 'committee'; committee: 'DIRECTORS_MEETING' | 'REVISION_WORKING_GROUP' }
  | { role: Role; scope: 'committee'; committee: Extract<CommitteeKind, 'WARD_COMMITTEE'>; ward: WardCode };

export interface SampleAccount {
  email: string;
  displayName: string;
  /** One line for the start-up banner: who this is, in both languages. */
  description: string;
  roles: readonly Role[];
  memberships: readonly SampleMembershipSeed[];
}

function account(
  email: string,
  displayName: string,
  description: string,
  memberships: readonly SampleMembershipSeed[],
): SampleAccount {
  return { email, displayName, description, roles: [...new Set(memberships.map((m) => m.role))], memberships };
}

/** One account per role (a ward's roles in 中原区, with a few in 宮前区), sign-in with the sample password. */
export const SAMPLE_ACCOUNTS: readonly SampleAccount[] = [
  account('admin@example.jp', '木村 直子', '自治政策部 policy department — POLICY_ADMIN, city-wide', [
    { role: 'POLICY_ADMIN', scope: 'city' },
  ]),
  account('director@example.jp', '石井 隆', "区民サービス部長会議 directors' meeting — DIRECTOR", [
    { role: 'DIRECTOR', scope: 'committee', committee: 'DIRECTORS_MEETING' },
  ]),
  account('mayor.nakahara@example.jp', '中村 和彦', '中原区長 ward mayor of Nakahara — WARD_MAYOR', [
    { role: 'WARD_MAYOR', scope: 'ward', ward: 'nakahara' },
  ]),
  account('mayor.miyamae@example.jp', '宮本 洋子', '宮前区長 ward mayor of Miyamae — WARD_MAYOR', [
    { role: 'WARD_MAYOR', scope: 'ward', ward: 'miyamae' },
  ]),
  account('coordinator.nakahara@example.jp', '小林 美穂', '中原区 committee secretariat (事務局) — WARD_COORDINATOR', [
    { role: 'WARD_COORDINATOR', scope: 'ward', ward: 'nakahara' },
  ]),
  account('chair.nakahara@example.jp', '高橋 誠', '中原区役所サービス向上委員会 chair — COMMITTEE_CHAIR', [
    { role: 'COMMITTEE_CHAIR', scope: 'committee', committee: 'WARD_COMMITTEE', ward: 'nakahara' },
  ]),
  account('committee.nakahara@example.jp', '佐藤 由美', '中原区役所サービス向上委員会 member — COMMITTEE_MEMBER', [
    { role: 'COMMITTEE_MEMBER', scope: 'committee', committee: 'WARD_COMMITTEE', ward: 'nakahara' },
  ]),
  account('committee.miyamae@example.jp', '森 健一', '宮前区役所サービス向上委員会 member — COMMITTEE_MEMBER', [
    { role: 'COMMITTEE_MEMBER', scope: 'committee', committee: 'WARD_COMMITTEE', ward: 'miyamae' },
  ]),
  account('head.nakahara@example.jp', '田中 浩', '中原区 区民課長 head of section — SECTION_HEAD', [
    { role: 'SECTION_HEAD', scope: 'section', ward: 'nakahara', section: 'citizens' },
  ]),
  account('section.nakahara@example.jp', '鈴木 彩', '中原区 区民課 staff; revision working group — SECTION_MEMBER', [
    { role: 'SECTION_MEMBER', scope: 'section', ward: 'nakahara', section: 'citizens' },
    { role: 'COMMITTEE_MEMBER', scope: 'committee', committee: 'REVISION_WORKING_GROUP' },
  ]),
  account('section.miyamae@example.jp', '伊藤 翔太', '宮前区 保険年金課 staff — SECTION_MEMBER', [
    { role: 'SECTION_MEMBER', scope: 'section', ward: 'miyamae', section: 'insurance-pension' },
  ]),
  account('facilitator@example.jp', '山口 恵', '改定ワーキング workshop facilitator — FACILITATOR', [
    { role: 'FACILITATOR', scope: 'committee', committee: 'REVISION_WORKING_GROUP' },
  ]),
];

// ───────────────────────────── improvement policies (区役所サービス向上方針) ─────────────────────────────

export interface SamplePolicySeed {
  ward: WardCode;
  fiscalYear: number;
  status: PolicyStatus;
  title: string;
  body: string;
  /** Email of the sample ward mayor who wrote it. */
  author: string;
  /** ISO timestamp. */
  publishedAt: string | null;
}

export const SAMPLE_POLICIES: readonly SamplePolicySeed[] = [
  {
    ward: 'nakahara',
    fiscalYear: 2025,
    status: 'PUBLISHED',
    title: '令和7年度 中原区役所サービス向上方針',
    author: 'mayor.nakahara@example.jp',
    publishedAt: '2025-04-25T10:00:00+09:00',
    body: [
      '中原区は、武蔵小杉駅周辺の再開発に伴い転入される方が多く、3月・4月の繁忙期には区民課・保険年金課の窓口が大変混雑し、長い時間お待たせする状況が続いています。',
      '',
      '令和7年度は、区役所サービスの理念のうち「市民の視点」と「効率的運営」を重点とし、「待たせない・迷わせない区役所」を目標に、全所属で次のことに取り組みます。',
      '',
      '１　繁忙期の窓口の混雑を緩和し、待ち時間を短縮します。',
      '２　来庁された方が必要な窓口に迷わずたどり着けるよう、庁内の案内表示を全市統一のサインルールに沿って見直します。',
      '３　電話での問合せに、所属を越えて正確かつ迅速にお答えします。',
      '',
      '各所属は、この方針と区役所サービス基準を踏まえて向上目標を設定し、中原区役所サービス向上委員会の下で取組を進めてください。',
    ].join('\n'),
  },
  {
    ward: 'nakahara',
    fiscalYear: 2026,
    status: 'PUBLISHED',
    title: '令和8年度 中原区役所サービス向上方針',
    author: 'mayor.nakahara@example.jp',
    publishedAt: '2026-04-24T10:00:00+09:00',
    body: [
      '令和7年度は、繁忙期に区民課・保険年金課の窓口付近へフロア案内係を配置したことで、申請書の記載誤りによる手戻りが大きく減りました。この取組は、区民サービス部長会議での検証を経て、令和8年度から全市の区役所サービス基準にも採用されています。一方で、繁忙期の待ち時間は目標に届かず、引き続きの課題です。',
      '',
      '令和8年度も「市民の視点」と「効率的運営」を重点とし、次の三点に全所属で取り組みます。',
      '',
      '１　待たせない窓口　繁忙期を含め、証明書の発行と転入・転居の手続の待ち時間を短縮します。',
      '２　迷わせない庁舎　庁内の案内表示に英語を併記し、初めて来庁された方や外国人市民の方も、職員に尋ねることなく目的の窓口にたどり着けるようにします。',
      '３　安心して相談できる窓口　子育てや介護の相談では、周囲を気にせず話していただけるよう、プライバシーに配慮した相談環境を整えます。',
      '',
      '各所属は、この方針と区役所サービス基準を踏まえて5月末までに向上目標を設定し、中原区役所サービス向上委員会の下で取組を進めてください。取組の結果は年度末に検証し、区のホームページで公表します。',
    ].join('\n'),
  },
  {
    ward: 'miyamae',
    fiscalYear: 2025,
    status: 'PUBLISHED',
    title: '令和7年度 宮前区役所サービス向上方針',
    author: 'mayor.miyamae@example.jp',
    publishedAt: '2025-04-28T10:00:00+09:00',
    body: [
      '宮前区では高齢化が進み、介護や医療、年金に関する手続や相談で来庁される方が年々増えています。',
      '',
      '令和7年度は、区役所サービスの理念のうち「市民と共感」と「ニーズの把握」を重点とし、全所属で次のことに取り組みます。',
      '',
      '１　職員から先に声をかけ、来庁された方が安心して話せる雰囲気をつくります。',
      '２　手続の説明をわかりやすくし、一度の来庁で用件が済むようにします。',
      '３　小さなお子さん連れの方も含め、快適にお待ちいただける待合スペースを整えます。',
      '',
      '各所属は、この方針と区役所サービス基準を踏まえて向上目標を設定し、宮前区役所サービス向上委員会の下で取組を進めてください。',
    ].join('\n'),
  },
  {
    ward: 'miyamae',
    fiscalYear: 2026,
    status: 'PUBLISHED',
    title: '令和8年度 宮前区役所サービス向上方針',
    author: 'mayor.miyamae@example.jp',
    publishedAt: '2026-05-08T10:00:00+09:00',
    body: [
      '令和7年度の来庁者アンケートでは、職員の応対を「良い」「やや良い」と答えた方が85％を超え、声かけの取組が定着してきました。一方で、手続の記入例の整備や待合スペースの改善は、庁舎の改修工事との調整もあり、計画どおりには進みませんでした。',
      '',
      '令和8年度も「市民と共感」と「ニーズの把握」を重点とし、次のことに全所属で取り組みます。',
      '',
      '１　声かけとあいさつを続け、来庁された方の満足度をさらに高めます。',
      '２　主な手続の記入例と案内チラシをそろえ、窓口でもホームページでも、わかりやすくご案内します。',
      '３　キッズスペースを設け、子ども連れの方も安心してお待ちいただける待合スペースにします。',
      '４　電話でのお問合せにも、窓口と同じ丁寧さでお答えします。',
      '',
      '昨年度に達成できなかった取組は、原因を振り返ったうえで目標を立て直してください。取組の結果は年度末に検証し、区のホームページで公表します。',
    ].join('\n'),
  },
];
