// Sample 区役所サービス向上目標 (loaded only with `sample: true`) for 中原区 and 宮前区: FY2025
// targets with their year-end results on the five-level scale, and FY2026 targets spread over
// the approval states, with the committee's review rounds and comment threads.
import type { AchievementLevel, ReviewDecision, ResultState, TargetState } from '../generated/client/client.ts';
import type { PrincipleKey } from './guideline.ts';
import type { WardCode } from './organisation.ts';
import type { SampleSectionCode } from './sample.ts';

export interface SampleResultSeed {
  state: ResultState;
  actualValue: number | null;
  achievementLevel: AchievementLevel;
  evidence: string;
  lateReason: string | null;
  /** Email of the sample account that reported it; null when the section has none. */
  reportedBy: string | null;
  reportedAt: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
  publishedAt: string | null;
}

export interface SampleReviewSeed {
  reviewer: string;
  decision: ReviewDecision;
  body: string;
  at: string;
}

export interface SampleTargetSeed {
  /** Stable key; the row's id is derived from it. */
  key: string;
  ward: WardCode;
  section: SampleSectionCode;
  fiscalYear: number;
  state: TargetState;
  title: string;
  description: string;
  indicatorName: string | null;
  unit: string | null;
  baselineValue: number | null;
  targetValue: number | null;
  milestone: string | null;
  /** YYYY-MM-DD. */
  dueDate: string | null;
  standards: readonly string[];
  principles: readonly PrincipleKey[];
  /** Email of the sample account that wrote it; null when the section has none. */
  createdBy: string | null;
  carriedOverFrom: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  /** The committee's review round 1: open while IN_REVIEW, closed once decided. */
  reviews: readonly SampleReviewSeed[];
  result: SampleResultSeed | null;
}

export interface SampleCommentSeed {
  key: string;
  targetKey: string;
  /** Key of the comment this one answers. */
  replyTo: string | null;
  author: string;
  body: string;
  quote: string | null;
  at: string;
}

const NAKAHARA_CHAIR = 'chair.nakahara@example.jp';
const NAKAHARA_MEMBER = 'committee.nakahara@example.jp';
const NAKAHARA_STAFF = 'section.nakahara@example.jp';
const NAKAHARA_HEAD = 'head.nakahara@example.jp';
const MIYAMAE_MEMBER = 'committee.miyamae@example.jp';
const MIYAMAE_STAFF = 'section.miyamae@example.jp';
const MIYAMAE_MAYOR = 'mayor.miyamae@example.jp';

const approve = (reviewer: string, at: string, body = ''): SampleReviewSeed => ({
  reviewer,
  decision: 'APPROVE',
  body,
  at,
});

export const SAMPLE_TARGETS: readonly SampleTargetSeed[] = [
  // ───────────── FY2025 (令和7年度): published, with results ─────────────
  {
    key: 'nakahara-2025-floor-guide',
    ward: 'nakahara',
    section: 'citizens',
    fiscalYear: 2025,
    state: 'PUBLISHED',
    title: '繁忙期のフロア案内係の配置',
    description:
      '3月・4月の繁忙期に、区民課・保険年金課の窓口付近にフロア案内係を2名配置し、来庁者の用件を伺って申請書の記入を支援するとともに、必要な窓口へ案内する。',
    indicatorName: '記載誤り等による窓口での手戻り件数（繁忙期）',
    unit: '件',
    baselineValue: 320,
    targetValue: 200,
    milestone: null,
    dueDate: '2026-04-30',
    standards: ['S-04', 'S-02'],
    principles: ['CITIZENS_PERSPECTIVE', 'UNDERSTANDING_NEEDS'],
    createdBy: NAKAHARA_STAFF,
    carriedOverFrom: null,
    submittedAt: '2025-05-09T10:00:00+09:00',
    approvedAt: '2025-05-23T16:00:00+09:00',
    publishedAt: '2025-05-30T10:00:00+09:00',
    reviews: [approve(NAKAHARA_CHAIR, '2025-05-23T16:00:00+09:00')],
    result: {
      state: 'PUBLISHED',
      actualValue: 95,
      achievementLevel: 'GREATLY_EXCEEDED',
      evidence:
        '繁忙期の手戻り件数は95件となり、目標の200件を大きく下回った。来庁者アンケートでも「案内がわかりやすかった」との声が多く寄せられた。区民サービス部長会議に報告し、令和8年度から全市の基準（S-08）として採用された。',
      lateReason: null,
      reportedBy: NAKAHARA_STAFF,
      reportedAt: '2026-03-24T10:00:00+09:00',
      confirmedBy: NAKAHARA_CHAIR,
      confirmedAt: '2026-04-14T10:00:00+09:00',
      publishedAt: '2026-05-29T10:00:00+09:00',
    },
  },
  {
    key: 'nakahara-2025-waiting',
    ward: 'nakahara',
    section: 'insurance-pension',
    fiscalYear: 2025,
    state: 'PUBLISHED',
    title: '繁忙期の待ち時間の短縮',
    description:
      '繁忙期に臨時窓口を2か所増設し、国民健康保険の加入・脱退手続の受付を分散させる。混雑状況をホームページで発信し、来庁の分散を呼びかける。',
    indicatorName: '繁忙期（3月・4月）の保険年金課窓口の平均待ち時間',
    unit: '分',
    baselineValue: 52,
    targetValue: 45,
    milestone: null,
    dueDate: '2026-04-30',
    standards: ['S-04'],
    principles: ['EFFICIENT_OPERATION', 'CITIZENS_PERSPECTIVE'],
    createdBy: null,
    carriedOverFrom: null,
    submittedAt: '2025-05-12T10:00:00+09:00',
    approvedAt: '2025-05-23T16:00:00+09:00',
    publishedAt: '2025-05-30T10:00:00+09:00',
    reviews: [approve(NAKAHARA_CHAIR, '2025-05-23T16:00:00+09:00')],
    result: {
      state: 'PUBLISHED',
      actualValue: 48,
      achievementLevel: 'BELOW',
      evidence:
        '平均待ち時間は48分で、前年度から4分短縮したが目標には届かなかった。臨時窓口の職員確保が3月下旬に間に合わなかったことが主な要因であり、令和8年度に継続して取り組む。',
      lateReason: null,
      reportedBy: null,
      reportedAt: '2026-03-27T10:00:00+09:00',
      confirmedBy: NAKAHARA_CHAIR,
      confirmedAt: '2026-04-14T10:00:00+09:00',
      publishedAt: '2026-05-29T10:00:00+09:00',
    },
  },
  {
    key: 'nakahara-2025-signage',
    ward: 'nakahara',
    section: 'general-affairs',
    fiscalYear: 2025,
    state: 'PUBLISHED',
    title: '1階窓口の案内表示の統一',
    description:
      '1階の庁舎案内図と窓口案内表示を、全市統一のサインルールに沿って更新する。掲示期限を過ぎた掲示物の点検を毎月行う。',
    indicatorName: null,
    unit: null,
    baselineValue: null,
    targetValue: null,
    milestone: '1階の庁舎案内図と全窓口の案内表示をサインルールに沿って更新し、掲示物の月例点検を定着させる。',
    dueDate: '2026-03-31',
    standards: ['H-01'],
    principles: ['COMFORTABLE_ENVIRONMENT'],
    createdBy: null,
    carriedOverFrom: null,
    submittedAt: '2025-05-14T10:00:00+09:00',
    approvedAt: '2025-05-23T16:00:00+09:00',
    publishedAt: '2025-05-30T10:00:00+09:00',
    reviews: [approve(NAKAHARA_CHAIR, '2025-05-23T16:00:00+09:00')],
    result: {
      state: 'PUBLISHED',
      actualValue: null,
      achievementLevel: 'ACHIEVED',
      evidence: '令和8年2月に1階の案内表示の更新を完了した。掲示物の月例点検を4月から毎月実施した。',
      lateReason: null,
      reportedBy: null,
      reportedAt: '2026-03-26T10:00:00+09:00',
      confirmedBy: NAKAHARA_CHAIR,
      confirmedAt: '2026-04-14T10:00:00+09:00',
      publishedAt: '2026-05-29T10:00:00+09:00',
    },
  },
  {
    key: 'nakahara-2025-phone',
    ward: 'nakahara',
    section: 'children-families',
    fiscalYear: 2025,
    state: 'PUBLISHED',
    title: '電話応対の向上',
    description:
      '電話の応答ルール（3コール以内、所属名と氏名を名乗る）を課内で徹底し、四半期ごとに抜き打ち調査を行う。',
    indicatorName: '3コール以内の応答率（抜き打ち調査）',
    unit: '%',
    baselineValue: 72,
    targetValue: 85,
    milestone: null,
    dueDate: '2026-03-31',
    standards: ['S-05'],
    principles: ['ORGANISATIONAL_COOPERATION'],
    createdBy: null,
    carriedOverFrom: null,
    submittedAt: '2025-05-15T10:00:00+09:00',
    approvedAt: '2025-05-23T16:00:00+09:00',
    publishedAt: '2025-05-30T10:00:00+09:00',
    reviews: [approve(NAKAHARA_CHAIR, '2025-05-23T16:00:00+09:00')],
    result: {
      state: 'CONFIRMED',
      actualValue: 87,
      achievementLevel: 'EXCEEDED',
      evidence: '第4四半期の抜き打ち調査で応答率87％となり、目標の85％を上回った。',
      lateReason: null,
      reportedBy: null,
      reportedAt: '2026-03-25T10:00:00+09:00',
      confirmedBy: NAKAHARA_CHAIR,
      confirmedAt: '2026-04-14T10:00:00+09:00',
      publishedAt: null,
    },
  },
  {
    key: 'miyamae-2025-greeting',
    ward: 'miyamae',
    section: 'citizens',
    fiscalYear: 2025,
    state: 'PUBLISHED',
    title: '職員からの声かけ運動',
    description:
      '窓口付近で迷っている様子の来庁者には職員から声をかける「声かけ運動」を課全体で実施し、朝礼で接遇のポイントを共有する。',
    indicatorName: '来庁者アンケートで職員の応対を「良い」「やや良い」と答えた方の割合',
    unit: '%',
    baselineValue: 79,
    targetValue: 85,
    milestone: null,
    dueDate: '2026-03-31',
    standards: ['S-01'],
    principles: ['EMPATHY', 'CITIZENS_PERSPECTIVE'],
    createdBy: null,
    carriedOverFrom: null,
    submittedAt: '2025-05-13T10:00:00+09:00',
    approvedAt: '2025-05-27T16:00:00+09:00',
    publishedAt: '2025-06-02T10:00:00+09:00',
    reviews: [approve(MIYAMAE_MEMBER, '2025-05-27T16:00:00+09:00')],
    result: {
      state: 'PUBLISHED',
      actualValue: 85.2,
      achievementLevel: 'ACHIEVED',
      evidence: '令和8年2月の来庁者アンケートで85.2％となり、目標を達成した。',
      lateReason: null,
      reportedBy: null,
      reportedAt: '2026-03-19T10:00:00+09:00',
      confirmedBy: MIYAMAE_MAYOR,
      confirmedAt: '2026-04-20T10:00:00+09:00',
      publishedAt: '2026-05-29T10:00:00+09:00',
    },
  },
  {
    key: 'miyamae-2025-forms',
    ward: 'miyamae',
    section: 'insurance-pension',
    fiscalYear: 2025,
    state: 'PUBLISHED',
    title: '記入例の整備',
    description: '国民健康保険・国民年金の主な手続10種類について記入例を作成し、記載台に配置する。',
    indicatorName: '記入例を整備した手続の数',
    unit: '種類',
    baselineValue: 0,
    targetValue: 10,
    milestone: null,
    dueDate: '2026-03-31',
    standards: ['S-02', 'H-02'],
    principles: ['APPROPRIATE_SERVICE'],
    createdBy: MIYAMAE_STAFF,
    carriedOverFrom: null,
    submittedAt: '2025-05-16T10:00:00+09:00',
    approvedAt: '2025-05-27T16:00:00+09:00',
    publishedAt: '2025-06-02T10:00:00+09:00',
    reviews: [approve(MIYAMAE_MEMBER, '2025-05-27T16:00:00+09:00')],
    result: {
      state: 'REPORTED',
      actualValue: 6,
      achievementLevel: 'BELOW',
      evidence:
        '6種類の記入例を作成し記載台に配置した。残る4種類は制度改正の内容確認に時間を要し、年度内に完成しなかった。',
      lateReason: '年度末の繁忙期対応のため、実績の集計と報告が4月にずれ込んだ。',
      reportedBy: MIYAMAE_STAFF,
      reportedAt: '2026-04-20T10:00:00+09:00',
      confirmedBy: null,
      confirmedAt: null,
      publishedAt: null,
    },
  },
  {
    key: 'miyamae-2025-waiting-area',
    ward: 'miyamae',
    section: 'hygiene',
    fiscalYear: 2025,
    state: 'PUBLISHED',
    title: '待合スペースへのキッズスペースの設置',
    description: '乳幼児健診などで子ども連れの来庁者が多い衛生課前の待合スペースに、キッズスペースを設置する。',
    indicatorName: null,
    unit: null,
    baselineValue: null,
    targetValue: null,
    milestone: '衛生課前の待合スペースにキッズスペースを設置する。',
    dueDate: '2025-12-26',
    standards: ['H-03'],
    principles: ['COMFORTABLE_ENVIRONMENT'],
    createdBy: null,
    carriedOverFrom: null,
    submittedAt: '2025-05-16T10:00:00+09:00',
    approvedAt: '2025-05-27T16:00:00+09:00',
    publishedAt: '2025-06-02T10:00:00+09:00',
    reviews: [approve(MIYAMAE_MEMBER, '2025-05-27T16:00:00+09:00')],
    result: {
      state: 'PUBLISHED',
      actualValue: null,
      achievementLevel: 'GREATLY_BELOW',
      evidence:
        '庁舎の空調改修工事の工程と調整がつかず、設置に着手できなかった。工事完了後の令和8年度に改めて取り組む。',
      lateReason: null,
      reportedBy: null,
      reportedAt: '2026-03-23T10:00:00+09:00',
      confirmedBy: MIYAMAE_MAYOR,
      confirmedAt: '2026-04-20T10:00:00+09:00',
      publishedAt: '2026-05-29T10:00:00+09:00',
    },
  },

  // ───────────── FY2026 (令和8年度): 中原区 ─────────────
  {
    key: 'nakahara-2026-certificates',
    ward: 'nakahara',
    section: 'citizens',
    fiscalYear: 2026,
    state: 'PUBLISHED',
    title: '証明書発行の処理時間の短縮',
    description:
      '証明書の交付窓口で、申請書の事前確認と交付物の照合を担当する職員を分け、受付から交付までの処理時間を短縮する。マイナンバーカードによるコンビニ交付の案内も併せて行う。',
    indicatorName: '証明書発行の受付から交付までの平均処理時間',
    unit: '分',
    baselineValue: 11.8,
    targetValue: 9,
    milestone: null,
    dueDate: '2027-03-31',
    standards: ['S-03', 'S-07'],
    principles: ['EFFICIENT_OPERATION', 'APPROPRIATE_SERVICE'],
    createdBy: NAKAHARA_STAFF,
    carriedOverFrom: null,
    submittedAt: '2026-05-11T10:00:00+09:00',
    approvedAt: '2026-05-22T16:00:00+09:00',
    publishedAt: '2026-05-29T10:00:00+09:00',
    reviews: [approve(NAKAHARA_CHAIR, '2026-05-22T16:00:00+09:00')],
    result: null,
  },
  {
    key: 'nakahara-2026-waiting',
    ward: 'nakahara',
    section: 'insurance-pension',
    fiscalYear: 2026,
    state: 'APPROVED',
    title: '繁忙期の待ち時間の短縮（継続）',
    description:
      '令和7年度の結果を踏まえ、臨時窓口の応援職員を2月中に確保する。全市の基準となったフロア案内係を保険年金課前にも配置し、受付前に書類をそろえていただく。',
    indicatorName: '繁忙期（3月・4月）の保険年金課窓口の平均待ち時間',
    unit: '分',
    baselineValue: 48,
    targetValue: 40,
    milestone: null,
    dueDate: '2027-04-30',
    standards: ['S-04', 'S-08'],
    principles: ['CITIZENS_PERSPECTIVE', 'EFFICIENT_OPERATION'],
    createdBy: null,
    carriedOverFrom: 'nakahara-2025-waiting',
    submittedAt: '2026-05-12T10:00:00+09:00',
    approvedAt: '2026-05-22T16:00:00+09:00',
    publishedAt: null,
    reviews: [
      approve(NAKAHARA_CHAIR, '2026-05-22T16:00:00+09:00', '昨年度の要因分析を踏まえた内容になっており、承認します。'),
    ],
    result: null,
  },
  {
    key: 'nakahara-2026-signage',
    ward: 'nakahara',
    section: 'general-affairs',
    fiscalYear: 2026,
    state: 'IN_REVIEW',
    title: '2階・3階の案内表示の更新と英語併記',
    description:
      '令和7年度に更新した1階に続き、2階・3階の庁舎案内図と窓口案内表示を全市統一のサインルールに沿って更新し、英語を併記する。',
    indicatorName: null,
    unit: null,
    baselineValue: null,
    targetValue: null,
    milestone: '2階・3階の庁舎案内図と全窓口の案内表示を更新し、英語を併記する。',
    dueDate: '2027-01-29',
    standards: ['H-01'],
    principles: ['COMFORTABLE_ENVIRONMENT', 'CITIZENS_PERSPECTIVE'],
    createdBy: null,
    carriedOverFrom: null,
    submittedAt: '2026-11-16T10:00:00+09:00',
    approvedAt: null,
    publishedAt: null,
    reviews: [],
    result: null,
  },
  {
    key: 'nakahara-2026-consultation-booths',
    ward: 'nakahara',
    section: 'children-families',
    fiscalYear: 2026,
    state: 'CHANGES_REQUESTED',
    title: '子育て相談窓口への相談ブースの設置',
    description: '児童家庭課の相談窓口に、周囲を気にせず相談できる相談ブースを2か所設置する。',
    indicatorName: null,
    unit: null,
    baselineValue: null,
    targetValue: null,
    milestone: '相談ブースを2か所設置する。',
    dueDate: '2027-03-19',
    standards: ['H-05'],
    principles: ['EMPATHY', 'COMFORTABLE_ENVIRONMENT'],
    createdBy: null,
    carriedOverFrom: null,
    submittedAt: '2026-10-20T10:00:00+09:00',
    approvedAt: null,
    publishedAt: null,
    reviews: [
      {
        reviewer: NAKAHARA_CHAIR,
        decision: 'REQUEST_CHANGES',
        body: '設置場所と、設置までの間の当面の対応を目標に加えてください。',
        at: '2026-10-30T16:00:00+09:00',
      },
    ],
    result: null,
  },
  {
    key: 'nakahara-2026-phone',
    ward: 'nakahara',
    section: 'citizens',
    fiscalYear: 2026,
    state: 'DRAFT',
    title: '電話での問合せへの対応の向上',
    description:
      '区民課の電話の一次対応を当番制にし、よくある問合せの回答集を作成して課内で共有する。担当外の用件は内容を確認して担当者に引き継ぐ。',
    indicatorName: '3コール以内の応答率（抜き打ち調査）',
    unit: '%',
    baselineValue: 81,
    targetValue: 90,
    milestone: null,
    dueDate: '2027-03-31',
    standards: ['S-05'],
    principles: ['ORGANISATIONAL_COOPERATION', 'EMPATHY'],
    createdBy: NAKAHARA_STAFF,
    carriedOverFrom: null,
    submittedAt: null,
    approvedAt: null,
    publishedAt: null,
    reviews: [],
    result: null,
  },
  {
    key: 'nakahara-2026-easy-japanese',
    ward: 'nakahara',
    section: 'elderly-disability',
    fiscalYear: 2026,
    state: 'PUBLISHED',
    title: '筆談ボードの配備と「やさしい日本語」研修',
    description:
      '課内の全ての窓口に筆談ボードを配備する。課の全職員が「やさしい日本語」研修を受講し、外国人市民や聴覚に障害のある方への対応力を高める。',
    indicatorName: '「やさしい日本語」研修の受講率',
    unit: '%',
    baselineValue: 35,
    targetValue: 100,
    milestone: null,
    dueDate: '2027-02-26',
    standards: ['S-06'],
    principles: ['CITIZENS_PERSPECTIVE', 'APPROPRIATE_SERVICE'],
    createdBy: null,
    carriedOverFrom: null,
    submittedAt: '2026-05-13T10:00:00+09:00',
    approvedAt: '2026-05-22T16:00:00+09:00',
    publishedAt: '2026-05-29T10:00:00+09:00',
    reviews: [approve(NAKAHARA_CHAIR, '2026-05-22T16:00:00+09:00')],
    result: null,
  },

  // ───────────── FY2026 (令和8年度): 宮前区 ─────────────
  {
    key: 'miyamae-2026-greeting',
    ward: 'miyamae',
    section: 'citizens',
    fiscalYear: 2026,
    state: 'PUBLISHED',
    title: '声かけとあいさつの定着',
    description:
      '「声かけ運動」を継続し、新たに配属された職員には配属初日に接遇の研修を行う。来庁者アンケートの自由意見を毎月課内で共有する。',
    indicatorName: '来庁者アンケートで職員の応対を「良い」「やや良い」と答えた方の割合',
    unit: '%',
    baselineValue: 85.2,
    targetValue: 90,
    milestone: null,
    dueDate: '2027-03-31',
    standards: ['S-01'],
    principles: ['EMPATHY'],
    createdBy: null,
    carriedOverFrom: 'miyamae-2025-greeting',
    submittedAt: '2026-05-15T10:00:00+09:00',
    approvedAt: '2026-05-26T16:00:00+09:00',
    publishedAt: '2026-06-01T10:00:00+09:00',
    reviews: [approve(MIYAMAE_MEMBER, '2026-05-26T16:00:00+09:00')],
    result: null,
  },
  {
    key: 'miyamae-2026-forms',
    ward: 'miyamae',
    section: 'insurance-pension',
    fiscalYear: 2026,
    state: 'IN_REVIEW',
    title: '記入例の整備（継続）',
    description:
      '令和7年度に完成しなかった4種類の記入例を作成し、全10種類を記載台に配置するとともに、ホームページからも印刷できるようにする。',
    indicatorName: '記入例を整備した手続の数',
    unit: '種類',
    baselineValue: 6,
    targetValue: 10,
    milestone: null,
    dueDate: '2026-12-25',
    standards: ['S-02', 'H-02'],
    principles: ['APPROPRIATE_SERVICE', 'UNDERSTANDING_NEEDS'],
    createdBy: MIYAMAE_STAFF,
    carriedOverFrom: 'miyamae-2025-forms',
    submittedAt: '2026-11-09T10:00:00+09:00',
    approvedAt: null,
    publishedAt: null,
    reviews: [
      {
        reviewer: MIYAMAE_MEMBER,
        decision: 'COMMENT',
        body: 'ホームページへの掲載時期も目標に書いておくとよいと思います。',
        at: '2026-11-13T11:00:00+09:00',
      },
    ],
    result: null,
  },
  {
    key: 'miyamae-2026-leaflet',
    ward: 'miyamae',
    section: 'insurance-pension',
    fiscalYear: 2026,
    state: 'DRAFT',
    title: '国民健康保険の加入・脱退手続の案内チラシの改訂',
    description:
      '国民健康保険の加入・脱退手続の案内チラシを、必要な書類が一目でわかる構成に改訂し、「やさしい日本語」版も作成する。',
    indicatorName: null,
    unit: null,
    baselineValue: null,
    targetValue: null,
    milestone: '改訂版チラシと「やさしい日本語」版を作成し、窓口とホームページで配布する。',
    dueDate: '2027-02-26',
    standards: ['S-02', 'S-06'],
    principles: ['APPROPRIATE_SERVICE'],
    createdBy: MIYAMAE_STAFF,
    carriedOverFrom: null,
    submittedAt: null,
    approvedAt: null,
    publishedAt: null,
    reviews: [],
    result: null,
  },
  {
    key: 'miyamae-2026-kids-space',
    ward: 'miyamae',
    section: 'hygiene',
    fiscalYear: 2026,
    state: 'DRAFT',
    title: '待合スペースへのキッズスペースの設置（再挑戦）',
    description:
      '空調改修工事の完了を受け、衛生課前の待合スペースにキッズスペースを設置する。設置場所は総務課と調整し、授乳室の案内表示も併せて行う。',
    indicatorName: null,
    unit: null,
    baselineValue: null,
    targetValue: null,
    milestone: '衛生課前の待合スペースにキッズスペースを設置し、授乳室の案内表示を行う。',
    dueDate: '2027-01-29',
    standards: ['H-03', 'H-04'],
    principles: ['COMFORTABLE_ENVIRONMENT'],
    createdBy: null,
    carriedOverFrom: 'miyamae-2025-waiting-area',
    submittedAt: null,
    approvedAt: null,
    publishedAt: null,
    reviews: [],
    result: null,
  },
  {
    key: 'miyamae-2026-roads-phone',
    ward: 'miyamae',
    section: 'roads-parks',
    fiscalYear: 2026,
    state: 'APPROVED',
    title: '道路・公園に関する電話の問合せへの対応の向上',
    description:
      '道路の損傷や公園の遊具に関する電話の受付内容を共通の様式で記録し、現場担当への引継ぎと折り返しの連絡を当日中に行う。',
    indicatorName: '当日中に折り返しの連絡をした割合',
    unit: '%',
    baselineValue: 76,
    targetValue: 90,
    milestone: null,
    dueDate: '2027-03-31',
    standards: ['S-05'],
    principles: ['ORGANISATIONAL_COOPERATION', 'APPROPRIATE_SERVICE'],
    createdBy: null,
    carriedOverFrom: null,
    submittedAt: '2026-05-18T10:00:00+09:00',
    approvedAt: '2026-05-26T16:00:00+09:00',
    publishedAt: null,
    reviews: [approve(MIYAMAE_MEMBER, '2026-05-26T16:00:00+09:00')],
    result: null,
  },
  {
    key: 'miyamae-2026-tax-certificates',
    ward: 'miyamae',
    section: 'tax-certificates',
    fiscalYear: 2026,
    state: 'PUBLISHED',
    title: '市税証明の交付までの時間の短縮',
    description:
      '申請書の記入例を窓口前に掲示し、受付時の記載内容の確認を徹底して、交付までの時間を短縮する。区民課と連携し、住民票の写しと同時に申請される方の案内を改善する。',
    indicatorName: '市税証明の受付から交付までの平均処理時間',
    unit: '分',
    baselineValue: 13,
    targetValue: 10,
    milestone: null,
    dueDate: '2027-03-31',
    standards: ['S-03'],
    principles: ['EFFICIENT_OPERATION', 'ORGANISATIONAL_COOPERATION'],
    createdBy: null,
    carriedOverFrom: null,
    submittedAt: '2026-05-14T10:00:00+09:00',
    approvedAt: '2026-05-26T16:00:00+09:00',
    publishedAt: '2026-06-01T10:00:00+09:00',
    reviews: [approve(MIYAMAE_MEMBER, '2026-05-26T16:00:00+09:00')],
    result: null,
  },
];

/** Comment threads of the committees on targets under review. */
export const SAMPLE_COMMENTS: readonly SampleCommentSeed[] = [
  {
    key: 'nakahara-signage-elevator',
    targetKey: 'nakahara-2026-signage',
    replyTo: null,
    author: NAKAHARA_MEMBER,
    body: 'エレベーターを降りた位置から窓口の案内表示が見えるかどうかも、確認の対象に加えてはどうでしょうか。',
    quote: '2階・3階の庁舎案内図と窓口案内表示',
    at: '2026-11-18T14:00:00+09:00',
  },
  {
    key: 'nakahara-signage-elevator-reply',
    targetKey: 'nakahara-2026-signage',
    replyTo: 'nakahara-signage-elevator',
    author: 'coordinator.nakahara@example.jp',
    body: '総務課に確認しました。エレベーターホールからの見え方も現地で確認し、目標に反映する予定です。',
    quote: null,
    at: '2026-11-19T09:30:00+09:00',
  },
  {
    key: 'nakahara-booths-interim',
    targetKey: 'nakahara-2026-consultation-booths',
    replyTo: null,
    author: NAKAHARA_CHAIR,
    body: '相談ブースの設置までの間、既存のパーティションをどう活用するかも書いてください。',
    quote: '相談ブースを2か所設置する。',
    at: '2026-10-30T16:00:00+09:00',
  },
  {
    key: 'nakahara-booths-interim-reply',
    targetKey: 'nakahara-2026-consultation-booths',
    replyTo: 'nakahara-booths-interim',
    author: NAKAHARA_HEAD,
    body: '区民課に使っていない移動式のパーティションが2台あります。ブースの設置までの間、お貸しできます。',
    quote: null,
    at: '2026-11-02T11:00:00+09:00',
  },
  {
    key: 'miyamae-forms-web',
    targetKey: 'miyamae-2026-forms',
    replyTo: null,
    author: MIYAMAE_MEMBER,
    body: '記入例をホームページから印刷できるようにすると、来庁前の準備に役立つと思います。掲載時期も書いておくとよいと思います。',
    quote: 'ホームページからも印刷できるようにする',
    at: '2026-11-13T11:00:00+09:00',
  },
];
