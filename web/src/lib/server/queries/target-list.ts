// The staff list of targets, with what its filters offer (years, wards, sections, standards).
import { defineOperation } from '../graphql';
import type { TargetState } from './staff-home';

type Named = { id: string; name: string; nameEn: string };

export interface TargetListRow {
  id: string;
  title: string;
  state: TargetState;
  fiscalYear: number;
  dueDate: string | null;
  section: Named & { ward: Named };
}

export type TargetListFilters = {
  fiscalYear: number | null;
  wardId: string | null;
  sectionId: string | null;
  state: TargetState | null;
  standardId: string | null;
};

export const TargetList = defineOperation<
  {
    improvementTargets: {
      edges: { node: TargetListRow }[];
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    };
  },
  TargetListFilters & { first: number | null; after: string | null; last: number | null; before: string | null }
>(/* GraphQL */ `
  query TargetList(
    $fiscalYear: Int
    $wardId: ID
    $sectionId: ID
    $state: TargetState
    $standardId: ID
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    improvementTargets(
      fiscalYear: $fiscalYear
      wardId: $wardId
      sectionId: $sectionId
      state: $state
      standardId: $standardId
      first: $first
      after: $after
      last: $last
      before: $before
    ) {
      edges {
        node {
          id
          title
          state
          fiscalYear
          dueDate
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
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`);

export interface TargetFilterOptions {
  currentFiscalYear: { year: number };
  wards: { edges: { node: Named & { code: string } }[] };
  sections: { edges: { node: Named & { ward: { id: string } } }[] };
  standards: { edges: { node: { id: string; code: string; revision: { title: string; titleEn: string } | null } }[] };
}

export const TargetFilters = defineOperation<TargetFilterOptions, { wardId: string | null; fiscalYear: number }>(
  /* GraphQL */ `
    query TargetFilters($wardId: ID, $fiscalYear: Int!) {
      currentFiscalYear {
        year
      }
      wards(first: 20) {
        edges {
          node {
            id
            code
            name
            nameEn
          }
        }
      }
      sections(wardId: $wardId, first: 100) {
        edges {
          node {
            id
            name
            nameEn
            ward {
              id
            }
          }
        }
      }
      standards(first: 100) {
        edges {
          node {
            id
            code
            revision(fiscalYear: $fiscalYear) {
              title
              titleEn
            }
          }
        }
      }
    }
  `,
);
