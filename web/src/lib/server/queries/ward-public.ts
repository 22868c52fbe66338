// The public ward pages: the wards, one ward's published policy and targets for a fiscal year,
// and the previous year's published results (with their counts by achievement level).
import { defineOperation } from '../graphql';

export type AchievementLevel = 'GREATLY_EXCEEDED' | 'EXCEEDED' | 'ACHIEVED' | 'BELOW' | 'GREATLY_BELOW';

export interface FiscalYearNames {
  year: number;
  eraName: string;
  eraNameEn: string;
  isCurrent: boolean;
}

export interface PublicWard {
  id: string;
  code: string;
  name: string;
  nameEn: string;
}

export const PublicWards = defineOperation<{
  wards: { edges: { node: PublicWard & { position: number } }[] };
  currentFiscalYear: FiscalYearNames;
}>(/* GraphQL */ `
  query PublicWards {
    wards(first: 100) {
      edges {
        node {
          id
          code
          name
          nameEn
          position
        }
      }
    }
    currentFiscalYear {
      year
      eraName
      eraNameEn
      isCurrent
    }
  }
`);

export interface PublicPolicy {
  id: string;
  title: string;
  body: string;
  status: 'DRAFT' | 'PUBLISHED';
  publishedAt: string | null;
}

export interface LevelCount {
  level: AchievementLevel;
  score: number;
  count: number;
}

/** The ward by its code, with the fiscal year today (the default year to show). */
export const PublicWardByCode = defineOperation<
  { ward: PublicWard | null; currentFiscalYear: FiscalYearNames },
  { code: string }
>(/* GraphQL */ `
  query PublicWardByCode($code: String!) {
    ward(code: $code) {
      id
      code
      name
      nameEn
    }
    currentFiscalYear {
      year
      eraName
      eraNameEn
      isCurrent
    }
  }
`);

export interface PublicTarget {
  id: string;
  title: string;
  description: string;
  indicatorName: string | null;
  unit: string | null;
  baselineValue: string | null;
  targetValue: string | null;
  milestone: string | null;
  dueDate: string | null;
  section: { id: string; name: string; nameEn: string; position: number };
  standards: { code: string }[];
  principles: { key: string; name: string; nameEn: string }[];
  result: {
    achievementLevel: AchievementLevel;
    achievementScore: number;
    actualValue: string | null;
    evidence: string;
    publishedAt: string | null;
  } | null;
}

interface TargetPage {
  edges: { node: PublicTarget }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Everything the ward page shows for a year, in one request: the policy, both years' published
 * targets (each list pages on its own cursor), the previous year's results counted by level,
 * and the names of the years to choose from.
 */
export const PublicWardYear = defineOperation<
  {
    node: { improvementPolicy: PublicPolicy | null; resultSummary: LevelCount[] } | null;
    targets: TargetPage;
    results: TargetPage;
    fiscalYears: FiscalYearNames[];
  },
  {
    wardId: string;
    year: number;
    previousYear: number;
    years: number[];
    targetsAfter: string | null;
    resultsAfter: string | null;
  }
>(/* GraphQL */ `
  query PublicWardYear(
    $wardId: ID!
    $year: Int!
    $previousYear: Int!
    $years: [Int!]!
    $targetsAfter: String
    $resultsAfter: String
  ) {
    node(id: $wardId) {
      ... on Ward {
        improvementPolicy(fiscalYear: $year) {
          id
          title
          body
          status
          publishedAt
        }
        resultSummary(fiscalYear: $previousYear) {
          level
          score
          count
        }
      }
    }
    targets: improvementTargets(wardId: $wardId, fiscalYear: $year, state: PUBLISHED, first: 50, after: $targetsAfter) {
      ...PublicTargetPage
    }
    results: improvementTargets(
      wardId: $wardId
      fiscalYear: $previousYear
      state: PUBLISHED
      first: 50
      after: $resultsAfter
    ) {
      ...PublicTargetPage
    }
    fiscalYears(years: $years) {
      year
      eraName
      eraNameEn
      isCurrent
    }
  }

  fragment PublicTargetPage on QueryImprovementTargetsConnection {
    edges {
      node {
        id
        title
        description
        indicatorName
        unit
        baselineValue
        targetValue
        milestone
        dueDate
        section {
          id
          name
          nameEn
          position
        }
        standards {
          code
        }
        principles {
          key
          name
          nameEn
        }
        result {
          achievementLevel
          achievementScore
          actualValue
          evidence
          publishedAt
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
`);

export const FiscalYearNamesOf = defineOperation<{ fiscalYears: FiscalYearNames[] }, { years: number[] }>(
  /* GraphQL */ `
    query FiscalYearNamesOf($years: [Int!]!) {
      fiscalYears(years: $years) {
        year
        eraName
        eraNameEn
        isCurrent
      }
    }
  `,
);
