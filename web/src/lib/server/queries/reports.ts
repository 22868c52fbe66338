// The aggregates behind /compliance, /achievement and the directors' home: counted by the
// API in the database (targetCounts, standardCompliance), drawn here.
import { defineOperation } from '../graphql';

type Named = { id: string; name: string; nameEn: string };
export type AchievementLevel = 'GREATLY_EXCEEDED' | 'EXCEEDED' | 'ACHIEVED' | 'BELOW' | 'GREATLY_BELOW';
export type ComplianceLevel = 'BELOW_MINIMUM' | 'AT_MINIMUM' | 'TOWARDS_ASPIRATIONAL' | 'ASPIRATIONAL';
export type TargetState = 'DRAFT' | 'IN_REVIEW' | 'CHANGES_REQUESTED' | 'APPROVED' | 'PUBLISHED';

export const ACHIEVEMENT_LEVELS: readonly AchievementLevel[] = [
  'GREATLY_EXCEEDED',
  'EXCEEDED',
  'ACHIEVED',
  'BELOW',
  'GREATLY_BELOW',
];
export const COMPLIANCE_LEVELS: readonly ComplianceLevel[] = [
  'BELOW_MINIMUM',
  'AT_MINIMUM',
  'TOWARDS_ASPIRATIONAL',
  'ASPIRATIONAL',
];
export const TARGET_STATES: readonly TargetState[] = [
  'DRAFT',
  'IN_REVIEW',
  'CHANGES_REQUESTED',
  'APPROVED',
  'PUBLISHED',
];

export interface YearNames {
  year: number;
  eraName: string;
  eraNameEn: string;
}

export interface ComplianceCell {
  ward: Named & { code: string };
  standard: { id: string; code: string; category: 'SOFT' | 'HARD' };
  revision: { title: string; titleEn: string };
  level: ComplianceLevel | null;
  resultCount: number;
}

export const CompliancePage = defineOperation<
  { currentFiscalYear: YearNames; fiscalYear: YearNames; standardCompliance: ComplianceCell[] },
  { fiscalYear: number }
>(/* GraphQL */ `
  query CompliancePage($fiscalYear: Int!) {
    currentFiscalYear {
      year
      eraName
      eraNameEn
    }
    fiscalYear(year: $fiscalYear) {
      year
      eraName
      eraNameEn
    }
    standardCompliance(fiscalYear: $fiscalYear) {
      ward {
        id
        code
        name
        nameEn
      }
      standard {
        id
        code
        category
      }
      revision {
        title
        titleEn
      }
      level
      resultCount
    }
  }
`);

export interface LevelRow {
  achievementLevel: AchievementLevel;
  count: number;
}

export const AchievementPage = defineOperation<
  {
    currentFiscalYear: YearNames;
    fiscalYear: YearNames;
    byWard: (LevelRow & { ward: Named })[];
    bySection: (LevelRow & { section: Named & { ward: Named } })[];
    byStandard: (LevelRow & { standard: { id: string; code: string } | null })[];
    byYear: (LevelRow & { fiscalYear: number })[];
  },
  { fiscalYear: number }
>(/* GraphQL */ `
  query AchievementPage($fiscalYear: Int!) {
    currentFiscalYear {
      year
      eraName
      eraNameEn
    }
    fiscalYear(year: $fiscalYear) {
      year
      eraName
      eraNameEn
    }
    byWard: targetCounts(
      groupBy: [WARD, ACHIEVEMENT_LEVEL]
      fiscalYear: $fiscalYear
      withResult: true
      publishedOnly: true
    ) {
      ward {
        id
        name
        nameEn
      }
      achievementLevel
      count
    }
    bySection: targetCounts(
      groupBy: [SECTION, ACHIEVEMENT_LEVEL]
      fiscalYear: $fiscalYear
      withResult: true
      publishedOnly: true
    ) {
      section {
        id
        name
        nameEn
        ward {
          id
          name
          nameEn
        }
      }
      achievementLevel
      count
    }
    byStandard: targetCounts(
      groupBy: [STANDARD, ACHIEVEMENT_LEVEL]
      fiscalYear: $fiscalYear
      withResult: true
      publishedOnly: true
    ) {
      standard {
        id
        code
      }
      achievementLevel
      count
    }
    byYear: targetCounts(groupBy: [FISCAL_YEAR, ACHIEVEMENT_LEVEL], withResult: true, publishedOnly: true) {
      fiscalYear
      achievementLevel
      count
    }
  }
`);

export const WardStates = defineOperation<
  { targetCounts: { ward: Named; state: TargetState; count: number }[]; wards: { edges: { node: Named }[] } },
  { fiscalYear: number }
>(/* GraphQL */ `
  query WardStates($fiscalYear: Int!) {
    targetCounts(groupBy: [WARD, STATE], fiscalYear: $fiscalYear) {
      ward {
        id
        name
        nameEn
      }
      state
      count
    }
    wards(first: 20) {
      edges {
        node {
          id
          name
          nameEn
        }
      }
    }
  }
`);
