// The signed-in person's API tokens: the list (a page at a time), creating one (its secret
// comes back once, in this response only) and revoking one.
import { defineOperation } from '../graphql';

export type ApiTokenScope = 'READ_PUBLISHED' | 'READ_WARD' | 'READ_ALL';

export interface ApiTokenItem {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  ward: { code: string; name: string; nameEn: string } | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export const ViewerApiTokens = defineOperation<
  {
    viewer: {
      id: string;
      apiTokens: {
        edges: { node: ApiTokenItem }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    } | null;
    wards: { edges: { node: { id: string; code: string; name: string; nameEn: string } }[] };
  },
  { after: string | null }
>(/* GraphQL */ `
  query ViewerApiTokens($after: String) {
    viewer {
      id
      apiTokens(first: 20, after: $after) {
        edges {
          node {
            id
            name
            prefix
            scopes
            ward {
              code
              name
              nameEn
            }
            createdAt
            lastUsedAt
            expiresAt
            revokedAt
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
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
  }
`);

export const CreateApiToken = defineOperation<
  { createApiToken: { token: string; apiToken: { id: string; name: string; prefix: string } } },
  { input: { name: string; scopes: ApiTokenScope[]; wardId?: string; expiresAt?: string } }
>(/* GraphQL */ `
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
        name
        prefix
      }
    }
  }
`);

export const RevokeApiToken = defineOperation<{ revokeApiToken: string }, { id: string }>(/* GraphQL */ `
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id)
  }
`);
