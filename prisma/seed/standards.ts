// Sample 区役所サービス基準 (loaded only with `sample: true`): city-wide standards, each with
// its 最低基準 (minimum level) and 目指すべき姿 (aspirational level) for FY2025 and FY2026, as
// the directors' meeting published them each March. Several were raised for FY2026; S-08 was
// adopted in FY2026 from 中原区's practice (section 6 of the guideline: a ward's practice can
// become a new city-wide standard).
import type { IndicatorDirection, StandardCategory } from '../generated/client/client.ts';
import type { PrincipleKey } from './guideline.ts';
import type { WardCode } from './organisation.ts';

export interface StandardIndicatorSeed {
  name: string;
  nameEn: string;
  unit: string;
  minimumValue: number;
  aspirationalValue: number;
  direction: IndicatorDirection;
}

export interface StandardRevisionSeed {
  fiscalYear: number;
  title: string;
  titleEn: string;
  minimumLevel: string;
  minimumLevelEn: string;
  aspirationalLevel: string;
  aspirationalLevelEn: string;
  indicator: StandardIndicatorSeed | null;
  /** What changed from the previous fiscal year's revision, and why. */
  changeNote: string;
  /** ISO timestamp: the directors' meeting of the March before the fiscal year. */
  publishedAt: string;
}

export interface SampleStandardSeed {
  code: string;
  category: StandardCategory;
  introducedFiscalYear: number;
  /** H24.3 principles the standard serves (1–3). */
  principles: readonly PrincipleKey[];
  /** For a practice adopted from a ward: the ward, and the key of its target (targets.ts). */
  origin: { ward: WardCode; targetKey: string } | null;
  revisions: readonly StandardRevisionSeed[];
}

const PUBLISHED_FY2025 = '2025-03-27T15:00:00+09:00';
const PUBLISHED_FY2026 = '2026-03-26T15:00:00+09:00';

/** The same text in both years (a standard kept as it was at the March review). */
function unchanged(
  first: Omit<StandardRevisionSeed, 'fiscalYear' | 'changeNote' | 'publishedAt'>,
): readonly StandardRevisionSeed[] {
  return [
    { ...first, fiscalYear: 2025, changeNote: '', publishedAt: PUBLISHED_FY2025 },
    { ...first, fiscalYear: 2026, changeNote: '', publishedAt: PUBLISHED_FY2026 },
  ];
}

export const SAMPLE_STANDARDS: readonly SampleStandardSeed[] = [
  // ─────────── ソフト基準 ───────────
  {
    code: 'S-01',
    category: 'SOFT',
    introducedFiscalYear: 2025,
    principles: ['EMPATHY', 'CITIZENS_PERSPECTIVE'],
    origin: null,
    revisions: [
      {
        fiscalYear: 2025,
        title: 'あいさつ・接遇',
        titleEn: 'Greeting and courtesy',
        minimumLevel:
          '来庁者には職員から先に「おはようございます」「こんにちは」とあいさつをし、名札を見える位置に着用する。',
        minimumLevelEn:
          'Staff greet visitors first ("good morning", "good afternoon") and wear their name badge where it can be seen.',
        aspirationalLevel:
          '来庁者の表情や様子に気を配り、困っている様子の方には職員から声をかけ、用件を伺って適切な窓口へ案内している。',
        aspirationalLevelEn:
          'Staff pay attention to how visitors look and behave, speak first to anyone who seems unsure, ask what they need and guide them to the right counter.',
        indicator: {
          name: '来庁者アンケートで職員の応対を「良い」「やや良い」と答えた方の割合',
          nameEn: 'Share of visitors rating staff as "good" or "fairly good" in the visitor survey',
          unit: '%',
          minimumValue: 80,
          aspirationalValue: 95,
          direction: 'HIGHER_IS_BETTER',
        },
        changeNote: '',
        publishedAt: PUBLISHED_FY2025,
      },
      {
        fiscalYear: 2026,
        title: 'あいさつ・接遇',
        titleEn: 'Greeting and courtesy',
        minimumLevel:
          '来庁者には職員から先に「おはようございます」「こんにちは」とあいさつをし、名札を見える位置に着用する。',
        minimumLevelEn:
          'Staff greet visitors first ("good morning", "good afternoon") and wear their name badge where it can be seen.',
        aspirationalLevel:
          '来庁者の表情や様子に気を配り、困っている様子の方には職員から声をかけ、用件を伺って適切な窓口へ案内している。',
        aspirationalLevelEn:
          'Staff pay attention to how visitors look and behave, speak first to anyone who seems unsure, ask what they need and guide them to the right counter.',
        indicator: {
          name: '来庁者アンケートで職員の応対を「良い」「やや良い」と答えた方の割合',
          nameEn: 'Share of visitors rating staff as "good" or "fairly good" in the visitor survey',
          unit: '%',
          minimumValue: 85,
          aspirationalValue: 95,
          direction: 'HIGHER_IS_BETTER',
        },
        changeNote: '令和7年度の来庁者アンケートで全区が最低基準の80％を上回ったため、最低基準を85％に引き上げた。',
        publishedAt: PUBLISHED_FY2026,
      },
    ],
  },
  {
    code: 'S-02',
    category: 'SOFT',
    introducedFiscalYear: 2025,
    principles: ['APPROPRIATE_SERVICE', 'UNDERSTANDING_NEEDS'],
    origin: null,
    revisions: [
      {
        fiscalYear: 2025,
        title: 'わかりやすい説明',
        titleEn: 'Clear explanations',
        minimumLevel:
          '手続の内容、必要な書類、おおよその所要時間を、専門用語を避けて説明し、来庁者が理解したかを確認する。',
        minimumLevelEn:
          'Staff explain what the procedure involves, which documents are needed and roughly how long it takes, avoiding jargon, and check that the visitor has understood.',
        aspirationalLevel:
          '来庁者の状況に応じて、関連する他の手続や他の窓口での用件まで見通して案内し、一度の来庁で用件が済むようにしている。',
        aspirationalLevelEn:
          "Staff look ahead to related procedures and other counters the visitor will need, so that the visitor's business is done in a single visit.",
        indicator: null,
        changeNote: '',
        publishedAt: PUBLISHED_FY2025,
      },
      {
        fiscalYear: 2026,
        title: 'わかりやすい説明',
        titleEn: 'Clear explanations',
        minimumLevel:
          '手続の内容、必要な書類、おおよその所要時間を、専門用語を避けて説明し、来庁者が理解したかを確認する。主な手続については、記入例や案内チラシを用いて説明する。',
        minimumLevelEn:
          'Staff explain what the procedure involves, which documents are needed and roughly how long it takes, avoiding jargon, and check that the visitor has understood. For the main procedures they explain with filled-in examples or leaflets.',
        aspirationalLevel:
          '来庁者の状況に応じて、関連する他の手続や他の窓口での用件まで見通して案内し、一度の来庁で用件が済むようにしている。',
        aspirationalLevelEn:
          "Staff look ahead to related procedures and other counters the visitor will need, so that the visitor's business is done in a single visit.",
        indicator: null,
        changeNote:
          '各区で記入例の整備が進んだことから、主な手続での記入例・案内チラシを用いた説明を最低基準に加えた。',
        publishedAt: PUBLISHED_FY2026,
      },
    ],
  },
  {
    code: 'S-03',
    category: 'SOFT',
    introducedFiscalYear: 2025,
    principles: ['EFFICIENT_OPERATION', 'APPROPRIATE_SERVICE'],
    origin: null,
    revisions: [
      {
        fiscalYear: 2025,
        title: '証明書発行の処理時間',
        titleEn: 'Processing time for certificates',
        minimumLevel: '住民票の写し・印鑑登録証明書等の証明書は、受付から交付までを平均15分以内とする。',
        minimumLevelEn:
          'Certificates such as copies of the resident record and seal registration certificates are issued within 15 minutes of the application on average.',
        aspirationalLevel: '受付から交付までを平均5分以内とし、来庁者をほとんど待たせることなく交付している。',
        aspirationalLevelEn: 'Certificates are issued within 5 minutes on average, with hardly any wait.',
        indicator: {
          name: '証明書発行の受付から交付までの平均処理時間',
          nameEn: 'Average time from application to issue of a certificate',
          unit: '分',
          minimumValue: 15,
          aspirationalValue: 5,
          direction: 'LOWER_IS_BETTER',
        },
        changeNote: '',
        publishedAt: PUBLISHED_FY2025,
      },
      {
        fiscalYear: 2026,
        title: '証明書発行の処理時間',
        titleEn: 'Processing time for certificates',
        minimumLevel: '住民票の写し・印鑑登録証明書等の証明書は、受付から交付までを平均12分以内とする。',
        minimumLevelEn:
          'Certificates such as copies of the resident record and seal registration certificates are issued within 12 minutes of the application on average.',
        aspirationalLevel: '受付から交付までを平均5分以内とし、来庁者をほとんど待たせることなく交付している。',
        aspirationalLevelEn: 'Certificates are issued within 5 minutes on average, with hardly any wait.',
        indicator: {
          name: '証明書発行の受付から交付までの平均処理時間',
          nameEn: 'Average time from application to issue of a certificate',
          unit: '分',
          minimumValue: 12,
          aspirationalValue: 5,
          direction: 'LOWER_IS_BETTER',
        },
        changeNote: '令和7年度は全区の平均処理時間が11.4分となったため、最低基準を平均12分以内に引き上げた。',
        publishedAt: PUBLISHED_FY2026,
      },
    ],
  },
  {
    code: 'S-04',
    category: 'SOFT',
    introducedFiscalYear: 2025,
    principles: ['CITIZENS_PERSPECTIVE', 'EFFICIENT_OPERATION'],
    origin: null,
    revisions: [
      {
        fiscalYear: 2025,
        title: '待ち時間への配慮',
        titleEn: 'Waiting times',
        minimumLevel:
          '待ち人数と待ち時間の目安を来庁者から見える位置に表示する。繁忙期（3月・4月）は臨時窓口の開設や所属内外の応援体制により、平均待ち時間を45分以内とする。',
        minimumLevelEn:
          'The number of people waiting and the expected wait are displayed where visitors can see them. In the busy season (March and April), temporary counters and support from within and outside the section keep the average wait within 45 minutes.',
        aspirationalLevel:
          '年間を通じて平均待ち時間を15分以内とし、来庁前にホームページ等で窓口の混雑状況を確認できるようにしている。',
        aspirationalLevelEn:
          'The average wait is within 15 minutes all year round, and citizens can check how busy the counters are on the website before they come.',
        indicator: {
          name: '繁忙期（3月・4月）の区民課・保険年金課窓口の平均待ち時間',
          nameEn:
            'Average wait at the Ward Citizens and Insurance and Pension counters in the busy season (March and April)',
          unit: '分',
          minimumValue: 45,
          aspirationalValue: 15,
          direction: 'LOWER_IS_BETTER',
        },
        changeNote: '',
        publishedAt: PUBLISHED_FY2025,
      },
      {
        fiscalYear: 2026,
        title: '待ち時間への配慮',
        titleEn: 'Waiting times',
        minimumLevel:
          '待ち人数と待ち時間の目安を来庁者から見える位置とホームページに表示する。繁忙期（3月・4月）は臨時窓口の開設や所属内外の応援体制により、平均待ち時間を40分以内とする。',
        minimumLevelEn:
          'The number of people waiting and the expected wait are displayed where visitors can see them and on the website. In the busy season (March and April), temporary counters and support from within and outside the section keep the average wait within 40 minutes.',
        aspirationalLevel:
          '年間を通じて平均待ち時間を15分以内とし、来庁前にホームページ等で窓口の混雑状況を確認できるようにしている。',
        aspirationalLevelEn:
          'The average wait is within 15 minutes all year round, and citizens can check how busy the counters are on the website before they come.',
        indicator: {
          name: '繁忙期（3月・4月）の区民課・保険年金課窓口の平均待ち時間',
          nameEn:
            'Average wait at the Ward Citizens and Insurance and Pension counters in the busy season (March and April)',
          unit: '分',
          minimumValue: 40,
          aspirationalValue: 15,
          direction: 'LOWER_IS_BETTER',
        },
        changeNote:
          '混雑状況のホームページでの発信とフロア案内係の配置により、繁忙期の待ち時間が短縮したため、最低基準を40分以内に引き上げ、ホームページでの表示を加えた。',
        publishedAt: PUBLISHED_FY2026,
      },
    ],
  },
  {
    code: 'S-05',
    category: 'SOFT',
    introducedFiscalYear: 2025,
    principles: ['ORGANISATIONAL_COOPERATION', 'EMPATHY'],
    origin: null,
    revisions: unchanged({
      title: '電話応対',
      titleEn: 'Telephone calls',
      minimumLevel:
        '電話は3コール以内に出て、所属名と氏名を名乗る。担当外の用件は、内容を確認したうえで担当者に正確に引き継ぎ、同じ説明を繰り返させない。',
      minimumLevelEn:
        "Calls are answered within three rings, giving the section and the staff member's name. A matter for another team is confirmed and passed on accurately, so that the caller need not explain it again.",
      aspirationalLevel: '一度の電話で用件が完結するよう対応し、折り返しが必要な場合は約束した時間内に連絡している。',
      aspirationalLevelEn:
        "The caller's business is settled in a single call; when a call back is needed, it is made within the time promised.",
      indicator: {
        name: '3コール以内の応答率（抜き打ち調査）',
        nameEn: 'Share of calls answered within three rings (spot checks)',
        unit: '%',
        minimumValue: 80,
        aspirationalValue: 95,
        direction: 'HIGHER_IS_BETTER',
      },
    }),
  },
  {
    code: 'S-06',
    category: 'SOFT',
    introducedFiscalYear: 2025,
    principles: ['CITIZENS_PERSPECTIVE', 'APPROPRIATE_SERVICE', 'FUNDAMENTAL_MISSION'],
    origin: null,
    revisions: [
      {
        fiscalYear: 2025,
        title: '多様な来庁者への対応',
        titleEn: 'Language and communication support',
        minimumLevel:
          '外国人市民には「やさしい日本語」で対応し、全ての窓口職場でタブレット端末による多言語通訳を利用できるようにする。',
        minimumLevelEn:
          'Staff speak "easy Japanese" with foreign residents, and multilingual interpretation on tablets is available at every counter section.',
        aspirationalLevel:
          '主な手続の案内を多言語で用意し、聴覚や視覚に障害のある方には筆談・手話通訳・音声案内など、一人ひとりに合った方法で対応している。',
        aspirationalLevelEn:
          'Guidance for the main procedures is available in several languages, and people with hearing or visual impairments are served in the way that suits each of them: writing, sign-language interpretation, audio guidance.',
        indicator: null,
        changeNote: '',
        publishedAt: PUBLISHED_FY2025,
      },
      {
        fiscalYear: 2026,
        title: '多様な来庁者への対応',
        titleEn: 'Language and communication support',
        minimumLevel:
          '外国人市民には「やさしい日本語」で対応し、全ての窓口職場でタブレット端末による多言語通訳を利用できるようにする。全ての窓口に筆談ボードを備える。',
        minimumLevelEn:
          'Staff speak "easy Japanese" with foreign residents, and multilingual interpretation on tablets is available at every counter section. Every counter has a writing board for written conversation.',
        aspirationalLevel:
          '主な手続の案内を多言語で用意し、聴覚や視覚に障害のある方には筆談・手話通訳・音声案内など、一人ひとりに合った方法で対応している。',
        aspirationalLevelEn:
          'Guidance for the main procedures is available in several languages, and people with hearing or visual impairments are served in the way that suits each of them: writing, sign-language interpretation, audio guidance.',
        indicator: null,
        changeNote: '合理的配慮の提供が義務化されたことを踏まえ、全ての窓口への筆談ボードの配備を最低基準に加えた。',
        publishedAt: PUBLISHED_FY2026,
      },
    ],
  },
  {
    code: 'S-07',
    category: 'SOFT',
    introducedFiscalYear: 2025,
    principles: ['FUNDAMENTAL_MISSION', 'ORGANISATIONAL_COOPERATION'],
    origin: null,
    revisions: unchanged({
      title: '正確な事務処理',
      titleEn: 'Accurate processing',
      minimumLevel:
        '証明書の交付や通知の発送の際は、本人確認と交付物の内容を複数の職員で確認（ダブルチェック）し、誤交付・誤送付を防止する。',
      minimumLevelEn:
        'When certificates are issued or notices sent, identity and contents are checked by two members of staff (double check) to prevent anything being issued or sent in error.',
      aspirationalLevel:
        '事務処理の誤りやヒヤリ・ハットを職場内で共有し、原因に応じて手順を見直すことで、誤りのない事務処理が定着している。',
      aspirationalLevelEn:
        'Errors and near misses are shared in the workplace and procedures are revised according to their causes, so that error-free processing has taken root.',
      indicator: {
        name: '証明書等の誤交付・誤送付の件数',
        nameEn: 'Certificates and notices issued or sent in error',
        unit: '件',
        minimumValue: 0,
        aspirationalValue: 0,
        direction: 'LOWER_IS_BETTER',
      },
    }),
  },
  {
    code: 'S-08',
    category: 'SOFT',
    introducedFiscalYear: 2026,
    principles: ['CITIZENS_PERSPECTIVE', 'UNDERSTANDING_NEEDS', 'APPROPRIATE_SERVICE'],
    origin: { ward: 'nakahara', targetKey: 'nakahara-2025-floor-guide' },
    revisions: [
      {
        fiscalYear: 2026,
        title: '繁忙期のフロア案内',
        titleEn: 'Floor guides in the busy season',
        minimumLevel:
          '繁忙期（3月・4月）には、区民課・保険年金課の窓口付近にフロア案内係を配置し、来庁者の用件を伺って、必要な書類と窓口を案内する。',
        minimumLevelEn:
          'In the busy season (March and April), floor guides are posted near the Ward Citizens and Insurance and Pension counters to ask visitors what they need and direct them to the right forms and counters.',
        aspirationalLevel:
          '年間を通じて、来庁者が窓口に並ぶ前に用件と必要な書類がそろっていることを確認でき、窓口での手戻りがない。',
        aspirationalLevelEn:
          'All year round, visitors can confirm before queueing that they have everything their business needs, so nothing has to be redone at the counter.',
        indicator: null,
        changeNote:
          '中原区の令和7年度の取組（繁忙期のフロア案内係の配置）で、記載誤り等による窓口での手戻りが大きく減ったことから、全市の基準として新たに設定した。',
        publishedAt: PUBLISHED_FY2026,
      },
    ],
  },
  // ─────────── ハード基準 ───────────
  {
    code: 'H-01',
    category: 'HARD',
    introducedFiscalYear: 2025,
    principles: ['COMFORTABLE_ENVIRONMENT', 'CITIZENS_PERSPECTIVE'],
    origin: null,
    revisions: [
      {
        fiscalYear: 2025,
        title: '庁内サイン',
        titleEn: 'Signage inside the building',
        minimumLevel:
          '庁舎案内図と窓口案内表示は、全市統一のサインルール（色・書体・ピクトグラム）に沿って表示する。掲示物には掲示期限を明示し、期限が過ぎたものは速やかに撤去する。',
        minimumLevelEn:
          'Floor maps and counter signs follow the city-wide signage rules (colours, typeface, pictograms). Notices show how long they stay up and are taken down promptly once that date has passed.',
        aspirationalLevel:
          '初めて来庁した方でも、職員に尋ねることなく目的の窓口にたどり着けるよう、来庁者の動線に沿った案内表示が整っている。',
        aspirationalLevelEn:
          'Signs follow the way visitors move through the building, so that even a first-time visitor reaches the right counter without having to ask.',
        indicator: null,
        changeNote: '',
        publishedAt: PUBLISHED_FY2025,
      },
      {
        fiscalYear: 2026,
        title: '庁内サイン',
        titleEn: 'Signage inside the building',
        minimumLevel:
          '庁舎案内図と窓口案内表示は、全市統一のサインルール（色・書体・ピクトグラム）に沿って表示し、庁舎案内図と主な窓口の表示には英語を併記する。掲示物には掲示期限を明示し、期限が過ぎたものは速やかに撤去する。',
        minimumLevelEn:
          'Floor maps and counter signs follow the city-wide signage rules (colours, typeface, pictograms), and floor maps and the signs of the main counters also carry English. Notices show how long they stay up and are taken down promptly once that date has passed.',
        aspirationalLevel:
          '初めて来庁した方でも、職員に尋ねることなく目的の窓口にたどり着けるよう、来庁者の動線に沿った案内表示が整っている。',
        aspirationalLevelEn:
          'Signs follow the way visitors move through the building, so that even a first-time visitor reaches the right counter without having to ask.',
        indicator: null,
        changeNote: '外国人市民の増加を踏まえ、庁舎案内図と主な窓口表示への英語の併記を最低基準に加えた。',
        publishedAt: PUBLISHED_FY2026,
      },
    ],
  },
  {
    code: 'H-02',
    category: 'HARD',
    introducedFiscalYear: 2025,
    principles: ['COMFORTABLE_ENVIRONMENT', 'APPROPRIATE_SERVICE'],
    origin: null,
    revisions: unchanged({
      title: '窓口環境',
      titleEn: 'Counter environment',
      minimumLevel: '窓口カウンターと記載台を整理整頓し、記載台には記入例・筆記用具・老眼鏡を備える。',
      minimumLevelEn:
        'Counters and writing desks are kept tidy, and writing desks have filled-in examples, pens and reading glasses.',
      aspirationalLevel:
        '座って手続や相談ができるローカウンターを設け、手続に必要なものがその場でそろう窓口となっている。',
      aspirationalLevelEn:
        'Low counters let visitors sit down for procedures and consultations, and everything a procedure needs is at hand.',
      indicator: null,
    }),
  },
  {
    code: 'H-03',
    category: 'HARD',
    introducedFiscalYear: 2025,
    principles: ['COMFORTABLE_ENVIRONMENT'],
    origin: null,
    revisions: unchanged({
      title: '待合スペース',
      titleEn: 'Waiting area',
      minimumLevel: '待合スペースには十分な数の椅子を配置し、呼出番号と待ち人数を見やすい位置に表示する。',
      minimumLevelEn:
        'The waiting area has enough seats, and the number being called and the number of people waiting are shown where they are easy to see.',
      aspirationalLevel:
        'キッズスペースの設置や授乳室の案内、区政情報の提供などにより、子ども連れの方も含め、誰もが快適に待つことができる空間となっている。',
      aspirationalLevelEn:
        "With a children's corner, signs to the nursing room and information about the ward, everyone, including people with children, can wait comfortably.",
      indicator: null,
    }),
  },
  {
    code: 'H-04',
    category: 'HARD',
    introducedFiscalYear: 2025,
    principles: ['COMFORTABLE_ENVIRONMENT', 'FUNDAMENTAL_MISSION'],
    origin: null,
    revisions: [
      {
        fiscalYear: 2025,
        title: 'バリアフリー',
        titleEn: 'Accessibility',
        minimumLevel: '出入口から窓口まで段差なく移動でき、車いす対応の記載台を窓口のある各階に1か所以上設置する。',
        minimumLevelEn:
          'Visitors can get from the entrance to the counters without steps, and every floor with counters has at least one wheelchair-accessible writing desk.',
        aspirationalLevel:
          'ユニバーサルデザインの考え方に基づき、高齢の方、障害のある方、子ども連れの方など、誰もが利用しやすい庁舎となっている。',
        aspirationalLevelEn:
          'Following universal design, the building is easy for everyone to use: older people, people with disabilities, people with children.',
        indicator: {
          name: '車いす対応の記載台を設置している窓口フロアの割合',
          nameEn: 'Share of counter floors with a wheelchair-accessible writing desk',
          unit: '%',
          minimumValue: 100,
          aspirationalValue: 100,
          direction: 'HIGHER_IS_BETTER',
        },
        changeNote: '',
        publishedAt: PUBLISHED_FY2025,
      },
      {
        fiscalYear: 2026,
        title: 'バリアフリー',
        titleEn: 'Accessibility',
        minimumLevel:
          '出入口から窓口まで段差なく移動でき、車いす対応の記載台を窓口のある各階に1か所以上設置する。各階の庁舎案内図に、多機能トイレと授乳室の場所を表示する。',
        minimumLevelEn:
          'Visitors can get from the entrance to the counters without steps, and every floor with counters has at least one wheelchair-accessible writing desk. The floor map on every floor shows where the accessible toilets and the nursing room are.',
        aspirationalLevel:
          'ユニバーサルデザインの考え方に基づき、高齢の方、障害のある方、子ども連れの方など、誰もが利用しやすい庁舎となっている。',
        aspirationalLevelEn:
          'Following universal design, the building is easy for everyone to use: older people, people with disabilities, people with children.',
        indicator: {
          name: '車いす対応の記載台を設置している窓口フロアの割合',
          nameEn: 'Share of counter floors with a wheelchair-accessible writing desk',
          unit: '%',
          minimumValue: 100,
          aspirationalValue: 100,
          direction: 'HIGHER_IS_BETTER',
        },
        changeNote: '来庁者アンケートの意見を踏まえ、多機能トイレと授乳室の場所の表示を最低基準に加えた。',
        publishedAt: PUBLISHED_FY2026,
      },
    ],
  },
  {
    code: 'H-05',
    category: 'HARD',
    introducedFiscalYear: 2025,
    principles: ['EMPATHY', 'COMFORTABLE_ENVIRONMENT'],
    origin: null,
    revisions: unchanged({
      title: '窓口のプライバシー',
      titleEn: 'Privacy at the counters',
      minimumLevel:
        '相談を伴う窓口には仕切り（パーティション）を設け、会話や書類の内容が他の来庁者に見聞きされないよう配慮する。呼出は番号で行い、氏名では呼ばない。',
      minimumLevelEn:
        'Counters where consultations take place have partitions so that other visitors cannot see documents or overhear conversations. Visitors are called by number, not by name.',
      aspirationalLevel: '個別の相談室や相談ブースを設け、来庁者が周囲を気にせず落ち着いて相談できる環境が整っている。',
      aspirationalLevelEn:
        'Private consultation rooms or booths let visitors talk calmly without worrying about who is nearby.',
      indicator: null,
    }),
  },
];
