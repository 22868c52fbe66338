// Problems (課題) and improvement proposals (改善提案): lists, one record, the choices a form
// offers, and the writes. The two kinds share one shape, so every document is written once
// with the kind's names filled in.
import type { ProblemStatus } from '$lib/problems/status';
import { defineOperation } from '../graphql';

export { PROBLEM_STATUSES, type ProblemStatus } from '$lib/problems/status';
export type RecordKind = 'problem' | 'proposal';

export interface Named {
  id: string;
  name: string;
  nameEn: string;
}

export interface RecordSummary {
  id: string;
  title: string;
  titleEn: string | null;
  status: ProblemStatus;
  origin: string;
  createdAt: string;
  ward: Named | null;
  section: Named | null;
  standards: { id: string; code: string }[];
}

const summaryFields = /* GraphQL */ `
  id
  title
  titleEn
  status
  origin
  createdAt
  ward {
    id
    name
    nameEn
  }
  section {
    id
    name
    nameEn
  }
  standards {
    id
    code
  }
`;

export interface ListFilters {
  wardId: string | null;
  sectionId: string | null;
  status: ProblemStatus | null;
  standardId: string | null;
  principleId: string | null;
}

export type ListVariables = ListFilters & { after: string | null; first: number; [key: string]: unknown };

interface ListData {
  records: {
    edges: { node: RecordSummary }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

function listDocument(field: 'problems' | 'proposals', name: string): string {
  return /* GraphQL */ `
    query ${name}($first: Int!, $after: String, $wardId: ID, $sectionId: ID, $status: ProblemStatus, $standardId: ID, $principleId: ID) {
      records: ${field}(first: $first, after: $after, wardId: $wardId, sectionId: $sectionId, status: $status, standardId: $standardId, principleId: $principleId) {
        edges {
          node {
            ${summaryFields}
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `;
}

export const ListOperations = {
  problem: defineOperation<ListData, ListVariables>(listDocument('problems', 'ProblemList')),
  proposal: defineOperation<ListData, ListVariables>(listDocument('proposals', 'ProposalList')),
};

/** What the filters and the form offer: wards with their sections, standards, principles. */
export interface ChoicesData {
  wards: { edges: { node: Named & { sections: { edges: { node: Named }[] } } }[] };
  standards: { edges: { node: { id: string; code: string; revision: { title: string; titleEn: string } | null } }[] };
  currentGuideline: { principles: { edges: { node: Named & { position: number } }[] } } | null;
  currentFiscalYear: { year: number };
}

export const RecordChoices = defineOperation<ChoicesData, { fiscalYear: number }>(/* GraphQL */ `
  query RecordChoices($fiscalYear: Int!) {
    wards(first: 20) {
      edges {
        node {
          id
          name
          nameEn
          sections(first: 50) {
            edges {
              node {
                id
                name
                nameEn
              }
            }
          }
        }
      }
    }
    standards(first: 100, fiscalYear: $fiscalYear) {
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
    currentFiscalYear {
      year
    }
  }
`);

export const CurrentYear = defineOperation<{ currentFiscalYear: { year: number } }>(/* GraphQL */ `
  query CurrentYear {
    currentFiscalYear {
      year
    }
  }
`);

export interface RecordDetail extends RecordSummary {
  __typename: 'Problem' | 'Proposal';
  body: string;
  bodyEn: string | null;
  declineReason: string | null;
  workshopDate: string | null;
  updatedAt: string;
  viewerCanEdit: boolean;
  standards: { id: string; code: string; revision: { title: string; titleEn: string } | null }[];
  principles: (Named & { position: number })[];
  // Problems
  adoptedTarget?: { id: string; title: string; fiscalYear: number } | null;
  adoptedStandard?: { id: string; code: string; revision: { title: string; titleEn: string } | null } | null;
  proposals?: { edges: { node: { id: string; title: string; status: ProblemStatus } }[] };
  // Proposals
  problem?: { id: string; title: string; status: ProblemStatus } | null;
  adoptedAsTargets?: { id: string; title: string; fiscalYear: number }[];
  adoptedAsStandards?: { id: string; code: string; revision: { title: string; titleEn: string } | null }[];
}

const detailFields = /* GraphQL */ `
  __typename
  ${summaryFields}
  body
  bodyEn
  declineReason
  workshopDate
  updatedAt
  viewerCanEdit
  standards {
    id
    code
    revision(fiscalYear: $fiscalYear) {
      title
      titleEn
    }
  }
  principles {
    id
    name
    nameEn
    position
  }
`;

export const RecordPage = defineOperation<
  { node: RecordDetail | { __typename: string } | null },
  { id: string; fiscalYear: number }
>(/* GraphQL */ `
    query RecordPage($id: ID!, $fiscalYear: Int!) {
      node(id: $id) {
        __typename
        ... on Problem {
          ${detailFields}
          adoptedTarget {
            id
            title
            fiscalYear
          }
          adoptedStandard {
            id
            code
            revision(fiscalYear: $fiscalYear) {
              title
              titleEn
            }
          }
          proposals(first: 50) {
            edges {
              node {
                id
                title
                status
              }
            }
          }
        }
        ... on Proposal {
          ${detailFields}
          problem {
            id
            title
            status
          }
          adoptedAsTargets {
            id
            title
            fiscalYear
          }
          adoptedAsStandards {
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
  `);

/** Targets a record can be adopted as: the ward's targets of the fiscal year the viewer may read. */
export const AdoptableTargets = defineOperation<
  { improvementTargets: { edges: { node: { id: string; title: string; section: Named } }[] } },
  { wardId: string; fiscalYear: number }
>(/* GraphQL */ `
  query AdoptableTargets($wardId: ID!, $fiscalYear: Int!) {
    improvementTargets(wardId: $wardId, fiscalYear: $fiscalYear, first: 100) {
      edges {
        node {
          id
          title
          section {
            id
            name
            nameEn
          }
        }
      }
    }
  }
`);

/** Open problems a new proposal may answer (the viewer's readable ones, newest first). */
export const OpenProblems = defineOperation<{ problems: { edges: { node: { id: string; title: string } }[] } }>(
  /* GraphQL */ `
    query OpenProblems {
      problems(first: 100, status: OPEN) {
        edges {
          node {
            id
            title
          }
        }
      }
    }
  `,
);

export interface RecordInput {
  title: string;
  titleEn: string | null;
  body: string;
  bodyEn: string | null;
  wardId: string | null;
  sectionId: string | null;
  standardIds: string[];
  principleIds: string[];
  problemId?: string | null;
}

export const CreateOperations = {
  problem: defineOperation<{ record: { id: string } }, { input: RecordInput }>(/* GraphQL */ `
    mutation CreateProblem($input: CreateProblemInput!) {
      record: createProblem(input: $input) {
        id
      }
    }
  `),
  proposal: defineOperation<{ record: { id: string } }, { input: RecordInput }>(/* GraphQL */ `
    mutation CreateProposal($input: CreateProposalInput!) {
      record: createProposal(input: $input) {
        id
      }
    }
  `),
};

export const UpdateOperations = {
  problem: defineOperation<{ record: { id: string } }, { input: RecordInput & { id: string } }>(/* GraphQL */ `
    mutation UpdateProblem($input: UpdateProblemInput!) {
      record: updateProblem(input: $input) {
        id
      }
    }
  `),
  proposal: defineOperation<{ record: { id: string } }, { input: RecordInput & { id: string } }>(/* GraphQL */ `
    mutation UpdateProposal($input: UpdateProposalInput!) {
      record: updateProposal(input: $input) {
        id
      }
    }
  `),
};

export interface StatusInput {
  id: string;
  status: ProblemStatus;
  reason?: string;
  targetId?: string;
  standardId?: string;
  [key: string]: unknown;
}

export const StatusOperations = {
  problem: defineOperation<{ record: { id: string; status: ProblemStatus } }, { input: StatusInput }>(/* GraphQL */ `
    mutation ChangeProblemStatus($input: ChangeProblemStatusInput!) {
      record: changeProblemStatus(input: $input) {
        id
        status
      }
    }
  `),
  proposal: defineOperation<{ record: { id: string; status: ProblemStatus } }, { input: StatusInput }>(/* GraphQL */ `
    mutation ChangeProposalStatus($input: ChangeProposalStatusInput!) {
      record: changeProposalStatus(input: $input) {
        id
        status
      }
    }
  `),
};
