// The fields of a review round, shared by the target page's query and the browser's live
// subscription (reviewRoundChanged), so a round that changes live renders like a loaded one.
export const REVIEW_ROUND_FIELDS = /* GraphQL */ `
  id
  number
  status
  dueDate
  openedAt
  closedAt
  assignedCount
  reviewedCount
  viewerCanReview
  reviewers {
    displayName
    hasReviewed
    decision
  }
  reviews {
    id
    decision
    body
    createdAt
    reviewer {
      displayName
    }
  }
`;

export const REVIEW_ROUND_SUBSCRIPTION = /* GraphQL */ `
  subscription TargetReviewRound($targetId: ID!) {
    reviewRoundChanged(targetId: $targetId) {
      ${REVIEW_ROUND_FIELDS}
    }
  }
`;
