// Kawasaki City's seven wards and the committees of section 8 of the guideline. Real
// organisation, not sample data: always seeded.
import type { CommitteeKind } from '../generated/client/client.ts';

export type WardCode = 'kawasaki' | 'saiwai' | 'nakahara' | 'takatsu' | 'miyamae' | 'tama' | 'asao';

export interface WardSeed {
  code: WardCode;
  name: string;
  nameEn: string;
  position: number;
}

export const WARDS: readonly WardSeed[] = [
  { code: 'kawasaki', name: '川崎区', nameEn: 'Kawasaki', position: 1 },
  { code: 'saiwai', name: '幸区', nameEn: 'Saiwai', position: 2 },
  { code: 'nakahara', name: '中原区', nameEn: 'Nakahara', position: 3 },
  { code: 'takatsu', name: '高津区', nameEn: 'Takatsu', position: 4 },
  { code: 'miyamae', name: '宮前区', nameEn: 'Miyamae', position: 5 },
  { code: 'tama', name: '多摩区', nameEn: 'Tama', position: 6 },
  { code: 'asao', name: '麻生区', nameEn: 'Asao', position: 7 },
];

export interface CommitteeSeed {
  kind: CommitteeKind;
  /** The ward of a WARD_COMMITTEE; null for the city-wide committees. */
  wardCode: WardCode | null;
  name: string;
  nameEn: string;
  description: string;
  descriptionEn: string;
}

/** Section 8 (1) of H24.3, verbatim. */
const WARD_COMMITTEE_DESCRIPTION =
  '各区役所においては区役所サービス向上を効果的にマネジメントしていくため、「区役所サービス向上委員会」を設置し、区役所全体としての取組を進めます。各所属は区役所サービス向上委員会の下、区役所サービス基準を遵守するとともに、目標達成のための取組を進めます。';
const WARD_COMMITTEE_DESCRIPTION_EN =
  'To manage the improvement of ward office service effectively, each ward office sets up a "ward office service improvement committee" and works on it as a whole ward office. Under the committee, each section keeps the ward office service standards and works to achieve its targets.';

/** 区役所サービス向上委員会, one per ward. */
export const WARD_COMMITTEES: readonly CommitteeSeed[] = WARDS.map((ward) => ({
  kind: 'WARD_COMMITTEE',
  wardCode: ward.code,
  name: `${ward.name}役所サービス向上委員会`,
  nameEn: `${ward.nameEn} Ward Office Service Improvement Committee`,
  description: WARD_COMMITTEE_DESCRIPTION,
  descriptionEn: WARD_COMMITTEE_DESCRIPTION_EN,
}));

export const DIRECTORS_MEETING: CommitteeSeed = {
  kind: 'DIRECTORS_MEETING',
  wardCode: null,
  name: '区民サービス部長会議',
  nameEn: "Ward Citizen Services Directors' Meeting",
  // Section 8 (2) of H24.3, verbatim.
  description:
    '全市的な区役所サービスを継続的にマネジメントしていくため、各区の取組状況の把握及び情報共有を行い、区役所サービスの効果的な手法について検討を進めます。また、年間の取組結果を検証し、区役所サービス基準の見直しを行います。',
  descriptionEn:
    "To manage ward office service across the city continuously, the meeting keeps track of and shares each ward's efforts, and studies effective methods for ward office service. It also verifies the year's results and reviews the ward office service standards.",
};

export const REVISION_WORKING_GROUP: CommitteeSeed = {
  kind: 'REVISION_WORKING_GROUP',
  wardCode: null,
  name: '区役所サービス向上指針改定ワーキング',
  nameEn: 'Guideline Revision Working Group',
  // Part 3 of the document (指針改定作業について), verbatim: section 8 does not describe it.
  description: '民間手法も取り入れながら、職員参加型の議論による改定作業を実施',
  descriptionEn:
    'Revises the guidelines through participatory discussion among staff, also drawing on methods from the private sector.',
};

/** Every committee, ward committees first in ward order. */
export const COMMITTEES: readonly CommitteeSeed[] = [...WARD_COMMITTEES, DIRECTORS_MEETING, REVISION_WORKING_GROUP];
