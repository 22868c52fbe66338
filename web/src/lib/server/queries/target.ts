// One improvement target, as its page shows it. Anyone may read a published target; the
// API answers NOT_FOUND for one the viewer may not read.
import { defineOperation } from '../graphql';
import type { TargetState } from './staff-home';

export interface TargetPageData {
  node:
    | {
        __typename: 'ImprovementTarget';
        id: string;
        title: string;
        description: string;
        state: TargetState;
        fiscalYear: number;
        dueDate: string | null;
        section: { id: string; name: string; nameEn: string; ward: { code: string; name: string; nameEn: string } };
      }
    | { __typename: string }
    | null;
}

export const TargetPage = defineOperation<TargetPageData, { id: string }>(/* GraphQL */ `
  query TargetPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on ImprovementTarget {
        id
        title
        description
        state
        fiscalYear
        dueDate
        section {
          id
          name
          nameEn
          ward {
            code
            name
            nameEn
          }
        }
      }
    }
  }
`);
