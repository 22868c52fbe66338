// The guideline as the user's document states it (shared/seeds/000_78d9b2279dc72199.txt):
// 「区役所サービス向上指針（平成24年3月改定版）」 and the version it superseded. The Japanese is
// the document's wording, with the PDF extraction's broken lines joined back into paragraphs;
// the English beside it is a translation. Only types are imported, so the API and web tests can
// import these constants without loading the Prisma runtime.
import type { GuidelineSectionKind, GuidelineStatus } from '../generated/client/client.ts';

export const CURRENT_GUIDELINE_CODE = 'H24.3';
export const ORIGINAL_GUIDELINE_CODE = 'H20.4';

/** 区役所サービスの向上によりめざすもの (section 4), verbatim. */
export const AIM = '市民に便利で快適なサービスを効率的、効果的かつ総合的に提供する区役所';
export const AIM_EN =
  'A ward office that provides citizens with convenient and comfortable services efficiently, effectively and comprehensively.';

/** 【区役所サービスの理念】 (section 5), the preamble of the eight principles, verbatim. */
export const PHILOSOPHY =
  '川崎市は、区役所サービスを向上することにより、市民とともに暮らしやすい地域社会を築く協働のパートナーとして、市民と区役所との間に信頼関係を築き、深めていくことをめざします。';
export const PHILOSOPHY_EN =
  'By improving ward office service, Kawasaki City aims to build and deepen a relationship of trust between citizens and the ward office, as partners working together with citizens to build a community that is easy to live in.';

export interface GuidelineVersionSeed {
  code: string;
  title: string;
  titleEn: string;
  status: GuidelineStatus;
  /** First day of the month the version was adopted, YYYY-MM-DD. */
  revisedOn: string;
  effectiveFiscalYear: number;
  summary: string;
  summaryEn: string;
  aim: string;
  aimEn: string;
  philosophy: string;
  philosophyEn: string;
  /** The code of the version this one supersedes. */
  supersedes: string | null;
}

/** H20.4 first: H24.3 points at it. */
export const GUIDELINE_VERSIONS: readonly GuidelineVersionSeed[] = [
  {
    code: ORIGINAL_GUIDELINE_CODE,
    title: '区役所サービス向上指針（平成20年4月策定版）',
    titleEn: 'Ward Office Service Improvement Guidelines (original version, April 2008)',
    status: 'SUPERSEDED',
    revisedOn: '2008-04-01',
    effectiveFiscalYear: 2008,
    summary:
      '改定前の区役所サービス向上指針は、改善の手法を示したもので、区役所サービスの理念や基準・目標などを示したものではない。',
    summaryEn:
      'The guidelines before the revision, formulated in April 2008 on the basis of the ISO 9001 work, showed methods of improvement; they did not set out a philosophy of ward office service, nor standards or targets.',
    aim: '',
    aimEn: '',
    philosophy: '',
    philosophyEn: '',
    supersedes: null,
  },
  {
    code: CURRENT_GUIDELINE_CODE,
    title: '区役所サービス向上指針（平成24年3月改定版）',
    titleEn: 'Ward Office Service Improvement Guidelines (revised March 2012)',
    status: 'PUBLISHED',
    revisedOn: '2012-03-01',
    effectiveFiscalYear: 2012,
    summary:
      'こうした従来の取組をさらに進め、区役所サービスのより一層の向上を図るため、従来の「区役所サービス向上指針」に、「区役所サービスの向上によりめざすもの」や「区役所サービスの理念・基準」などの新たな項目を追加し、区役所サービスを提供し向上を図るうえでの基本的な枠組み・考え方を示すとともに、市政運営の３本柱によってめざす地域社会づくりにおいて、区役所サービスの向上が果たすべき役割を改めて整理した今回の指針に基づき、各区役所が主体となり、継続的・安定的に区役所サービス向上の取組を進めて行くものとします。',
    summaryEn:
      'To build on these efforts and improve ward office service further, new items such as "what we aim for by improving ward office service" and "the philosophy and standards of ward office service" have been added to the former Ward Office Service Improvement Guidelines. These guidelines set out the basic framework and way of thinking for providing and improving ward office service, and restate the role that improving it should play in the community-building the city pursues under the three pillars of municipal administration. Under them, each ward office takes the lead in improving its service continuously and steadily.',
    aim: AIM,
    aimEn: AIM_EN,
    philosophy: PHILOSOPHY,
    philosophyEn: PHILOSOPHY_EN,
    supersedes: ORIGINAL_GUIDELINE_CODE,
  },
];

export type PrincipleKey =
  | 'FUNDAMENTAL_MISSION'
  | 'CITIZENS_PERSPECTIVE'
  | 'EMPATHY'
  | 'UNDERSTANDING_NEEDS'
  | 'APPROPRIATE_SERVICE'
  | 'COMFORTABLE_ENVIRONMENT'
  | 'EFFICIENT_OPERATION'
  | 'ORGANISATIONAL_COOPERATION';

export interface PrincipleSeed {
  key: PrincipleKey;
  position: number;
  name: string;
  nameEn: string;
  text: string;
  textEn: string;
}

/** The eight principles of H24.3's philosophy (section 5), verbatim. */
export const PRINCIPLES: readonly PrincipleSeed[] = [
  {
    key: 'FUNDAMENTAL_MISSION',
    position: 1,
    name: '基本的な使命',
    nameEn: 'Fundamental mission',
    text: '公共サービスの責任主体であるという自覚を持ち、全体の奉仕者として正確な情報に基づき公平・公正に区役所サービスを提供します。',
    textEn:
      'Aware that we are responsible for public service, we provide ward office service fairly and impartially, as servants of the whole community, based on accurate information.',
  },
  {
    key: 'CITIZENS_PERSPECTIVE',
    position: 2,
    name: '市民の視点',
    nameEn: "Citizens' perspective",
    text: '市民が自らの課題を解決するためのサポートをしているという姿勢を持ちます。',
    textEn: 'We keep the attitude that we are supporting citizens in solving their own problems.',
  },
  {
    key: 'EMPATHY',
    position: 3,
    name: '市民と共感',
    nameEn: 'Empathy with citizens',
    text: '市民が安心して話しやすい雰囲気をつくり、市民の話をよく聞いて受けとめます。',
    textEn:
      'We create an atmosphere in which citizens feel at ease and find it easy to talk, and we listen carefully to what they say and take it in.',
  },
  {
    key: 'UNDERSTANDING_NEEDS',
    position: 4,
    name: 'ニーズの把握',
    nameEn: 'Understanding needs',
    text: '市民が何を求めているのか、市民の話をよく聞いて引き出すことに努めます。',
    textEn: 'We listen carefully to citizens and strive to draw out what they are looking for.',
  },
  {
    key: 'APPROPRIATE_SERVICE',
    position: 5,
    name: '適切なサービス提供',
    nameEn: 'Providing appropriate service',
    text: '市民が目的を達成するために、するべきことを考え、手間を惜しむことなく誠実に行動し、適切なサービス提供や課題の解決につなげます。',
    textEn:
      'We think about what must be done for citizens to achieve their purpose, act sincerely without sparing effort, and turn this into appropriate service and the solving of problems.',
  },
  {
    key: 'COMFORTABLE_ENVIRONMENT',
    position: 6,
    name: '快適な環境',
    nameEn: 'Comfortable environment',
    text: '市民が快適さを感じることができるよう、庁舎内施設の環境整備に努めます。',
    textEn: 'We strive to improve the facilities in the building so that citizens can feel comfortable.',
  },
  {
    key: 'EFFICIENT_OPERATION',
    position: 7,
    name: '効率的運営',
    nameEn: 'Efficient operation',
    text: '市民・区役所双方のトータルなコスト意識を持って取り組みます。',
    textEn: 'We work with an awareness of the total cost to both citizens and the ward office.',
  },
  {
    key: 'ORGANISATIONAL_COOPERATION',
    position: 8,
    name: '組織間の連携',
    nameEn: 'Cooperation across organisations',
    text: '職場内・部署間で相互に情報共有を図り連携を良くします。',
    textEn: 'We share information within and between workplaces and departments and improve how we work together.',
  },
];

export interface GuidelineSectionSeed {
  number: number;
  kind: GuidelineSectionKind;
  title: string;
  titleEn: string;
  /** Paragraphs separated by a blank line; list items and headings on their own lines. */
  body: string;
  bodyEn: string;
  /** 【考え方】, when the section has one (everything under it, in the document's order). */
  rationale: string;
  rationaleEn: string;
}

/** The nine numbered sections of H24.3. */
export const GUIDELINE_SECTIONS: readonly GuidelineSectionSeed[] = [
  {
    number: 1,
    kind: 'PURPOSE',
    title: '区役所サービス向上指針の目的',
    titleEn: 'Purpose of the Ward Office Service Improvement Guidelines',
    body: [
      '各区役所ではこれまで、区役所サービス向上に向けた取組を進め、庁舎環境の改善や接遇研修を通じた職員の接遇力向上など、効果を上げてきました。',
      '',
      'こうした従来の取組をさらに進め、区役所サービスのより一層の向上を図るため、従来の「区役所サービス向上指針」に、「区役所サービスの向上によりめざすもの」や「区役所サービスの理念・基準」などの新たな項目を追加し、区役所サービスを提供し向上を図るうえでの基本的な枠組み・考え方を示すとともに、市政運営の３本柱によってめざす地域社会づくりにおいて、区役所サービスの向上が果たすべき役割を改めて整理した今回の指針に基づき、各区役所が主体となり、継続的・安定的に区役所サービス向上の取組を進めて行くものとします。',
      '',
      '【市政運営の３本柱とは】',
      '「新総合計画・川崎再生フロンティアプランの着実な推進」',
      '「行財政改革の推進」',
      '「自治基本条例に基づく市民本位のまちづくり」',
    ].join('\n'),
    bodyEn: [
      'Each ward office has so far worked to improve its service and has achieved results, such as a better building environment and staff who serve citizens better through customer-service training.',
      '',
      'To build on these efforts and improve ward office service further, new items such as "what we aim for by improving ward office service" and "the philosophy and standards of ward office service" have been added to the former Ward Office Service Improvement Guidelines. These guidelines set out the basic framework and way of thinking for providing and improving ward office service, and restate the role that improving it should play in the community-building the city pursues under the three pillars of municipal administration. Under these guidelines, each ward office takes the lead in improving its service continuously and steadily.',
      '',
      '[The three pillars of municipal administration]',
      '"Steady implementation of the new comprehensive plan, the Kawasaki Revitalisation Frontier Plan"',
      '"Promotion of administrative and fiscal reform"',
      '"Citizen-centred community building based on the Autonomy Basic Ordinance"',
    ].join('\n'),
    rationale: '',
    rationaleEn: '',
  },
  {
    number: 2,
    kind: 'DEFINITION',
    title: '区役所サービスの定義',
    titleEn: 'Definition of ward office service',
    body: '区役所サービスとは、区役所において市職員が市民に直接提供する業務及びその提供手法とします。',
    bodyEn:
      'Ward office service means the work that city staff provide directly to citizens at the ward office, and the way in which they provide it.',
    rationale: '※「市職員」は、一般職員(再任用職員及び任期付職員を含む)、非常勤嘱託員及び臨時的任用職員とします。',
    rationaleEn:
      '* "City staff" means regular staff (including reappointed staff and fixed-term staff), part-time non-regular staff and temporary appointees.',
  },
  {
    number: 3,
    kind: 'SCOPE',
    title: '本指針による区役所サービス向上の範囲',
    titleEn: 'Scope of service improvement under these guidelines',
    body: '「区役所サービス向上指針」に基づいて改善を行う対象は、本市または各区役所で改善（変更）が可能なものとします。',
    bodyEn:
      'What is improved under the Ward Office Service Improvement Guidelines is limited to what the city or each ward office can improve (change).',
    rationale: [
      '例）住民票の写しを発行する業務では、証明書を発行する行為そのものは法令に基づく行為であり、サービス向上の対象外となりますが、渡し方や説明方法までは法令で規定しているものではありませんのでサービス向上の対象となります。',
      '',
      '・ 「市民に直接提供する業務」には、区民課・保険年金課などいわゆる窓口職場に限定したものではなく、保健福祉や地域振興、道路・公園の維持管理なども含みます。',
      '・ 区役所庁舎内においては、市税証明発行コーナーなど区役所以外の組織において業務を提供している場合などがありますが、こうした場合でも、市民の視点からは同じ区役所で勤務している職員と映ります。このため、本指針では区役所において市職員※が市民に直接提供している業務とその提供手法を「区役所サービス」として定義します。',
      '',
      '市として変更ができない法令などに規定された業務内容そのものではなく、その業務の「実施手順」や「市民に提供する手法」などを対象とします。',
    ].join('\n'),
    rationaleEn: [
      'Example: in issuing copies of the resident record, the act of issuing the certificate is itself an act based on laws and regulations and is outside the scope of service improvement; but how the certificate is handed over and how things are explained are not prescribed by law, so they are within the scope.',
      '',
      '- "Work provided directly to citizens" is not limited to the so-called counter sections such as the Ward Citizens Division and the Insurance and Pension Division; it also includes health and welfare, community development, and the maintenance of roads and parks.',
      '- Inside the ward office building, some services are provided by organisations other than the ward office, such as the city-tax certificate corner; even so, from the citizens\' point of view their staff appear to work at the same ward office. These guidelines therefore define the work that city staff* provide directly to citizens at the ward office, and the way they provide it, as "ward office service".',
      '',
      'The scope is not the content of the work itself as prescribed by laws and regulations, which the city cannot change, but such things as the "procedure" for the work and the "way it is provided to citizens".',
    ].join('\n'),
  },
  {
    number: 4,
    kind: 'AIM',
    title: '区役所サービスの向上によりめざすもの',
    titleEn: 'What we aim for by improving ward office service',
    body: [
      '区役所サービスを提供する職員は、次の「区役所サービスの向上によりめざすもの」を常に意識し、区役所サービスの改善に取り組むものとします。',
      '',
      '【区役所サービスの向上によりめざすもの】',
      AIM,
    ].join('\n'),
    bodyEn: [
      'Staff who provide ward office service keep the following "what we aim for by improving ward office service" always in mind as they work to improve it.',
      '',
      '[What we aim for by improving ward office service]',
      AIM_EN,
    ].join('\n'),
    rationale: '',
    rationaleEn: '',
  },
  {
    number: 5,
    kind: 'PHILOSOPHY',
    title: '区役所サービスの理念',
    titleEn: 'Philosophy of ward office service',
    body: [
      '「区役所サービスを向上することによりめざすもの」を実現するために区役所職員が拠って立つべきものとして、区役所サービスの理念を定めました。区役所職員は、第３次人材育成基本計画における「めざす職員像」を踏まえながら、この理念に基づき区役所サービスを提供するものとします。',
      '',
      '【区役所サービスの理念】',
      PHILOSOPHY,
      '',
      // The eight principles, as the section prints them.
      ...PRINCIPLES.flatMap((p, i) => [...(i > 0 ? [''] : []), `【${p.name}】`, p.text]),
    ].join('\n'),
    bodyEn: [
      'The philosophy of ward office service has been set as the foundation on which ward office staff stand in order to achieve "what we aim for by improving ward office service". Ward office staff provide ward office service based on this philosophy, bearing in mind the "staff we aim to be" of the Third Basic Plan for Human Resource Development.',
      '',
      '[Philosophy of ward office service]',
      PHILOSOPHY_EN,
      '',
      ...PRINCIPLES.flatMap((p, i) => [...(i > 0 ? [''] : []), `[${p.nameEn}]`, p.textEn]),
    ].join('\n'),
    rationale: '',
    rationaleEn: '',
  },
  {
    number: 6,
    kind: 'STANDARDS',
    title: '区役所サービス基準',
    titleEn: 'Ward office service standards',
    body: [
      '区役所では、「サービス向上によりめざすもの」の実現に向け、「サービスの理念」に則ってサービス向上の取組を進めるため、全区役所において守られるべき全市統一の基準としての「区役所サービス基準」を設定します。',
      '',
      'この基準は、各区役所の取組状況を踏まえ、区民サービス部長会議において、毎年度検証を行い、全市的な区役所サービスレベルの向上を継続的に全体として底上げするものとします。',
      '',
      '【区役所サービス基準の更新による恒常的なサービス向上のイメージ】',
      '区役所サービス基準は、達成状況に応じた段階的な引き上げや、各区役所での取組の中から、新たな基準として設定することなど、毎年度検証を行います。',
    ].join('\n'),
    bodyEn: [
      'To advance service improvement in line with "the philosophy of service" towards "what we aim for by improving service", the ward offices set "ward office service standards": uniform, city-wide standards that every ward office must keep.',
      '',
      "Taking each ward office's efforts into account, the ward citizen services directors' meeting verifies these standards every fiscal year, so as to raise the level of ward office service across the whole city continuously and as a whole.",
      '',
      '[Image: constant service improvement through updating the ward office service standards]',
      'The ward office service standards are verified every fiscal year, for example raising them step by step according to how far they are achieved, or setting a new standard from the efforts of an individual ward office.',
    ].join('\n'),
    rationale: '',
    rationaleEn: '',
  },
  {
    number: 7,
    kind: 'POLICY_AND_TARGETS',
    title: '区役所サービス向上方針・向上目標と取組',
    titleEn: 'Ward office service improvement policy, improvement targets and the work on them',
    body: [
      '（１） 区役所サービス向上方針の策定',
      '区役所サービス向上について区役所が一体的に統一感を持って取り組み、各所属において区役所サービス向上の取組を実施するにあたり、その方向付けができるよう、当該年度における「区役所サービス向上方針」を区長が定めます。',
      '',
      '（２） 区役所サービス向上目標の設定と取組',
      '各所属において「区役所サービス向上方針」、「区役所サービス基準」を踏まえた具体的な「区役所サービス向上目標」を、毎年度当初に設定し、区役所サービス向上の取組を進めます。',
    ].join('\n'),
    bodyEn: [
      '(1) Setting the ward office service improvement policy',
      'So that the ward office works on service improvement as one, with a sense of unity, and so that each section has a direction when it carries out its own improvement work, the ward mayor sets the "ward office service improvement policy" for the fiscal year.',
      '',
      '(2) Setting the ward office service improvement targets, and the work on them',
      'At the start of every fiscal year each section sets concrete "ward office service improvement targets" based on the "ward office service improvement policy" and the "ward office service standards", and works on improving ward office service.',
    ].join('\n'),
    rationale: '',
    rationaleEn: '',
  },
  {
    number: 8,
    kind: 'ORGANISATION',
    title: '推進体制',
    titleEn: 'Organisation',
    body: [
      '（１） 区役所サービス向上委員会',
      '各区役所においては区役所サービス向上を効果的にマネジメントしていくため、「区役所サービス向上委員会」を設置し、区役所全体としての取組を進めます。各所属は区役所サービス向上委員会の下、区役所サービス基準を遵守するとともに、目標達成のための取組を進めます。',
      '',
      '（２） 区民サービス部長会議',
      '全市的な区役所サービスを継続的にマネジメントしていくため、各区の取組状況の把握及び情報共有を行い、区役所サービスの効果的な手法について検討を進めます。また、年間の取組結果を検証し、区役所サービス基準の見直しを行います。',
    ].join('\n'),
    bodyEn: [
      '(1) Ward office service improvement committee',
      'To manage the improvement of ward office service effectively, each ward office sets up a "ward office service improvement committee" and works on it as a whole ward office. Under the committee, each section keeps the ward office service standards and works to achieve its targets.',
      '',
      "(2) Ward citizen services directors' meeting",
      "To manage ward office service across the city continuously, the meeting keeps track of and shares each ward's efforts, and studies effective methods for ward office service. It also verifies the year's results and reviews the ward office service standards.",
    ].join('\n'),
    rationale: '',
    rationaleEn: '',
  },
  {
    number: 9,
    kind: 'SCHEDULE',
    title: '年間スケジュール',
    titleEn: 'Yearly schedule',
    body: [
      '４月～５月 各区役所において「区役所サービス向上方針」の策定及び「区役所サービス向上目標」の設定',
      '各区役所においてＨＰ等により向上目標、前年度の取組結果を公表',
      '年度中 各区役所におけるサービス向上の取組を実施',
      '３月 区役所サービス基準の見直し',
    ].join('\n'),
    bodyEn: [
      'April–May: each ward office sets its "ward office service improvement policy" and its "ward office service improvement targets";',
      "each ward office publishes its improvement targets and the previous year's results on its website and by other means.",
      'During the year: each ward office carries out its service improvement work.',
      'March: the ward office service standards are reviewed.',
    ].join('\n'),
    rationale: '',
    rationaleEn: '',
  },
];

export interface HistoryEventSeed {
  position: number;
  /** First day of the month, YYYY-MM-DD (Heisei year n = 1988 + n). */
  occurredOn: string;
  /** The date as the document writes it. */
  eraLabel: string;
  category: string;
  categoryEn: string;
  title: string;
  titleEn: string;
}

const AWARENESS = { category: '職員のサービス意識の向上', categoryEn: "Raising staff's service awareness" } as const;
const CONGESTION = { category: '窓口混雑緩和の取組', categoryEn: 'Easing congestion at the counters' } as const;
const EXPANSION = {
  category: '窓口と取扱い区域の拡大',
  categoryEn: 'More counters and a wider area handled',
} as const;

/** 「これまでの主な取組」 (part 2 of the document), in the document's order. */
export const HISTORY_EVENTS: readonly HistoryEventSeed[] = [
  {
    position: 1,
    occurredOn: '2008-04-01',
    eraLabel: 'H20.4',
    ...AWARENESS,
    title: 'ISO9001の取組を踏まえた「区役所サービス向上指針」の策定',
    titleEn: 'Ward Office Service Improvement Guidelines formulated, building on the ISO 9001 work',
  },
  {
    position: 2,
    occurredOn: '2004-03-01',
    eraLabel: 'H16.3～',
    ...CONGESTION,
    title: '窓口混雑期(3月・4月)の臨時窓口の開設',
    titleEn: 'Temporary counters opened in the busy season (March and April)',
  },
  {
    position: 3,
    occurredOn: '2006-02-01',
    eraLabel: 'H18.2',
    ...EXPANSION,
    title: '登戸行政サービスコーナーの開設',
    titleEn: 'Noborito administrative service corner opened',
  },
  {
    position: 4,
    occurredOn: '2007-06-01',
    eraLabel: 'H19.6',
    ...EXPANSION,
    title: '戸籍システムの稼動',
    titleEn: 'Family-register system put into operation',
  },
  {
    position: 5,
    occurredOn: '2007-06-01',
    eraLabel: 'H19.6～',
    ...EXPANSION,
    title: '行政サービス端末の設置(順次拡大。現在28台)',
    titleEn: 'Administrative service terminals installed (extended step by step; 28 units at present)',
  },
  {
    position: 6,
    occurredOn: '2007-10-01',
    eraLabel: 'H19.10',
    ...EXPANSION,
    title: '区役所窓口(区民課・保険年金課)の毎月第2・第４土曜日の開設',
    titleEn:
      'Ward office counters (Ward Citizens Division, Insurance and Pension Division) opened on the 2nd and 4th Saturday of every month',
  },
  {
    position: 7,
    occurredOn: '2008-10-01',
    eraLabel: 'H20.10',
    ...EXPANSION,
    title: '区内全域の住所変更や戸籍等の届出を区役所で受付',
    titleEn:
      'Changes of address, family-register and other notifications for the whole ward accepted at the ward office',
  },
];
