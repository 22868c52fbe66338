// The audit trail of a target or a standard: who changed what, when, newest first.
import { defineOperation } from '../graphql';

export interface AuditEntry {
  id: string;
  action: string;
  createdAt: string;
  actor: { displayName: string } | null;
  changes: { field: string; before: string | null; after: string | null }[];
}

export interface AuditTrail {
  edges: { node: AuditEntry }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const trailFields = /* GraphQL */ `
  auditTrail(first: 20, after: $after) {
    edges {
      node {
        id
        action
        createdAt
        actor {
          displayName
        }
        changes {
          field
          before
          after
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
`;

export const TargetHistory = defineOperation<
  {
    node: {
      __typename: string;
      id?: string;
      title?: string;
      fiscalYear?: number;
      section?: { name: string; nameEn: string; ward: { name: string; nameEn: string } };
      auditTrail?: AuditTrail | null;
    } | null;
  },
  { id: string; after: string | null }
>(/* GraphQL */ `
  query TargetHistory($id: ID!, $after: String) {
    node(id: $id) {
      __typename
      ... on ImprovementTarget {
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
        ${trailFields}
      }
    }
  }
`);

export const StandardHistory = defineOperation<
  {
    node: {
      __typename: string;
      id?: string;
      code?: string;
      revision?: { title: string; titleEn: string } | null;
      auditTrail?: AuditTrail | null;
    } | null;
  },
  { id: string; after: string | null; fiscalYear: number }
>(/* GraphQL */ `
  query StandardHistory($id: ID!, $after: String, $fiscalYear: Int!) {
    node(id: $id) {
      __typename
      ... on Standard {
        id
        code
        revision(fiscalYear: $fiscalYear) {
          title
          titleEn
        }
        ${trailFields}
      }
    }
  }
`);
