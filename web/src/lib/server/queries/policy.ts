// A ward's improvement policies (区役所サービス向上方針): read by anyone once published, drafted,
// edited and published by the ward's own mayor.
import { defineOperation } from '../graphql';
import type { FiscalYearNames, PublicWard } from './ward-public';

export interface PolicyDetail {
  id: string;
  fiscalYear: number;
  title: string;
  body: string;
  status: 'DRAFT' | 'PUBLISHED';
  publishedAt: string | null;
  updatedAt: string;
  viewerCanEdit: boolean;
  viewerCanComment: boolean;
}

const POLICY_FIELDS = /* GraphQL */ `
  id
  fiscalYear
  title
  body
  status
  publishedAt
  updatedAt
  viewerCanEdit
  viewerCanComment
`;

export const WardPolicy = defineOperation<
  {
    ward: (PublicWard & { improvementPolicy: PolicyDetail | null }) | null;
    fiscalYear: FiscalYearNames;
  },
  { code: string; year: number }
>(/* GraphQL */ `
  query WardPolicy($code: String!, $year: Int!) {
    ward(code: $code) {
      id
      code
      name
      nameEn
      improvementPolicy(fiscalYear: $year) {
        ${POLICY_FIELDS}
      }
    }
    fiscalYear(year: $year) {
      year
      eraName
      eraNameEn
      isCurrent
    }
  }
`);

export interface PolicyListItem {
  id: string;
  fiscalYear: number;
  title: string;
  status: 'DRAFT' | 'PUBLISHED';
  publishedAt: string | null;
  updatedAt: string;
}

export const WardPolicies = defineOperation<
  {
    improvementPolicies: {
      edges: { node: PolicyListItem }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  },
  { wardId: string; after: string | null }
>(/* GraphQL */ `
  query WardPolicies($wardId: ID!, $after: String) {
    improvementPolicies(wardId: $wardId, first: 30, after: $after) {
      edges {
        node {
          id
          fiscalYear
          title
          status
          publishedAt
          updatedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreatePolicy = defineOperation<
  { createImprovementPolicy: { id: string; updatedAt: string } },
  { input: { wardId: string; fiscalYear: number; title: string; body: string } }
>(/* GraphQL */ `
  mutation CreatePolicy($input: CreateImprovementPolicyInput!) {
    createImprovementPolicy(input: $input) {
      id
      updatedAt
    }
  }
`);

export const UpdatePolicy = defineOperation<
  { updateImprovementPolicy: { id: string; updatedAt: string } },
  { input: { id: string; expectedUpdatedAt: string; title: string; body: string } }
>(/* GraphQL */ `
  mutation UpdatePolicy($input: UpdateImprovementPolicyInput!) {
    updateImprovementPolicy(input: $input) {
      id
      updatedAt
    }
  }
`);

export const PublishPolicy = defineOperation<
  { publishImprovementPolicy: { id: string; status: string } },
  { input: { id: string } }
>(/* GraphQL */ `
  mutation PublishPolicy($input: PublishImprovementPolicyInput!) {
    publishImprovementPolicy(input: $input) {
      id
      status
    }
  }
`);
