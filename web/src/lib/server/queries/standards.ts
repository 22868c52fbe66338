// The standards catalogue, a standard's history, and the directors' meeting's March review
// (open, propose, adopt, retire, publish). Types written by hand next to each operation.
import { defineOperation } from '../graphql';

export type Category = 'SOFT' | 'HARD';
export type Direction = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
type Named = { name: string; nameEn: string };

export interface FiscalYearNames {
  year: number;
  eraName: string;
  eraNameEn: string;
}

export interface RevisionFields {
  id: string;
  fiscalYear: number;
  status: 'PROPOSED' | 'PUBLISHED';
  title: string;
  titleEn: string;
  minimumLevel: string;
  minimumLevelEn: string;
  aspirationalLevel: string;
  aspirationalLevelEn: string;
  indicatorName: string | null;
  indicatorNameEn: string | null;
  unit: string | null;
  minimumValue: string | null;
  aspirationalValue: string | null;
  direction: Direction | null;
  changeNote: string;
  publishedAt: string | null;
}

const revisionFields = /* GraphQL */ `
  id
  fiscalYear
  status
  title
  titleEn
  minimumLevel
  minimumLevelEn
  aspirationalLevel
  aspirationalLevelEn
  indicatorName
  indicatorNameEn
  unit
  minimumValue
  aspirationalValue
  direction
  changeNote
  publishedAt
`;

export interface PrincipleOption extends Named {
  id: string;
  key: string;
  position: number;
}

export interface CatalogueStandard {
  id: string;
  code: string;
  category: Category;
  introducedFiscalYear: number;
  originWard: Named | null;
  principles: { key: string; name: string; nameEn: string }[];
  revision: RevisionFields | null;
}

export interface StandardsCatalogueData {
  currentFiscalYear: FiscalYearNames;
  fiscalYear: FiscalYearNames;
  currentGuideline: { principles: { edges: { node: PrincipleOption }[] } } | null;
  years: {
    edges: { node: { introducedFiscalYear: number; next: { fiscalYear: number; status: string } | null } }[];
  };
  standards: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: CatalogueStandard }[];
  };
}

export const StandardsCatalogue = defineOperation<
  StandardsCatalogueData,
  {
    fiscalYear: number;
    nextYear: number;
    category: Category | null;
    principleKey: string | null;
    after: string | null;
  }
>(/* GraphQL */ `
  query StandardsCatalogue(
    $fiscalYear: Int!
    $nextYear: Int!
    $category: StandardCategory
    $principleKey: String
    $after: String
  ) {
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
    currentGuideline {
      principles {
        edges {
          node {
            id
            key
            position
            name
            nameEn
          }
        }
      }
    }
    years: standards(first: 100) {
      edges {
        node {
          introducedFiscalYear
          next: revision(fiscalYear: $nextYear) {
            fiscalYear
            status
          }
        }
      }
    }
    standards(fiscalYear: $fiscalYear, category: $category, principleKey: $principleKey, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          code
          category
          introducedFiscalYear
          originWard {
            name
            nameEn
          }
          principles {
            key
            name
            nameEn
          }
          revision(fiscalYear: $fiscalYear) {
            ${revisionFields}
          }
        }
      }
    }
  }
`);

export interface StandardDetail extends Omit<CatalogueStandard, 'revision'> {
  retiredFiscalYear: number | null;
  revisions: { edges: { node: RevisionFields }[] };
}

export const StandardPage = defineOperation<
  { currentFiscalYear: FiscalYearNames; standard: StandardDetail | null },
  { code: string }
>(/* GraphQL */ `
  query StandardPage($code: String!) {
    currentFiscalYear {
      year
      eraName
      eraNameEn
    }
    standard(code: $code) {
      id
      code
      category
      introducedFiscalYear
      retiredFiscalYear
      originWard {
        name
        nameEn
      }
      principles {
        key
        name
        nameEn
      }
      revisions(first: 100) {
        edges {
          node {
            ${revisionFields}
          }
        }
      }
    }
  }
`);

/** Names of fiscal years for the pages that show several. */
export const FiscalYears = defineOperation<
  { currentFiscalYear: FiscalYearNames & { phase: string | null } },
  Record<string, never>
>(/* GraphQL */ `
  query FiscalYears {
    currentFiscalYear {
      year
      eraName
      eraNameEn
      phase
    }
  }
`);

export interface ReviewRevision {
  id: string;
  status: 'PROPOSED' | 'PUBLISHED';
  title: string;
  titleEn: string;
  minimumValue: string | null;
  direction: Direction | null;
  unit: string | null;
  minimumLevel: string;
  minimumLevelEn: string;
  changeNote: string;
  standard: { id: string; code: string; category: Category; introducedFiscalYear: number };
}

export interface StandardsReviewData {
  id: string;
  fiscalYear: number;
  status: 'OPEN' | 'PUBLISHED';
  openedAt: string;
  publishedAt: string | null;
  revisions: ReviewRevision[];
  retirements: { reason: string; standard: { id: string; code: string } }[];
}

export interface ReviewStandard {
  id: string;
  code: string;
  category: Category;
  revision: RevisionFields | null;
}

export interface ReviewWorkspaceData {
  next: FiscalYearNames;
  current: FiscalYearNames;
  standardsReview: StandardsReviewData | null;
  standards: { edges: { node: ReviewStandard }[] };
}

export const ReviewWorkspace = defineOperation<ReviewWorkspaceData, { year: number; current: number }>(/* GraphQL */ `
  query ReviewWorkspace($year: Int!, $current: Int!) {
    next: fiscalYear(year: $year) {
      year
      eraName
      eraNameEn
    }
    current: fiscalYear(year: $current) {
      year
      eraName
      eraNameEn
    }
    standardsReview(fiscalYear: $year) {
      id
      fiscalYear
      status
      openedAt
      publishedAt
      revisions {
        id
        status
        title
        titleEn
        minimumValue
        direction
        unit
        minimumLevel
        minimumLevelEn
        changeNote
        standard {
          id
          code
          category
          introducedFiscalYear
        }
      }
      retirements {
        reason
        standard {
          id
          code
        }
      }
    }
    standards(fiscalYear: $current, first: 100) {
      edges {
        node {
          id
          code
          category
          revision(fiscalYear: $current) {
            ${revisionFields}
          }
        }
      }
    }
  }
`);

export interface ProposeStandardData {
  standard:
    | (ReviewStandard & {
        retiredFiscalYear: number | null;
        proposal: RevisionFields | null;
      })
    | null;
}

export const ProposeStandard = defineOperation<
  ProposeStandardData,
  { code: string; year: number; current: number }
>(/* GraphQL */ `
    query ProposeStandard($code: String!, $year: Int!, $current: Int!) {
      standard(code: $code) {
        id
        code
        category
        retiredFiscalYear
        revision(fiscalYear: $current) {
          ${revisionFields}
        }
        proposal: revision(fiscalYear: $year) {
          ${revisionFields}
        }
      }
    }
  `);

export interface AdoptCandidate {
  id: string;
  title: string;
  fiscalYear: number;
  section: Named & { ward: Named };
  result: { achievementLevel: string } | null;
}

export const AdoptCandidates = defineOperation<
  {
    previous: { edges: { node: AdoptCandidate }[] };
    current: { edges: { node: AdoptCandidate }[] };
    currentGuideline: { principles: { edges: { node: PrincipleOption }[] } } | null;
  },
  { previousYear: number; currentYear: number }
>(/* GraphQL */ `
  query AdoptCandidates($previousYear: Int!, $currentYear: Int!) {
    previous: improvementTargets(fiscalYear: $previousYear, first: 100) {
      edges {
        node {
          ...Candidate
        }
      }
    }
    current: improvementTargets(fiscalYear: $currentYear, first: 100) {
      edges {
        node {
          ...Candidate
        }
      }
    }
    currentGuideline {
      principles {
        edges {
          node {
            id
            key
            position
            name
            nameEn
          }
        }
      }
    }
  }
  fragment Candidate on ImprovementTarget {
    id
    title
    fiscalYear
    section {
      name
      nameEn
      ward {
        name
        nameEn
      }
    }
    result {
      achievementLevel
    }
  }
`);

export interface RevisionInput {
  title: string;
  titleEn: string;
  minimumLevel: string;
  minimumLevelEn: string;
  aspirationalLevel: string;
  aspirationalLevelEn: string;
  indicatorName: string | null;
  unit: string | null;
  minimumValue: string | null;
  aspirationalValue: string | null;
  direction: Direction | null;
  changeNote: string;
}

export const OpenStandardsReview = defineOperation<
  { openStandardsReview: { id: string } },
  { input: { fiscalYear: number } }
>(/* GraphQL */ `
  mutation OpenStandardsReview($input: OpenStandardsReviewInput!) {
    openStandardsReview(input: $input) {
      id
    }
  }
`);

export const ProposeStandardRevision = defineOperation<
  { proposeStandardRevision: { id: string } },
  { input: { reviewId: string; standardId: string; revision: RevisionInput } }
>(/* GraphQL */ `
  mutation ProposeStandardRevision($input: ProposeStandardRevisionInput!) {
    proposeStandardRevision(input: $input) {
      id
    }
  }
`);

export const RetireStandard = defineOperation<
  { retireStandard: { id: string } },
  { input: { reviewId: string; standardId: string; reason: string } }
>(/* GraphQL */ `
  mutation RetireStandard($input: RetireStandardInput!) {
    retireStandard(input: $input) {
      id
    }
  }
`);

export const AdoptPracticeAsStandard = defineOperation<
  { adoptPracticeAsStandard: { id: string; code: string } },
  {
    input: {
      reviewId: string;
      originTargetId: string;
      code: string;
      category: Category;
      principleIds: string[];
      revision: RevisionInput;
    };
  }
>(/* GraphQL */ `
  mutation AdoptPracticeAsStandard($input: AdoptPracticeAsStandardInput!) {
    adoptPracticeAsStandard(input: $input) {
      id
      code
    }
  }
`);

export const PublishStandardsReview = defineOperation<
  { publishStandardsReview: { id: string; status: string } },
  { input: { reviewId: string } }
>(/* GraphQL */ `
  mutation PublishStandardsReview($input: StandardsReviewRefInput!) {
    publishStandardsReview(input: $input) {
      id
      status
    }
  }
`);
