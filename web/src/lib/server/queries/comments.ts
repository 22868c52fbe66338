// Comment threads on any subject the API supports (ImprovementTarget, ImprovementPolicy).
import { COMMENT_FIELDS } from '$lib/comments/comment-fields';
import { defineOperation } from '../graphql';

export interface CommentView {
  id: string;
  body: string;
  quote: string | null;
  isDeleted: boolean;
  createdAt: string;
  editedAt: string | null;
  resolvedAt: string | null;
  author: { id: string; displayName: string } | null;
  resolvedBy: { displayName: string } | null;
  parent: { id: string } | null;
  viewerCanEdit: boolean;
  viewerCanResolve: boolean;
}

export interface ThreadView extends CommentView {
  replies: CommentView[];
}

const THREAD_FIELDS = /* GraphQL */ `
  comments(first: 50, after: $after) {
    edges {
      node {
        ${COMMENT_FIELDS}
        replies {
          ${COMMENT_FIELDS}
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
  viewerCanComment
`;

type Connection = {
  edges: { node: ThreadView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
} | null;

export const CommentThreads = defineOperation<
  { node: { __typename: string; comments?: Connection; viewerCanComment?: boolean } | null },
  { subjectId: string; after: string | null }
>(/* GraphQL */ `
  query CommentThreads($subjectId: ID!, $after: String) {
    node(id: $subjectId) {
      __typename
      ... on ImprovementTarget {
        ${THREAD_FIELDS}
      }
      ... on ImprovementPolicy {
        ${THREAD_FIELDS}
      }
    }
  }
`);

export const AddComment = defineOperation<
  { addComment: { id: string } },
  { input: { subjectId?: string; parentId?: string; body: string; quote?: string } }
>(/* GraphQL */ `
  mutation AddComment($input: AddCommentInput!) {
    addComment(input: $input) {
      id
    }
  }
`);

export const EditComment = defineOperation<{ editComment: { id: string } }, { input: { id: string; body: string } }>(
  /* GraphQL */ `
    mutation EditComment($input: EditCommentInput!) {
      editComment(input: $input) {
        id
      }
    }
  `,
);

export const DeleteComment = defineOperation<{ deleteComment: { id: string } }, { input: { id: string } }>(
  /* GraphQL */ `
    mutation DeleteComment($input: CommentRefInput!) {
      deleteComment(input: $input) {
        id
      }
    }
  `,
);

export const ResolveThread = defineOperation<{ resolveCommentThread: { id: string } }, { input: { id: string } }>(
  /* GraphQL */ `
    mutation ResolveThread($input: CommentRefInput!) {
      resolveCommentThread(input: $input) {
        id
      }
    }
  `,
);

export const ReopenThread = defineOperation<{ reopenCommentThread: { id: string } }, { input: { id: string } }>(
  /* GraphQL */ `
    mutation ReopenThread($input: CommentRefInput!) {
      reopenCommentThread(input: $input) {
        id
      }
    }
  `,
);
