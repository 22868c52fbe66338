// Workshop boards: types, the list of boards a viewer may read, and the writes that happen
// outside the shared document (create, archive, reveal, votes, snapshots, promotion).
// The board's content is its Yjs document at /boards (docs/boards.md).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../../builder.ts';
import { boardDocumentName, privateDocumentName } from '../../boards/names.ts';
import { BOARDS_PATH } from '../../boards/board-server.ts';
import { GuidelineVersion } from '../guideline/guideline.schema.ts';
import { Committee, Section, Ward } from '../organisation/organisation.schema.ts';
import { Membership, User } from '../user/user.schema.ts';
import {
  canEditBoard,
  canFacilitateBoard,
  canPromotePrincipleDraft,
  canReadBoard,
  readableBoardsWhere,
} from './board.policy.ts';
import {
  addCommitteeMember,
  archiveBoard,
  castBoardVote,
  closeBoardVote,
  createBoard,
  createBoardSnapshot,
  openBoardVote,
  promoteBoardNotes,
  removeCommitteeMember,
  restoreBoardSnapshot,
  revealPrivateNotes,
  viewerVoteStanding,
  withdrawBoardVote,
  type PromoteResult,
  type VoteStanding,
} from './board.service.ts';

export const BoardTemplateEnum = builder.enumType('BoardTemplate', {
  description: 'What a board starts with (its lanes); see docs/boards.md.',
  values: {
    REVISION_WORKSHOP: {
      description: 'Guideline revision workshop: lanes 現状 / 課題 / 方向性 / 改善提案 / 理念案.',
    },
    PROBLEM_LISTING: { description: 'Listing problems: lanes 気づいたこと / 課題 / 優先して取り組む課題.' },
    TARGET_DRAFTING: {
      description:
        'Drafting a section’s targets (needs a section): lanes 関連する基準 / 区の方針 / 現状 / 目標案 / 指標・達成の目安.',
    },
    BLANK: { description: 'No lanes.' },
  },
});

export const Board = builder.prismaNode('Board', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description:
    'A workshop board: sticky notes, clusters, lanes, votes and principle drafts, shared live. Its content is a Yjs document at `socketPath` named `documentName` (docs/boards.md); this type holds what is around it. Readable by its members and, read-only, by the city-wide roles and staff of its ward.',
  authScopes: (board, ctx) => canReadBoard(ctx.viewer, board),
  fields: (t) => ({
    title: t.exposeString('title', { description: 'The board’s title.' }),
    template: t.expose('template', { type: BoardTemplateEnum, description: 'The template it was created from.' }),
    committee: t.relation('committee', {
      nullable: true,
      description: 'The committee or working group whose board it is, if any.',
    }),
    ward: t.relation('ward', { nullable: true, description: 'The ward, for a ward or section board.' }),
    section: t.relation('section', { nullable: true, description: 'The section, for a section board.' }),
    facilitator: t.relation('facilitator', { nullable: true, description: 'Who runs the board’s sessions.' }),
    workshopDate: t.expose('workshopDate', {
      type: 'Date',
      nullable: true,
      description: 'The day of the workshop (records promoted from the board carry it).',
    }),
    archivedAt: t.expose('archivedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was archived; an archived board is read-only for everyone.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      description: 'When its record (not its content) last changed.',
    }),
    socketPath: t.string({
      description: 'Where to connect the Hocuspocus provider (same host and port as /graphql), e.g. "/boards".',
      resolve: () => BOARDS_PATH,
    }),
    documentName: t.string({
      description: 'The Yjs document name to open: `board:<uuid>`.',
      resolve: (board) => boardDocumentName(board.id),
    }),
    privateDocumentName: t.string({
      nullable: true,
      description:
        'Your private writing document, `board:<uuid>:private:<yourUserUuid>` (only you connect to it); null when you may not write on the board.',
      resolve: (board, _args, ctx) =>
        canEditBoard(ctx.viewer, board) ? privateDocumentName(board.id, ctx.viewer.user!.id) : null,
    }),
    viewerCanEdit: t.boolean({
      description: 'Whether you may write on the board (its members, in a browser session, unless archived).',
      resolve: (board, _args, ctx) => canEditBoard(ctx.viewer, board),
    }),
    viewerCanFacilitate: t.boolean({
      description:
        'Whether you run it: change `control` and `lanes`, lock, reveal, open and close votes, take and restore snapshots, promote notes.',
      resolve: (board, _args, ctx) => canFacilitateBoard(ctx.viewer, board),
    }),
    viewerCanPromotePrinciple: t.boolean({
      description:
        'Whether you may promote its principle drafts into a draft guideline version (the policy department, while the board is not archived).',
      resolve: (board, _args, ctx) => canPromotePrincipleDraft(ctx.viewer, board),
    }),
    viewerVote: t.field({
      type: VoteStandingRef,
      nullable: true,
      description: 'Your dots in the board’s open vote; null when no vote is open or you may not vote.',
      resolve: (board, _args, ctx) => (canEditBoard(ctx.viewer, board) ? viewerVoteStanding(ctx, board.id) : null),
    }),
    snapshots: t.relatedConnection('snapshots', {
      cursor: 'id',
      description: 'Named snapshots of the board, newest first (automatic ones at every stage change).',
      query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
    }),
  }),
});

export const BoardSnapshot = builder.prismaNode('BoardSnapshot', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description: 'A named snapshot of a board’s content, taken at a stage change or by the facilitator.',
  authScopes: async (snapshot, ctx) => {
    const board = await ctx.db.board.findUnique({ where: { id: snapshot.boardId } });
    return board !== null && canReadBoard(ctx.viewer, board);
  },
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Its name, e.g. "SHARING → CLUSTERING".' }),
    automatic: t.exposeBoolean('automatic', {
      description: 'True when taken automatically (at a stage change, before a restore).',
    }),
    stage: t.exposeString('stage', { nullable: true, description: 'The stage (`control.stage`) when it was taken.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was taken.' }),
    createdBy: t.relation('createdBy', { nullable: true, description: 'Whose change or request took it.' }),
    board: t.relation('board', { description: 'The board.' }),
    document: t.string({
      description:
        'The content as one Yjs update, base64: apply it to a fresh Y.Doc (Y.applyUpdate) for a read-only view of the board as it was.',
      select: { document: true },
      resolve: (snapshot) => Buffer.from(snapshot.document).toString('base64'),
    }),
  }),
});

const VoteStandingRef = builder.objectRef<VoteStanding>('BoardVoteStanding').implement({
  description: 'Your dots in a board’s open vote. Others’ dots stay hidden until the facilitator closes the vote.',
  authScopes: { signedIn: true },
  fields: (t) => ({
    voteId: t.exposeString('voteId', { description: 'The vote (`control.vote.id`).' }),
    votesPerPerson: t.exposeInt('votesPerPerson', { description: 'How many dots each member has.' }),
    noteIds: t.exposeStringList('noteIds', {
      description: 'The notes you put a dot on, one entry per dot (a note may appear several times).',
    }),
    remaining: t.int({
      description: 'How many dots you have left.',
      resolve: (standing) => Math.max(0, standing.votesPerPerson - standing.noteIds.length),
    }),
  }),
});

const PromotionRef = builder.objectRef<PromoteResult>('BoardPromotion').implement({
  description: 'The record made (or updated) from board notes.',
  authScopes: { signedIn: true },
  fields: (t) => ({
    recordId: t.id({
      description:
        'Global id of the record (fetch it with `node`): a Problem, Proposal, Principle or ImprovementTarget.',
      resolve: (result) => encodeGlobalID(result.typename, result.id),
    }),
    recordType: t.string({
      description: 'The record’s GraphQL type: Problem, Proposal, Principle or ImprovementTarget.',
      resolve: (result) => result.typename,
    }),
    created: t.exposeBoolean('created', {
      description: 'True when a new record was made; false when the notes updated or linked an existing one.',
    }),
    noteIds: t.exposeStringList('noteIds', {
      description: 'The note ids it came from (a principle draft appears as `draft:<id>`), now marked `promoted`.',
    }),
  }),
});

const VoteResultRef = builder.objectRef<{ noteId: string; votes: number }>('BoardVoteResult').implement({
  description: 'The dots one note received.',
  authScopes: { signedIn: true },
  fields: (t) => ({
    noteId: t.exposeString('noteId', { description: 'The note.' }),
    votes: t.exposeInt('votes', { description: 'Its dots.' }),
  }),
});

// ───────────────────────────── reads ─────────────────────────────

builder.queryFields((t) => ({
  boards: t.prismaConnection({
    type: 'Board',
    cursor: 'id',
    description: 'Staff only. The boards you may read, newest first (archived ones only when asked for).',
    authScopes: { staff: true },
    args: {
      committeeId: t.arg.globalID({ for: Committee, description: 'Only boards of this committee.' }),
      wardId: t.arg.globalID({ for: Ward, description: 'Only boards of this ward.' }),
      includeArchived: t.arg.boolean({ description: 'Include archived boards (default false).' }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.board.findMany({
        ...query,
        where: {
          AND: [
            readableBoardsWhere(ctx.viewer),
            args.committeeId ? { committeeId: args.committeeId.id } : {},
            args.wardId ? { wardId: args.wardId.id } : {},
            args.includeArchived ? {} : { archivedAt: null },
          ],
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
}));

// ───────────────────────────── writes ─────────────────────────────

const CreateBoardInput = builder.inputType('CreateBoardInput', {
  description: 'A new board. Give a committee, a ward or a section (a section board is also its ward’s).',
  fields: (t) => ({
    title: t.string({
      required: true,
      description: 'Title (1–200 characters).',
      validate: z.string().trim().min(1).max(200),
    }),
    template: t.field({ type: BoardTemplateEnum, required: true, description: 'What the board starts with.' }),
    committeeId: t.globalID({ for: Committee, description: 'The committee or working group the board is for.' }),
    wardId: t.globalID({ for: Ward, description: 'The ward the board is for.' }),
    sectionId: t.globalID({ for: Section, description: 'The section (required for TARGET_DRAFTING).' }),
    facilitatorId: t.globalID({ for: User, description: 'Who runs it (default: you).' }),
    workshopDate: t.field({ type: 'Date', description: 'The day of the workshop.' }),
  }),
});

const PromoteAsEnum = builder.enumType('BoardPromotionKind', {
  description: 'What board notes become.',
  values: {
    PROBLEM: { description: 'A problem (課題).' },
    PROPOSAL: { description: 'An improvement proposal (改善提案).' },
    PRINCIPLE_DRAFT: { description: 'A principle (理念) of a draft guideline version (policy department only).' },
    TARGET_DRAFT: { description: 'A draft improvement target of a section (that section’s staff only).' },
  },
});

const PromoteBoardNotesInput = builder.inputType('PromoteBoardNotesInput', {
  description:
    'Notes to make a record from: `noteIds`, or every note of `clusterId`, or the principle draft `draftId`. The record’s own rules apply.',
  fields: (t) => ({
    boardId: t.globalID({ for: Board, required: true, description: 'The board.' }),
    noteIds: t.stringList({
      description: 'Note ids (keys of the `notes` map).',
      validate: z.array(z.string()).max(200),
    }),
    clusterId: t.string({ description: 'A cluster id: all of its notes.' }),
    draftId: t.string({ description: 'A principle draft id (key of `drafts`): its title and text.' }),
    as: t.field({ type: PromoteAsEnum, required: true, description: 'What to make.' }),
    title: t.string({
      description: 'Title (default: the draft’s or cluster’s name, else the first note’s first line).',
      validate: z.string().max(200),
    }),
    titleEn: t.string({ description: 'Title in English, if any.', validate: z.string().max(200) }),
    guidelineVersionId: t.globalID({
      for: GuidelineVersion,
      description: 'PRINCIPLE_DRAFT: the draft guideline version.',
    }),
    principleKey: t.string({ description: 'PRINCIPLE_DRAFT: the principle’s stable key (default: the draft’s).' }),
    principleNameEn: t.string({ description: 'PRINCIPLE_DRAFT: the principle’s name in English.' }),
    sectionId: t.globalID({ for: Section, description: 'TARGET_DRAFT: the section (default: the board’s).' }),
    fiscalYear: t.int({ description: 'TARGET_DRAFT: the fiscal year (default: the current one).' }),
  }),
});

const CommitteeRoleEnum = builder.enumType('CommitteeRole', {
  description: 'A role held in a committee.',
  values: {
    COMMITTEE_MEMBER: { description: 'Member.' },
    COMMITTEE_CHAIR: { description: 'Chair.' },
    FACILITATOR: { description: 'Runs its workshops.' },
    DIRECTOR: { description: 'Member of the directors’ meeting.' },
  },
});

builder.mutationFields((t) => {
  const boardId = () => t.arg.globalID({ for: Board, required: true, description: 'The board.' });
  const board = async (id: string, ctx: Parameters<typeof createBoard>[0], query: object) =>
    ctx.db.board.findUniqueOrThrow({ ...query, where: { id } });
  return {
    createBoard: t.prismaField({
      type: 'Board',
      description:
        'Create a board from a template: committee facilitators and chairs, the ward’s coordinator, the policy department.',
      args: { input: t.arg({ type: CreateBoardInput, required: true, description: 'The board.' }) },
      resolve: async (query, _root, { input }, ctx) => {
        const { id } = await createBoard(ctx, {
          title: input.title,
          template: input.template,
          committeeId: input.committeeId?.id ?? null,
          wardId: input.wardId?.id ?? null,
          sectionId: input.sectionId?.id ?? null,
          facilitatorId: input.facilitatorId?.id ?? null,
          workshopDate: input.workshopDate ?? null,
        });
        return board(id, ctx, query);
      },
    }),
    archiveBoard: t.prismaField({
      type: 'Board',
      description: 'Archive a board (read-only from then on, open connections included) or bring it back.',
      args: {
        boardId: boardId(),
        archived: t.arg.boolean({ description: 'False brings an archived board back (default true).' }),
      },
      resolve: async (query, _root, args, ctx) => {
        await archiveBoard(ctx, { boardId: args.boardId.id, archived: args.archived ?? true });
        return board(args.boardId.id, ctx, query);
      },
    }),
    revealPrivateNotes: t.int({
      description:
        'Facilitator. Move every member’s private notes into the shared board at once (without authors while `control.anonymous`); returns how many.',
      args: { boardId: boardId() },
      resolve: async (_root, args, ctx) => (await revealPrivateNotes(ctx, args.boardId.id)).revealed,
    }),
    openBoardVote: t.string({
      description: 'Facilitator. Open a dot vote (`control.vote`); returns its id. Earlier results are cleared.',
      args: {
        boardId: boardId(),
        votesPerPerson: t.arg.int({
          required: true,
          description: 'Dots per member (1–20).',
          validate: z.number().int().min(1).max(20),
        }),
      },
      resolve: async (_root, args, ctx) =>
        (await openBoardVote(ctx, { boardId: args.boardId.id, votesPerPerson: args.votesPerPerson })).voteId,
    }),
    castBoardVote: t.field({
      type: VoteStandingRef,
      description: 'Put one of your dots on a note in the open vote (members; at most `votesPerPerson`).',
      args: { boardId: boardId(), noteId: t.arg.string({ required: true, description: 'The note.' }) },
      resolve: (_root, args, ctx) => castBoardVote(ctx, { boardId: args.boardId.id, noteId: args.noteId }),
    }),
    withdrawBoardVote: t.field({
      type: VoteStandingRef,
      description: 'Take one of your dots off a note in the open vote.',
      args: { boardId: boardId(), noteId: t.arg.string({ required: true, description: 'The note.' }) },
      resolve: (_root, args, ctx) => withdrawBoardVote(ctx, { boardId: args.boardId.id, noteId: args.noteId }),
    }),
    closeBoardVote: t.field({
      type: [VoteResultRef],
      description: 'Facilitator. Close the open vote: totals go into `control.voteResults` for everyone; returns them.',
      args: { boardId: boardId() },
      resolve: async (_root, args, ctx) => {
        const { results } = await closeBoardVote(ctx, args.boardId.id);
        return Object.entries(results)
          .map(([noteId, votes]) => ({ noteId, votes }))
          .sort((a, b) => b.votes - a.votes || a.noteId.localeCompare(b.noteId));
      },
    }),
    createBoardSnapshot: t.prismaField({
      type: 'BoardSnapshot',
      description: 'Facilitator. Take a named snapshot of the board as it is now.',
      args: {
        boardId: boardId(),
        name: t.arg.string({
          required: true,
          description: 'Its name (1–200 characters).',
          validate: z.string().trim().min(1).max(200),
        }),
      },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await createBoardSnapshot(ctx, { boardId: args.boardId.id, name: args.name });
        return ctx.db.boardSnapshot.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    restoreBoardSnapshot: t.prismaField({
      type: 'Board',
      description:
        'Facilitator. Make the board’s content the snapshot’s, as one new change (an automatic snapshot keeps the state before).',
      args: { snapshotId: t.arg.globalID({ for: BoardSnapshot, required: true, description: 'The snapshot.' }) },
      resolve: async (query, _root, args, ctx) => {
        const { boardId: id } = await restoreBoardSnapshot(ctx, args.snapshotId.id);
        return board(id, ctx, query);
      },
    }),
    promoteBoardNotes: t.field({
      type: PromotionRef,
      description:
        'Facilitator (a principle draft: the policy department, `viewerCanPromotePrinciple`). Make a problem, proposal, principle draft or target draft from notes or a principle draft card, through that record’s own rules and audit (origin BOARD, the board, the notes, the workshop date), and mark the notes (and the draft card: `promoted` with the principle’s key and version code) in the document. Promoting notes already promoted to that kind updates or links the existing record; a draft card promoted again to the same version rewrites the same principle. A draft’s rich text becomes the principle text: paragraphs separated by a blank line, bullet lists as “・” lines, ordered lists as “1. ” lines.',
      args: { input: t.arg({ type: PromoteBoardNotesInput, required: true, description: 'What to promote.' }) },
      resolve: (_root, { input }, ctx) =>
        promoteBoardNotes(ctx, {
          boardId: input.boardId.id,
          noteIds: input.noteIds ?? null,
          clusterId: input.clusterId ?? null,
          draftId: input.draftId ?? null,
          as: input.as,
          title: input.title ?? null,
          titleEn: input.titleEn ?? null,
          guidelineVersionId: input.guidelineVersionId?.id ?? null,
          principleKey: input.principleKey ?? null,
          principleNameEn: input.principleNameEn ?? null,
          sectionId: input.sectionId?.id ?? null,
          fiscalYear: input.fiscalYear ?? null,
        }),
    }),
    addCommitteeMember: t.prismaField({
      type: Membership,
      description: 'Policy department. Give a user a role in a committee.',
      args: {
        committeeId: t.arg.globalID({ for: Committee, required: true, description: 'The committee.' }),
        userId: t.arg.globalID({ for: User, required: true, description: 'The user.' }),
        role: t.arg({ type: CommitteeRoleEnum, required: true, description: 'The role.' }),
      },
      resolve: async (query, _root, args, ctx) => {
        const { id } = await addCommitteeMember(ctx, {
          committeeId: args.committeeId.id,
          userId: args.userId.id,
          role: args.role,
        });
        return ctx.db.membership.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    removeCommitteeMember: t.int({
      description:
        'Policy department. Remove every role a user holds in a committee; their open board connections of it close at once. Returns how many roles were removed.',
      args: {
        committeeId: t.arg.globalID({ for: Committee, required: true, description: 'The committee.' }),
        userId: t.arg.globalID({ for: User, required: true, description: 'The user.' }),
      },
      resolve: async (_root, args, ctx) =>
        (await removeCommitteeMember(ctx, { committeeId: args.committeeId.id, userId: args.userId.id })).removed,
    }),
  };
});
