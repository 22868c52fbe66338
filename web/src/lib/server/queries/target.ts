// One improvement target, as its page shows it. Anyone may read a published target; the
// API answers NOT_FOUND for one the viewer may not read. Comments are loaded separately
// (comments.ts), because the thread is shared with other subjects.
import { REVIEW_ROUND_FIELDS } from '$lib/targets/review-round-fields';
import { defineOperation } from '../graphql';
import type { TargetState } from './staff-home';

type Named = { id: string; name: string; nameEn: string };

export type ReviewDecision = 'APPROVE' | 'COMMENT' | 'REQUEST_CHANGES';
export type AchievementLevel = 'GREATLY_EXCEEDED' | 'EXCEEDED' | 'ACHIEVED' | 'BELOW' | 'GREATLY_BELOW';

export interface ReviewRoundView {
  id: string;
  number: number;
  status: 'OPEN' | 'CLOSED';
  dueDate: string | null;
  openedAt: string;
  closedAt: string | null;
  assignedCount: number;
  reviewedCount: number;
  viewerCanReview: boolean;
  reviewers: { displayName: string; hasReviewed: boolean; decision: ReviewDecision | null }[];
  reviews: {
    id: string;
    decision: ReviewDecision;
    body: string;
    createdAt: string;
    reviewer: { displayName: string };
  }[];
}

export interface TargetView {
  __typename: 'ImprovementTarget';
  id: string;
  title: string;
  description: string;
  state: TargetState;
  fiscalYear: number;
  dueDate: string | null;
  version: number;
  indicatorName: string | null;
  unit: string | null;
  baselineValue: string | null;
  targetValue: string | null;
  milestone: string | null;
  createdAt: string;
  submittedAt: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  section: Named & { ward: Named & { code: string } };
  policy: { id: string; title: string; status: 'DRAFT' | 'PUBLISHED' } | null;
  carriedOverFrom: { id: string; title: string; fiscalYear: number } | null;
  standards: {
    id: string;
    code: string;
    category: 'SOFT' | 'HARD';
    revision: { title: string; titleEn: string; minimumLevel: string; minimumLevelEn: string } | null;
  }[];
  principles: (Named & { position: number })[];
  result: {
    state: 'REPORTED' | 'CONFIRMED' | 'PUBLISHED';
    achievementLevel: AchievementLevel;
    achievementScore: number;
    actualValue: string | null;
    evidence: string;
    lateReason: string | null;
    reportedAt: string;
    confirmedAt: string | null;
    publishedAt: string | null;
  } | null;
  reviewRounds: ReviewRoundView[];
  viewerCanEdit: boolean;
  viewerCanSubmit: boolean;
  viewerCanDecide: boolean;
  viewerCanPublish: boolean;
  viewerCanReportResult: boolean;
  viewerCanConfirmResult: boolean;
  viewerCanPublishResult: boolean;
  viewerCanCarryOver: boolean;
  viewerCanComment: boolean;
}

export interface TargetPageData {
  node: TargetView | { __typename: string } | null;
  fiscalYear: { eraName: string; eraNameEn: string; endsOn: string; isCurrent: boolean };
  /** The year a carried-over target came from (always the one before). */
  previousFiscalYear: { eraName: string; eraNameEn: string };
}

export const TargetPage = defineOperation<
  TargetPageData,
  { id: string; fiscalYear: number; previousYear: number }
>(/* GraphQL */ `
  query TargetPage($id: ID!, $fiscalYear: Int!, $previousYear: Int!) {
    previousFiscalYear: fiscalYear(year: $previousYear) {
      eraName
      eraNameEn
    }
    fiscalYear(year: $fiscalYear) {
      eraName
      eraNameEn
      endsOn
      isCurrent
    }
    node(id: $id) {
      __typename
      ... on ImprovementTarget {
        id
        title
        description
        state
        fiscalYear
        dueDate
        version
        indicatorName
        unit
        baselineValue
        targetValue
        milestone
        createdAt
        submittedAt
        approvedAt
        publishedAt
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
        policy {
          id
          title
          status
        }
        carriedOverFrom {
          id
          title
          fiscalYear
        }
        standards {
          id
          code
          category
          revision(fiscalYear: $fiscalYear) {
            title
            titleEn
            minimumLevel
            minimumLevelEn
          }
        }
        principles {
          id
          name
          nameEn
          position
        }
        result {
          state
          achievementLevel
          achievementScore
          actualValue
          evidence
          lateReason
          reportedAt
          confirmedAt
          publishedAt
        }
        reviewRounds {
          ${REVIEW_ROUND_FIELDS}
        }
        viewerCanEdit
        viewerCanSubmit
        viewerCanDecide
        viewerCanPublish
        viewerCanReportResult
        viewerCanConfirmResult
        viewerCanPublishResult
        viewerCanCarryOver
        viewerCanComment
      }
    }
  }
`);

/** The fiscal year of a target, to ask for its standards' revisions of that year in one go. */
export const TargetYear = defineOperation<{ node: { __typename: string; fiscalYear?: number } | null }, { id: string }>(
  /* GraphQL */ `
    query TargetYear($id: ID!) {
      node(id: $id) {
        __typename
        ... on ImprovementTarget {
          fiscalYear
        }
      }
    }
  `,
);

const ref = (name: string, field: string) => /* GraphQL */ `
  mutation ${name}($input: ImprovementTargetRefInput!) {
    ${field}(input: $input) {
      id
      state
      version
    }
  }
`;

type Moved = { id: string; state: TargetState; version: number };

export const SubmitTarget = defineOperation<
  { submitImprovementTarget: Moved },
  { input: { id: string; expectedVersion: number; dueDate?: string } }
>(/* GraphQL */ `
  mutation SubmitTarget($input: SubmitImprovementTargetInput!) {
    submitImprovementTarget(input: $input) {
      id
      state
      version
    }
  }
`);

export const ApproveTarget = defineOperation<{ approveImprovementTarget: Moved }, { input: { id: string } }>(
  ref('ApproveTarget', 'approveImprovementTarget'),
);
export const PublishTarget = defineOperation<{ publishImprovementTarget: Moved }, { input: { id: string } }>(
  ref('PublishTarget', 'publishImprovementTarget'),
);
export const ConfirmResult = defineOperation<{ confirmTargetResult: Moved }, { input: { id: string } }>(
  ref('ConfirmResult', 'confirmTargetResult'),
);
export const PublishResult = defineOperation<{ publishTargetResult: Moved }, { input: { id: string } }>(
  ref('PublishResult', 'publishTargetResult'),
);
export const CarryOver = defineOperation<{ carryOverImprovementTarget: Moved }, { input: { id: string } }>(
  ref('CarryOver', 'carryOverImprovementTarget'),
);

export const RequestChanges = defineOperation<
  { requestImprovementTargetChanges: Moved },
  { input: { id: string; note?: string } }
>(/* GraphQL */ `
  mutation RequestChanges($input: RequestTargetChangesInput!) {
    requestImprovementTargetChanges(input: $input) {
      id
      state
      version
    }
  }
`);

export const RecordReview = defineOperation<
  { recordReview: { id: string } },
  { input: { roundId: string; decision: ReviewDecision; body?: string } }
>(/* GraphQL */ `
  mutation RecordReview($input: RecordReviewInput!) {
    recordReview(input: $input) {
      id
    }
  }
`);

export const ReportResult = defineOperation<
  { reportTargetResult: Moved },
  {
    input: {
      id: string;
      achievementLevel: AchievementLevel;
      actualValue?: string | null;
      evidence: string;
      lateReason?: string | null;
    };
  }
>(/* GraphQL */ `
  mutation ReportResult($input: ReportTargetResultInput!) {
    reportTargetResult(input: $input) {
      id
      state
      version
    }
  }
`);
