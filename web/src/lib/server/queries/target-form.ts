// What the target form offers and saves: the standards in force in the year, the principles
// of the guideline in force, the ward's policy of the year; create and update.
import { defineOperation } from '../graphql';

type Named = { id: string; name: string; nameEn: string };

export interface TargetFormOptions {
  fiscalYear: { year: number; eraName: string; eraNameEn: string };
  standards: {
    edges: {
      node: {
        id: string;
        code: string;
        category: 'SOFT' | 'HARD';
        revision: { title: string; titleEn: string } | null;
      };
    }[];
  };
  currentGuideline: { principles: { edges: { node: Named & { position: number } }[] } } | null;
  ward: { improvementPolicy: { id: string; title: string; status: 'DRAFT' | 'PUBLISHED' } | null } | null;
}

export const TargetFormOptionsQuery = defineOperation<TargetFormOptions, { fiscalYear: number; wardCode: string }>(
  /* GraphQL */ `
    query TargetFormOptions($fiscalYear: Int!, $wardCode: String!) {
      fiscalYear(year: $fiscalYear) {
        year
        eraName
        eraNameEn
      }
      standards(fiscalYear: $fiscalYear, first: 100) {
        edges {
          node {
            id
            code
            category
            revision(fiscalYear: $fiscalYear) {
              title
              titleEn
            }
          }
        }
      }
      currentGuideline {
        principles(first: 20) {
          edges {
            node {
              id
              name
              nameEn
              position
            }
          }
        }
      }
      ward(code: $wardCode) {
        improvementPolicy(fiscalYear: $fiscalYear) {
          id
          title
          status
        }
      }
    }
  `,
);

export const CurrentYear = defineOperation<{ currentFiscalYear: { year: number } }>(/* GraphQL */ `
  query CurrentYear {
    currentFiscalYear {
      year
    }
  }
`);

export interface TargetFields {
  title: string;
  description: string;
  standardIds: string[];
  principleIds: string[];
  indicatorName: string | null;
  unit: string | null;
  baselineValue: string | null;
  targetValue: string | null;
  milestone: string | null;
  dueDate: string | null;
}

export const CreateTarget = defineOperation<
  { createImprovementTarget: { id: string } },
  { input: TargetFields & { sectionId: string; fiscalYear: number } }
>(/* GraphQL */ `
  mutation CreateTarget($input: CreateImprovementTargetInput!) {
    createImprovementTarget(input: $input) {
      id
    }
  }
`);

export const UpdateTarget = defineOperation<
  { updateImprovementTarget: { id: string; version: number } },
  { input: TargetFields & { id: string; expectedVersion: number } }
>(/* GraphQL */ `
  mutation UpdateTarget($input: UpdateImprovementTargetInput!) {
    updateImprovementTarget(input: $input) {
      id
      version
    }
  }
`);

/** The draft as the edit form starts from it. */
export interface EditableTarget {
  __typename: 'ImprovementTarget';
  id: string;
  version: number;
  fiscalYear: number;
  state: string;
  viewerCanEdit: boolean;
  title: string;
  description: string;
  indicatorName: string | null;
  unit: string | null;
  baselineValue: string | null;
  targetValue: string | null;
  milestone: string | null;
  dueDate: string | null;
  section: Named & { ward: Named & { code: string } };
  standards: { id: string }[];
  principles: { id: string }[];
}

export const EditTargetQuery = defineOperation<
  { node: EditableTarget | { __typename: string } | null },
  { id: string }
>(/* GraphQL */ `
  query EditTarget($id: ID!) {
    node(id: $id) {
      __typename
      ... on ImprovementTarget {
        id
        version
        fiscalYear
        state
        viewerCanEdit
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
          ward {
            id
            code
            name
            nameEn
          }
        }
        standards {
          id
        }
        principles {
          id
        }
      }
    }
  }
`);

export interface RevisionRow {
  id: string;
  number: number;
  createdAt: string;
  content: string;
  author: { displayName: string } | null;
}

export const TargetRevisions = defineOperation<
  {
    node:
      | {
          __typename: 'ImprovementTarget';
          id: string;
          title: string;
          section: Named & { ward: Named };
          revisions: { edges: { node: RevisionRow }[] } | null;
        }
      | { __typename: string }
      | null;
  },
  { id: string }
>(/* GraphQL */ `
  query TargetRevisions($id: ID!) {
    node(id: $id) {
      __typename
      ... on ImprovementTarget {
        id
        title
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
        revisions(first: 100) {
          edges {
            node {
              id
              number
              createdAt
              content
              author {
                displayName
              }
            }
          }
        }
      }
    }
  }
`);
