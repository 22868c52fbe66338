// The signed-in home page: what each of the viewer's roles has to do this fiscal year.
// One small query per role the viewer holds, run in parallel.
import { defineOperation } from '../graphql';

export type TargetState = 'DRAFT' | 'IN_REVIEW' | 'CHANGES_REQUESTED' | 'APPROVED' | 'PUBLISHED';
type Named = { id: string; name: string; nameEn: string };

export interface HomeFiscalYearData {
  currentFiscalYear: { year: number; eraName: string; eraNameEn: string; phase: string | null };
}

export const HomeFiscalYear = defineOperation<HomeFiscalYearData>(/* GraphQL */ `
  query HomeFiscalYear {
    currentFiscalYear {
      year
      eraName
      eraNameEn
      phase
    }
  }
`);

export interface HomeTarget {
  id: string;
  title: string;
  state: TargetState;
  dueDate: string | null;
  updatedAt: string;
  section: Named;
}

const targetFields = /* GraphQL */ `
  id
  title
  state
  dueDate
  updatedAt
  section {
    id
    name
    nameEn
  }
`;

export const HomeSectionTargets = defineOperation<
  { improvementTargets: { edges: { node: HomeTarget }[] } },
  { sectionId: string; fiscalYear: number }
>(/* GraphQL */ `
  query HomeSectionTargets($sectionId: ID!, $fiscalYear: Int!) {
    improvementTargets(sectionId: $sectionId, fiscalYear: $fiscalYear, first: 50) {
      edges {
        node {
          ${targetFields}
        }
      }
    }
  }
`);

export interface HomeReviewTarget extends HomeTarget {
  reviewRounds: {
    id: string;
    status: 'OPEN' | 'CLOSED';
    dueDate: string | null;
    reviewedCount: number;
    assignedCount: number;
    viewerCanReview: boolean;
  }[];
}

export const HomeReviews = defineOperation<
  { improvementTargets: { edges: { node: HomeReviewTarget }[] } },
  { wardId: string }
>(/* GraphQL */ `
  query HomeReviews($wardId: ID!) {
    improvementTargets(wardId: $wardId, state: IN_REVIEW, first: 100) {
      edges {
        node {
          ${targetFields}
          reviewRounds {
            id
            status
            dueDate
            reviewedCount
            assignedCount
            viewerCanReview
          }
        }
      }
    }
  }
`);

export interface HomeWardData {
  ward: {
    id: string;
    code: string;
    name: string;
    nameEn: string;
    improvementPolicy: { id: string; title: string; status: 'DRAFT' | 'PUBLISHED'; updatedAt: string } | null;
  } | null;
  improvementTargets: { edges: { node: HomeTarget }[] };
}

export const HomeWard = defineOperation<
  HomeWardData,
  { wardCode: string; wardId: string; fiscalYear: number }
>(/* GraphQL */ `
    query HomeWard($wardCode: String!, $wardId: ID!, $fiscalYear: Int!) {
      ward(code: $wardCode) {
        id
        code
        name
        nameEn
        improvementPolicy(fiscalYear: $fiscalYear) {
          id
          title
          status
          updatedAt
        }
      }
      improvementTargets(wardId: $wardId, fiscalYear: $fiscalYear, first: 100) {
        edges {
          node {
            ${targetFields}
          }
        }
      }
    }
  `);
