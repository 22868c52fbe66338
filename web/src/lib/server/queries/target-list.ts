// The staff list of targets, with what its filters offer (years, wards, sections, standards).
import { defineOperation, execute } from '../graphql';
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
      pageInfo: {
        hasNextPage: boolean;
        hasPreviousPage: boolean;
        startCursor: string | null;
        endCursor: string | null;
      };
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

/** The names of up to four fiscal years (令和8年度 / FY2026 (Reiwa 8)), for selects and rows. */
export const FiscalYearNames = defineOperation<
  Record<'a' | 'b' | 'c' | 'd', { year: number; eraName: string; eraNameEn: string }>,
  { a: number; b: number; c: number; d: number }
>(/* GraphQL */ `
  query FiscalYearNames($a: Int!, $b: Int!, $c: Int!, $d: Int!) {
    a: fiscalYear(year: $a) {
      year
      eraName
      eraNameEn
    }
    b: fiscalYear(year: $b) {
      year
      eraName
      eraNameEn
    }
    c: fiscalYear(year: $c) {
      year
      eraName
      eraNameEn
    }
    d: fiscalYear(year: $d) {
      year
      eraName
      eraNameEn
    }
  }
`);

/** year → its name in the page's language. */
export async function fiscalYearNames(
  caller: Parameters<typeof execute>[0],
  years: number[],
): Promise<Record<number, string>> {
  const [a = years[0]!, b = a, c = a, d = a] = years;
  const data = await execute(caller, FiscalYearNames, { a, b, c, d });
  return Object.fromEntries(
    Object.values(data).map((y) => [y.year, caller.locals.locale === 'en' ? y.eraNameEn : y.eraName]),
  );
}
