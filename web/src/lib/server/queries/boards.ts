// Workshop boards (docs/boards.md): the list, creating one from a template, one board's facts
// for its page, and the GraphQL half of a session — votes, reveal, snapshots, promotion. The
// board's content itself travels over the /boards socket, never through these.
import { defineOperation } from '../graphql';

export type BoardTemplate = 'REVISION_WORKSHOP' | 'PROBLEM_LISTING' | 'TARGET_DRAFTING' | 'BLANK';
export const BOARD_TEMPLATES: readonly BoardTemplate[] = [
  'REVISION_WORKSHOP',
  'PROBLEM_LISTING',
  'TARGET_DRAFTING',
  'BLANK',
];
export type PromotionKind = 'PROBLEM' | 'PROPOSAL' | 'PRINCIPLE_DRAFT' | 'TARGET_DRAFT';
export const PROMOTION_KINDS: readonly PromotionKind[] = ['PROBLEM', 'PROPOSAL', 'PRINCIPLE_DRAFT', 'TARGET_DRAFT'];

interface Named {
  id: string;
  name: string;
  nameEn: string;
}

export interface BoardSummary {
  id: string;
  title: string;
  template: BoardTemplate;
  documentName: string;
  workshopDate: string | null;
  createdAt: string;
  archivedAt: string | null;
  viewerCanEdit: boolean;
  viewerCanFacilitate: boolean;
  committee: Named | null;
  ward: Named | null;
  section: Named | null;
  facilitator: { displayName: string } | null;
}

const SUMMARY = /* GraphQL */ `
  id
  title
  template
  documentName
  workshopDate
  createdAt
  archivedAt
  viewerCanEdit
  viewerCanFacilitate
  committee {
    id
    name
    nameEn
  }
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
  facilitator {
    displayName
  }
`;

export const BoardList = defineOperation<
  {
    boards: {
      edges: { node: BoardSummary }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
    committees: { edges: { node: Named & { kind: string } }[] };
    wards: { edges: { node: Named & { code: string } }[] };
  },
  { after: string | null; committeeId: string | null; wardId: string | null }
>(/* GraphQL */ `
  query BoardList($after: String, $committeeId: ID, $wardId: ID) {
    boards(first: 20, after: $after, committeeId: $committeeId, wardId: $wardId) {
      edges {
        node {
          ${SUMMARY}
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    committees(first: 50) {
      edges {
        node {
          id
          name
          nameEn
          kind
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

export const CreateBoard = defineOperation<
  { createBoard: { id: string; documentName: string } },
  {
    input: {
      title: string;
      template: BoardTemplate;
      committeeId?: string;
      wardId?: string;
      workshopDate?: string;
    };
  }
>(/* GraphQL */ `
  mutation CreateBoard($input: CreateBoardInput!) {
    createBoard(input: $input) {
      id
      documentName
    }
  }
`);

export interface BoardSnapshotItem {
  id: string;
  name: string;
  stage: string | null;
  automatic: boolean;
  createdAt: string;
  createdBy: { displayName: string } | null;
}

export interface BoardDetail extends BoardSummary {
  socketPath: string;
  /** The policy department may turn principle drafts into a draft guideline version. */
  viewerCanPromotePrinciple: boolean;
  privateDocumentName: string | null;
  viewerVote: { voteId: string; votesPerPerson: number; remaining: number; noteIds: string[] } | null;
  snapshots: { edges: { node: BoardSnapshotItem }[] };
}

export const BoardPage = defineOperation<
  { node: (BoardDetail & { __typename: string }) | null },
  { id: string }
>(/* GraphQL */ `
  query BoardPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on Board {
        ${SUMMARY}
        socketPath
        viewerCanPromotePrinciple
        privateDocumentName
        viewerVote {
          voteId
          votesPerPerson
          remaining
          noteIds
        }
        snapshots(first: 30) {
          edges {
            node {
              id
              name
              stage
              automatic
              createdAt
              createdBy {
                displayName
              }
            }
          }
        }
      }
    }
  }
`);

export const BoardSnapshotPage = defineOperation<
  {
    node: (BoardSnapshotItem & { __typename: string; document: string; board: { id: string; title: string } }) | null;
  },
  { id: string }
>(/* GraphQL */ `
  query BoardSnapshotPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on BoardSnapshot {
        id
        name
        stage
        automatic
        createdAt
        document
        createdBy {
          displayName
        }
        board {
          id
          title
        }
      }
    }
  }
`);

export interface VoteStanding {
  voteId: string;
  votesPerPerson: number;
  remaining: number;
  noteIds: string[];
}

export const CastBoardVote = defineOperation<{ castBoardVote: VoteStanding }, { boardId: string; noteId: string }>(
  /* GraphQL */ `
    mutation CastBoardVote($boardId: ID!, $noteId: String!) {
      castBoardVote(boardId: $boardId, noteId: $noteId) {
        voteId
        votesPerPerson
        remaining
        noteIds
      }
    }
  `,
);

export const WithdrawBoardVote = defineOperation<
  { withdrawBoardVote: VoteStanding },
  { boardId: string; noteId: string }
>(/* GraphQL */ `
  mutation WithdrawBoardVote($boardId: ID!, $noteId: String!) {
    withdrawBoardVote(boardId: $boardId, noteId: $noteId) {
      voteId
      votesPerPerson
      remaining
      noteIds
    }
  }
`);

export const OpenBoardVote = defineOperation<{ openBoardVote: string }, { boardId: string; votesPerPerson: number }>(
  /* GraphQL */ `
    mutation OpenBoardVote($boardId: ID!, $votesPerPerson: Int!) {
      openBoardVote(boardId: $boardId, votesPerPerson: $votesPerPerson)
    }
  `,
);

export const CloseBoardVote = defineOperation<
  { closeBoardVote: { noteId: string; votes: number }[] },
  { boardId: string }
>(/* GraphQL */ `
  mutation CloseBoardVote($boardId: ID!) {
    closeBoardVote(boardId: $boardId) {
      noteId
      votes
    }
  }
`);

export const RevealPrivateNotes = defineOperation<{ revealPrivateNotes: number }, { boardId: string }>(/* GraphQL */ `
  mutation RevealPrivateNotes($boardId: ID!) {
    revealPrivateNotes(boardId: $boardId)
  }
`);

export const CreateBoardSnapshot = defineOperation<
  { createBoardSnapshot: { id: string } },
  { boardId: string; name: string }
>(/* GraphQL */ `
  mutation CreateBoardSnapshot($boardId: ID!, $name: String!) {
    createBoardSnapshot(boardId: $boardId, name: $name) {
      id
    }
  }
`);

export const RestoreBoardSnapshot = defineOperation<{ restoreBoardSnapshot: { id: string } }, { snapshotId: string }>(
  /* GraphQL */ `
    mutation RestoreBoardSnapshot($snapshotId: ID!) {
      restoreBoardSnapshot(snapshotId: $snapshotId) {
        id
      }
    }
  `,
);

export const PromoteBoardNotes = defineOperation<
  { promoteBoardNotes: { recordId: string; recordType: string; created: boolean; noteIds: string[] } },
  {
    input: {
      boardId: string;
      as: PromotionKind;
      noteIds?: string[];
      clusterId?: string;
      draftId?: string;
      title?: string;
      guidelineVersionId?: string;
      principleKey?: string;
      principleNameEn?: string;
    };
  }
>(/* GraphQL */ `
  mutation PromoteBoardNotes($input: PromoteBoardNotesInput!) {
    promoteBoardNotes(input: $input) {
      recordId
      recordType
      created
      noteIds
    }
  }
`);

export interface GuidelineVersionChoice {
  id: string;
  code: string;
  title: string;
  titleEn: string;
  status: string;
}

/** The guideline versions a principle draft may go into: drafts (the page keeps those only). */
export const GuidelineVersionChoices = defineOperation<
  { guidelineVersions: { edges: { node: GuidelineVersionChoice }[] } },
  Record<string, never>
>(/* GraphQL */ `
  query GuidelineVersionChoices {
    guidelineVersions(first: 30) {
      edges {
        node {
          id
          code
          title
          titleEn
          status
        }
      }
    }
  }
`);

/** Relay global id of a board from its uuid (the id in the page's address and export URLs). */
export function boardGlobalId(uuid: string): string {
  return Buffer.from(`Board:${uuid}`).toString('base64');
}

/** The uuid in `board:<uuid>`. */
export function boardUuid(documentName: string): string {
  return documentName.slice('board:'.length);
}
