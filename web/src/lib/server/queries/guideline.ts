// The guideline's versions in full (sections, principles), the list of versions, public
// comments on a version, submitting one, and the policy department's moderation.
import { defineOperation } from '../graphql';

export type GuidelineStatus = 'DRAFT' | 'PUBLIC_COMMENT' | 'PUBLISHED' | 'SUPERSEDED';
export type CommentPeriod = 'NONE' | 'SCHEDULED' | 'OPEN' | 'CLOSED';

export interface GuidelineSectionText {
  id: string;
  number: number;
  kind: string;
  title: string;
  titleEn: string;
  body: string;
  bodyEn: string;
  rationale: string;
  rationaleEn: string;
}

export interface GuidelineVersionSummary {
  id: string;
  code: string;
  title: string;
  titleEn: string;
  status: GuidelineStatus;
  revisedOn: string | null;
  commentPeriod: CommentPeriod;
}

export interface GuidelineVersionText extends GuidelineVersionSummary {
  summary: string;
  summaryEn: string;
  effectiveFiscalYear: number | null;
  commentOpensAt: string | null;
  commentClosesAt: string | null;
  sections: GuidelineSectionText[];
  principles: {
    edges: { node: { key: string; position: number; name: string; nameEn: string; text: string; textEn: string } }[];
  };
  supersededBy: { code: string; title: string; titleEn: string } | null;
}

const VERSION_SUMMARY = /* GraphQL */ `
  id
  code
  title
  titleEn
  status
  revisedOn
  commentPeriod
`;

const VERSION_TEXT = /* GraphQL */ `
  ${VERSION_SUMMARY}
  summary
  summaryEn
  effectiveFiscalYear
  commentOpensAt
  commentClosesAt
  sections {
    id
    number
    kind
    title
    titleEn
    body
    bodyEn
    rationale
    rationaleEn
  }
  principles(first: 20) {
    edges {
      node {
        key
        position
        name
        nameEn
        text
        textEn
      }
    }
  }
  supersededBy {
    code
    title
    titleEn
  }
`;

interface VersionList {
  guidelineVersions: { edges: { node: GuidelineVersionSummary }[] };
}

const VERSION_LIST = /* GraphQL */ `
  guidelineVersions(first: 50) {
    edges {
      node {
        ${VERSION_SUMMARY}
      }
    }
  }
`;

export const CurrentGuidelineText = defineOperation<
  { currentGuideline: GuidelineVersionText | null } & VersionList
>(/* GraphQL */ `
  query CurrentGuidelineText {
    currentGuideline {
      ${VERSION_TEXT}
    }
    ${VERSION_LIST}
  }
`);

export interface PublishedComment {
  id: string;
  body: string;
  response: string | null;
  submittedAt: string;
  section: { id: string; number: number; title: string; titleEn: string } | null;
}

export interface CommentPage<T> {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export const GuidelineVersionPage = defineOperation<
  {
    guidelineVersion: (GuidelineVersionText & { publicComments: CommentPage<PublishedComment> }) | null;
    wards: { edges: { node: { id: string; name: string; nameEn: string } }[] };
  } & VersionList,
  { code: string; after: string | null }
>(/* GraphQL */ `
  query GuidelineVersionPage($code: String!, $after: String) {
    guidelineVersion(code: $code) {
      ${VERSION_TEXT}
      publicComments(first: 50, after: $after, status: PUBLISHED) {
        edges {
          node {
            id
            body
            response
            submittedAt
            section {
              id
              number
              title
              titleEn
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
    wards(first: 100) {
      edges {
        node {
          id
          name
          nameEn
        }
      }
    }
    ${VERSION_LIST}
  }
`);

export const SubmitPublicComment = defineOperation<
  { submitPublicComment: { id: string; submittedAt: string } },
  {
    input: {
      versionId: string;
      guidelineSectionId: string | null;
      body: string;
      name: string | null;
      email: string | null;
      wardId: string | null;
    };
  }
>(/* GraphQL */ `
  mutation SubmitPublicComment($input: SubmitPublicCommentInput!) {
    submitPublicComment(input: $input) {
      id
      submittedAt
    }
  }
`);

export interface ModeratedComment extends PublishedComment {
  status: 'PENDING' | 'PUBLISHED' | 'REJECTED';
  name: string | null;
  email: string | null;
  ward: { name: string; nameEn: string } | null;
  rejectReason: string | null;
  viewerCanModerate: boolean;
  viewerCanRespond: boolean;
}

export const ModerationPage = defineOperation<
  {
    guidelineVersion:
      | (GuidelineVersionSummary & {
          commentOpensAt: string | null;
          commentClosesAt: string | null;
          publicComments: CommentPage<ModeratedComment>;
        })
      | null;
  },
  { code: string; status: 'PENDING' | 'PUBLISHED' | 'REJECTED'; after: string | null }
>(/* GraphQL */ `
  query ModerationPage($code: String!, $status: PublicCommentStatus!, $after: String) {
    guidelineVersion(code: $code) {
      ${VERSION_SUMMARY}
      commentOpensAt
      commentClosesAt
      publicComments(first: 30, after: $after, status: $status) {
        edges {
          node {
            id
            status
            body
            response
            submittedAt
            name
            email
            rejectReason
            viewerCanModerate
            viewerCanRespond
            ward {
              name
              nameEn
            }
            section {
              id
              number
              title
              titleEn
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const ModerationVersions = defineOperation<VersionList>(/* GraphQL */ `
  query ModerationVersions {
    ${VERSION_LIST}
  }
`);

export const CommentSummary = defineOperation<
  { publicCommentSummary: { pending: number; published: number; rejected: number; awaitingResponse: number } },
  { versionId: string }
>(/* GraphQL */ `
  query CommentSummary($versionId: ID!) {
    publicCommentSummary(versionId: $versionId) {
      pending
      published
      rejected
      awaitingResponse
    }
  }
`);

export const ModeratePublicComment = defineOperation<
  { moderatePublicComment: { id: string; status: string } },
  { input: { id: string; decision: 'PUBLISH' | 'REJECT'; reason?: string } }
>(/* GraphQL */ `
  mutation ModeratePublicComment($input: ModeratePublicCommentInput!) {
    moderatePublicComment(input: $input) {
      id
      status
    }
  }
`);

export const RespondToPublicComment = defineOperation<
  { respondToPublicComment: { id: string } },
  { input: { id: string; response: string } }
>(/* GraphQL */ `
  mutation RespondToPublicComment($input: RespondToPublicCommentInput!) {
    respondToPublicComment(input: $input) {
      id
    }
  }
`);
