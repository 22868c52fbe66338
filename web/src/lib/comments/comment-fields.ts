// The fields of a comment, shared by the server's query and the browser's subscription so a
// comment that arrives live looks exactly like one the page loaded.
export const COMMENT_FIELDS = /* GraphQL */ `
  id
  body
  quote
  isDeleted
  createdAt
  editedAt
  resolvedAt
  author {
    id
    displayName
  }
  resolvedBy {
    displayName
  }
  parent {
    id
  }
  viewerCanEdit
  viewerCanResolve
`;

export const COMMENT_EVENTS_SUBSCRIPTION = /* GraphQL */ `
  subscription CommentEvents($subjectId: ID!) {
    commentEvents(subjectId: $subjectId) {
      change
      comment {
        ${COMMENT_FIELDS}
      }
    }
  }
`;
