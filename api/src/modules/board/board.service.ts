// Writes around workshop boards: creating and archiving boards, revealing private writing,
// dot votes, snapshots, and promoting notes to formal records. The board's content lives in its
// Yjs document (api/src/boards/); what changes it here goes through `ctx.boards.change`, one
// server transaction, written before the call returns.
import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { BoardTemplate, Prisma } from '@shishin/prisma';
import * as Y from 'yjs';
import { auditSnapshot, recordAudit } from '../../audit.ts';
import {
  clustersOf,
  controlOf,
  draftText,
  initialiseBoard,
  noteView,
  notesOf,
  replaceContent,
  setRect,
  ROOT,
  type NoteView,
  type VoteState,
} from '../../boards/document.ts';
import { boardDocumentName, privateDocumentName } from '../../boards/names.ts';
import { showsVote, showVote, voteToShow } from '../../boards/votes.ts';
import type { Context } from '../../context.ts';
import { AppError, messages, type LocalizedMessage } from '../../errors.ts';
import { fiscalYearOf } from '../fiscal-year/fiscal-year.ts';
import { upsertPrinciple } from '../guideline/guideline.service.ts';
import { createProblemRecord, updateProblemRecord } from '../problem/problem.service.ts';
import { createTarget } from '../target/target.service.ts';
import {
  canArchiveBoard,
  canCreateBoard,
  canEditBoard,
  canFacilitateBoard,
  canReadBoard,
  canManageCommitteeMembers,
  canPromotePrincipleDraft,
} from './board.policy.ts';

type Tx = Prisma.TransactionClient;

const notFound = () => new AppError('NOT_FOUND', messages.notFound);
const forbidden = () => new AppError('FORBIDDEN', messages.forbidden);
const badInput = (message: LocalizedMessage, details?: Record<string, unknown>) =>
  new AppError('BAD_USER_INPUT', message, details);
const invalidState = (message: LocalizedMessage) => new AppError('INVALID_STATE', message);

export const boardMessages = {
  scopeRequired: {
    ja: 'ボードの委員会、区または所属を指定してください。',
    en: 'Give the board a committee, a ward or a section.',
  },
  sectionRequired: {
    ja: '目標づくりのボードには所属の指定が必要です。',
    en: 'A target drafting board needs a section.',
  },
  noOpenVote: { ja: '受付中の投票はありません。', en: 'There is no open vote on this board.' },
  voteOpen: { ja: '投票は既に受付中です。', en: 'A vote is already open.' },
  noVotesLeft: {
    ja: 'この投票で使えるドットはもうありません。',
    en: 'You have used all your dots in this vote.',
  },
  noVoteOnNote: { ja: 'この付箋にあなたのドットはありません。', en: 'You have no dot on this note.' },
  unknownNotes: {
    ja: 'ボードにない付箋が指定されています。',
    en: 'Some of the notes are not on the board.',
  },
  nothingToPromote: {
    ja: '記録にする付箋、クラスター、または理念案を指定してください。',
    en: 'Name the notes, the cluster or the principle draft to make a record from.',
  },
  principleTarget: {
    ja: '理念案には、指針の版と理念のキーの指定が必要です。',
    en: 'A principle draft needs the guideline version and the principle key.',
  },
  principleKey: {
    ja: '理念のキーは英大文字・数字・下線（_）で、英大文字から始めてください（例: CITIZENS_PERSPECTIVE）。',
    en: 'A principle key is capital letters, digits and underscores, starting with a letter (e.g. CITIZENS_PERSPECTIVE).',
  },
  targetSection: {
    ja: '目標案には所属（ボードの所属か、指定した所属）が必要です。',
    en: 'A target draft needs a section (the board’s, or one given).',
  },
  archived: { ja: 'このボードはアーカイブされています。', en: 'This board is archived.' },
  notMember: {
    ja: 'この委員会の役割が見つかりません。',
    en: 'The user holds no role in this committee.',
  },
} satisfies Record<string, LocalizedMessage>;

async function loadBoard(db: Tx | Context['db'], ctx: Context, boardId: string) {
  const board = await db.board.findUnique({ where: { id: boardId } });
  if (!board || !canReadBoard(ctx.viewer, board)) throw notFound();
  return board;
}

/** A board the viewer may promote principle drafts from (the policy department, board not archived). */
async function principleBoard(ctx: Context, boardId: string) {
  const board = await loadBoard(ctx.db, ctx, boardId);
  if (!canPromotePrincipleDraft(ctx.viewer, board))
    throw board.archivedAt ? invalidState(boardMessages.archived) : forbidden();
  return board;
}

async function facilitatedBoard(ctx: Context, boardId: string) {
  const board = await loadBoard(ctx.db, ctx, boardId);
  if (!canFacilitateBoard(ctx.viewer, board))
    throw board.archivedAt ? invalidState(boardMessages.archived) : forbidden();
  return board;
}

// ───────────────────────────── boards ─────────────────────────────

export interface NewBoard {
  title: string;
  template: BoardTemplate;
  committeeId: string | null;
  wardId: string | null;
  sectionId: string | null;
  facilitatorId: string | null;
  workshopDate: Date | null;
}

/** A new board with its template's lanes, facilitated by its creator unless another is named. */
export async function createBoard(ctx: Context, input: NewBoard): Promise<{ id: string }> {
  const board = await ctx.db.$transaction(async (tx) => {
    let wardId = input.wardId;
    if (input.sectionId) {
      const section = await tx.section.findUnique({ where: { id: input.sectionId }, select: { wardId: true } });
      if (!section) throw notFound();
      if (wardId && wardId !== section.wardId) {
        throw badInput({
          ja: '所属は指定した区のものではありません。',
          en: 'The section does not belong to the given ward.',
        });
      }
      wardId = section.wardId;
    } else if (input.template === 'TARGET_DRAFTING') {
      throw badInput(boardMessages.sectionRequired, { field: 'sectionId' });
    }
    if (!input.committeeId && !wardId) throw badInput(boardMessages.scopeRequired, { field: 'committeeId' });
    if (
      input.committeeId &&
      !(await tx.committee.findUnique({ where: { id: input.committeeId }, select: { id: true } }))
    ) {
      throw notFound();
    }
    if (wardId && !(await tx.ward.findUnique({ where: { id: wardId }, select: { id: true } }))) throw notFound();
    if (!canCreateBoard(ctx.viewer, { committeeId: input.committeeId, wardId })) throw forbidden();
    const facilitatorId = input.facilitatorId ?? ctx.viewer.user!.id;
    if (!(await tx.user.findUnique({ where: { id: facilitatorId }, select: { id: true } }))) throw notFound();

    const doc = new Y.Doc();
    initialiseBoard(doc, input.template);
    const created = await tx.board.create({
      data: {
        title: input.title,
        template: input.template,
        committeeId: input.committeeId,
        wardId,
        sectionId: input.sectionId,
        facilitatorId,
        workshopDate: input.workshopDate,
        document: Y.encodeStateAsUpdate(doc) as Uint8Array<ArrayBuffer>,
      },
    });
    doc.destroy();
    const { document: _document, ...row } = created;
    await recordAudit(tx, ctx, {
      action: 'board.create',
      subjectType: 'Board',
      subjectId: created.id,
      after: auditSnapshot(row),
    });
    return created;
  });
  ctx.pubsub.publish('boardChanged', { boardId: board.id, change: 'CREATED' });
  return { id: board.id };
}

/** Archived boards stay readable; nobody writes on them (open connections become read-only). */
export async function archiveBoard(
  ctx: Context,
  input: { boardId: string; archived: boolean },
): Promise<{ id: string }> {
  const board = await loadBoard(ctx.db, ctx, input.boardId);
  if (!canArchiveBoard(ctx.viewer, board)) throw forbidden();
  await ctx.db.$transaction(async (tx) => {
    await tx.board.update({ where: { id: board.id }, data: { archivedAt: input.archived ? ctx.now() : null } });
    await recordAudit(tx, ctx, {
      action: input.archived ? 'board.archive' : 'board.unarchive',
      subjectType: 'Board',
      subjectId: board.id,
      before: { archivedAt: board.archivedAt?.toISOString() ?? null },
    });
  });
  ctx.pubsub.publish('boardChanged', { boardId: board.id, change: input.archived ? 'ARCHIVED' : 'UNARCHIVED' });
  return { id: board.id };
}

// ───────────────────────────── private writing ─────────────────────────────

function copyNote(view: NoteView, anonymous: boolean): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  map.set('text', new Y.Text(view.text));
  setRect(map, view);
  map.set('color', view.color);
  if (view.lane) map.set('lane', view.lane);
  if (view.cluster) map.set('cluster', view.cluster);
  if (!anonymous) {
    if (view.authorId) map.set('authorId', view.authorId);
    if (view.authorName) map.set('authorName', view.authorName);
  }
  map.set('createdAt', view.createdAt ?? new Date().toISOString());
  return map;
}

/**
 * Moves every member's private notes into the shared document in one server transaction
 * (without their authors while the board is anonymous), then deletes them from the private
 * documents, whose rows the persistence extension then deletes. Returns how many notes were
 * revealed.
 *
 * A private document may be live on other instances only, with notes not yet stored: each is
 * read as this instance has it (live, or loaded from the database) merged with every other
 * instance's copy (`elsewhere`), so each note is revealed once whichever instances hold it.
 * Only the notes revealed are deleted from it: one written meanwhile stays private.
 */
export async function revealPrivateNotes(ctx: Context, boardId: string): Promise<{ revealed: number }> {
  const board = await facilitatedBoard(ctx, boardId);
  const shared = boardDocumentName(board.id);
  const prefix = `${shared}:private:`;
  const elsewhere = await ctx.boards.elsewhere(prefix);
  const stored = await ctx.db.boardPrivateDocument.findMany({ where: { boardId: board.id }, select: { userId: true } });
  const names = new Set([
    ...stored.map((row) => privateDocumentName(board.id, row.userId)),
    ...ctx.boards.loaded(prefix),
    ...elsewhere.keys(),
  ]);
  const sources: { name: string; state: Uint8Array; notes: NoteView[] }[] = [];
  for (const name of names) {
    const merged = new Y.Doc();
    try {
      Y.applyUpdate(merged, await ctx.boards.read(name, (doc) => Y.encodeStateAsUpdate(doc)));
      for (const state of elsewhere.get(name) ?? []) Y.applyUpdate(merged, state);
      sources.push({ name, state: Y.encodeStateAsUpdate(merged), notes: notesOf(merged) });
    } finally {
      merged.destroy();
    }
  }
  const gathered = sources.flatMap((source) => source.notes);
  const revealed = await ctx.boards.change(shared, (doc) => {
    const anonymous = controlOf(doc).anonymous;
    const notes = doc.getMap<unknown>(ROOT.notes);
    // Anonymous: a new id too, so the note cannot be tied to what its writer had selected
    // (presence) while writing privately.
    for (const note of gathered) {
      notes.set(anonymous || notes.has(note.id) ? randomUUID() : note.id, copyNote(note, anonymous));
    }
    return gathered.length;
  });
  // Only now that they are in the shared document (and written) are the private copies removed:
  // a failure in between shows a note twice rather than losing it. What other instances held
  // is applied first, so that the deletion reaches their copies too.
  for (const source of sources) {
    await ctx.boards.change(source.name, (doc) => {
      Y.applyUpdate(doc, source.state);
      const notes = doc.getMap<unknown>(ROOT.notes);
      for (const note of source.notes) notes.delete(note.id);
    });
  }
  // The count only: who wrote what is not recorded here either.
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, ctx, {
      action: 'board.reveal_private_notes',
      subjectType: 'Board',
      subjectId: board.id,
      after: { revealed },
    }),
  );
  return { revealed };
}

// ───────────────────────────── dot voting ─────────────────────────────
// The database is the record of a vote (board_vote_round, board_vote); the document shows it,
// written after the commit (boards/votes.ts).

/** Serialises the vote writes of one board (row lock on the board). */
async function lockBoard(tx: Tx, boardId: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM "board" WHERE "id" = ${boardId}::uuid FOR UPDATE`;
}

type ShownVote = VoteState | null;

const shownVote = (ctx: Context, boardId: string): Promise<ShownVote> =>
  ctx.boards.read(boardDocumentName(boardId), (doc) => controlOf(doc).vote);

/**
 * The board's open vote in the database. A vote the document shows open that the database has
 * never heard of was opened before votes were recorded there: it is taken over (when `adopt`,
 * inside the vote transaction).
 */
async function openRound(
  ctx: Context,
  db: Tx,
  boardId: string,
  shown: ShownVote,
  adopt: boolean,
): Promise<{ id: string; votesPerPerson: number } | null> {
  const open = await db.boardVoteRound.findFirst({
    where: { boardId, closedAt: null },
    select: { id: true, votesPerPerson: true },
  });
  if (open) return open;
  if (!shown?.open || (await db.boardVoteRound.findUnique({ where: { id: shown.id }, select: { id: true } }))) {
    return null;
  }
  const legacy = { id: shown.id, votesPerPerson: shown.votesPerPerson };
  if (adopt) await db.boardVoteRound.create({ data: { ...legacy, boardId, openedAt: ctx.now() } });
  return legacy;
}

/** Makes the document show the board's vote as the database has it (after a commit, or to repair). */
async function showVoteInDocument(ctx: Context, boardId: string): Promise<void> {
  const name = boardDocumentName(boardId);
  const shown = await voteToShow(ctx.db, boardId, (await shownVote(ctx, boardId))?.id ?? null);
  if (!shown || (await ctx.boards.read(name, (doc) => showsVote(doc, shown)))) return;
  await ctx.boards.change(name, (doc) => showVote(doc, shown));
}

export async function openBoardVote(
  ctx: Context,
  input: { boardId: string; votesPerPerson: number },
): Promise<{ voteId: string }> {
  const board = await facilitatedBoard(ctx, input.boardId);
  const shown = await shownVote(ctx, board.id);
  const voteId = randomUUID();
  const opened = await ctx.db.$transaction(async (tx) => {
    await lockBoard(tx, board.id);
    if (await openRound(ctx, tx, board.id, shown, true)) return false;
    await tx.boardVoteRound.create({
      data: { id: voteId, boardId: board.id, votesPerPerson: input.votesPerPerson, openedAt: ctx.now() },
    });
    await recordAudit(tx, ctx, {
      action: 'board.open_vote',
      subjectType: 'Board',
      subjectId: board.id,
      after: { voteId, votesPerPerson: input.votesPerPerson },
    });
    return true;
  });
  // Only now, committed, does the document show it; also when a vote was open already (an
  // earlier open whose document write did not happen is shown now).
  await showVoteInDocument(ctx, board.id);
  if (!opened) throw invalidState(boardMessages.voteOpen);
  return { voteId };
}

async function noteIdsOf(ctx: Context, boardId: string) {
  return ctx.boards.read(boardDocumentName(boardId), (doc) => ({
    shown: controlOf(doc).vote,
    noteIds: new Set(doc.getMap(ROOT.notes).keys()),
  }));
}

export interface VoteStanding {
  voteId: string;
  votesPerPerson: number;
  /** The viewer's dots, one entry per dot (a note may have several). */
  noteIds: string[];
}

async function standing(tx: Tx, boardId: string, vote: { id: string; votesPerPerson: number }, userId: string) {
  const dots = await tx.boardVote.findMany({
    where: { boardId, voteId: vote.id, userId },
    orderBy: { createdAt: 'asc' },
    select: { noteId: true },
  });
  return { voteId: vote.id, votesPerPerson: vote.votesPerPerson, noteIds: dots.map((d) => d.noteId) };
}

/** One dot on a note; at most `votesPerPerson` per member. Invisible to others until the vote closes. */
export async function castBoardVote(ctx: Context, input: { boardId: string; noteId: string }): Promise<VoteStanding> {
  const board = await loadBoard(ctx.db, ctx, input.boardId);
  if (!canEditBoard(ctx.viewer, board)) throw forbidden();
  const { shown, noteIds } = await noteIdsOf(ctx, board.id);
  const userId = ctx.viewer.user!.id;
  return ctx.db.$transaction(async (tx) => {
    await lockBoard(tx, board.id);
    // The database's open vote, under the lock: a close committed meanwhile refuses the dot.
    const vote = await openRound(ctx, tx, board.id, shown, true);
    if (!vote) throw invalidState(boardMessages.noOpenVote);
    if (!noteIds.has(input.noteId)) throw badInput(boardMessages.unknownNotes, { field: 'noteId' });
    const used = await tx.boardVote.count({ where: { boardId: board.id, voteId: vote.id, userId } });
    if (used >= vote.votesPerPerson) throw invalidState(boardMessages.noVotesLeft);
    await tx.boardVote.create({ data: { boardId: board.id, voteId: vote.id, userId, noteId: input.noteId } });
    return standing(tx, board.id, vote, userId);
  });
}

export async function withdrawBoardVote(
  ctx: Context,
  input: { boardId: string; noteId: string },
): Promise<VoteStanding> {
  const board = await loadBoard(ctx.db, ctx, input.boardId);
  if (!canEditBoard(ctx.viewer, board)) throw forbidden();
  const { shown } = await noteIdsOf(ctx, board.id);
  const userId = ctx.viewer.user!.id;
  return ctx.db.$transaction(async (tx) => {
    await lockBoard(tx, board.id);
    const vote = await openRound(ctx, tx, board.id, shown, true);
    if (!vote) throw invalidState(boardMessages.noOpenVote);
    const dot = await tx.boardVote.findFirst({
      where: { boardId: board.id, voteId: vote.id, userId, noteId: input.noteId },
      orderBy: { createdAt: 'desc' },
      select: { id: true },
    });
    if (!dot) throw invalidState(boardMessages.noVoteOnNote);
    await tx.boardVote.delete({ where: { id: dot.id } });
    return standing(tx, board.id, vote, userId);
  });
}

/** The viewer's dots in the board's open vote (null when no vote is open). */
export async function viewerVoteStanding(ctx: Context, boardId: string): Promise<VoteStanding | null> {
  if (!ctx.viewer.user) return null;
  const vote = await openRound(ctx, ctx.db, boardId, await shownVote(ctx, boardId), false);
  if (!vote) return null;
  return standing(ctx.db, boardId, vote, ctx.viewer.user.id);
}

/**
 * Closes the vote: in one transaction the totals are recorded with the round and the dots leave
 * the database; then the document shows the totals. Closing again a vote whose document write
 * did not happen shows its totals (and answers them) instead of failing.
 */
export async function closeBoardVote(ctx: Context, boardId: string): Promise<{ results: Record<string, number> }> {
  const board = await facilitatedBoard(ctx, boardId);
  const shown = await shownVote(ctx, board.id);
  const results = await ctx.db.$transaction(async (tx) => {
    await lockBoard(tx, board.id);
    const vote = await openRound(ctx, tx, board.id, shown, true);
    if (!vote) {
      const missed = shown?.open
        ? await tx.boardVoteRound.findFirst({ where: { id: shown.id, boardId: board.id, closedAt: { not: null } } })
        : null;
      if (missed) return (missed.results ?? {}) as Record<string, number>;
      throw invalidState(boardMessages.noOpenVote);
    }
    const totals = await tx.boardVote.groupBy({
      by: ['noteId'],
      where: { boardId: board.id, voteId: vote.id },
      _count: { _all: true },
    });
    const closed = Object.fromEntries(totals.map((t) => [t.noteId, t._count._all]));
    await tx.boardVoteRound.update({ where: { id: vote.id }, data: { closedAt: ctx.now(), results: closed } });
    await tx.boardVote.deleteMany({ where: { boardId: board.id, voteId: vote.id } });
    await recordAudit(tx, ctx, {
      action: 'board.close_vote',
      subjectType: 'Board',
      subjectId: board.id,
      after: { voteId: vote.id, results: closed },
    });
    return closed;
  });
  await showVoteInDocument(ctx, board.id);
  return { results };
}

// ───────────────────────────── snapshots ─────────────────────────────

async function snapshotNow(
  ctx: Context,
  board: { id: string },
  name: string,
  automatic: boolean,
): Promise<{ id: string }> {
  const { state, stage } = await ctx.boards.read(boardDocumentName(board.id), (doc) => ({
    state: Y.encodeStateAsUpdate(doc) as Uint8Array<ArrayBuffer>,
    stage: controlOf(doc).stage,
  }));
  return ctx.db.$transaction(async (tx) => {
    const snapshot = await tx.boardSnapshot.create({
      data: {
        boardId: board.id,
        name,
        automatic,
        stage: stage || null,
        document: state,
        createdById: ctx.viewer.user?.id ?? null,
      },
      select: { id: true },
    });
    await recordAudit(tx, ctx, {
      action: 'board.snapshot',
      subjectType: 'Board',
      subjectId: board.id,
      after: { snapshotId: snapshot.id, name, automatic },
    });
    return snapshot;
  });
}

export async function createBoardSnapshot(
  ctx: Context,
  input: { boardId: string; name: string },
): Promise<{ id: string }> {
  const board = await facilitatedBoard(ctx, input.boardId);
  return snapshotNow(ctx, board, input.name, false);
}

/**
 * Replaces the board's content with the snapshot's as one new change (so the state before it
 * stays in the document's history), after an automatic snapshot of the state before.
 */
export async function restoreBoardSnapshot(ctx: Context, snapshotId: string): Promise<{ boardId: string }> {
  const snapshot = await ctx.db.boardSnapshot.findUnique({ where: { id: snapshotId } });
  if (!snapshot) throw notFound();
  const board = await facilitatedBoard(ctx, snapshot.boardId);
  await snapshotNow(ctx, board, `復元前 / Before restoring “${snapshot.name}”`, true);
  const source = new Y.Doc();
  Y.applyUpdate(source, snapshot.document);
  try {
    await ctx.boards.change(boardDocumentName(board.id), (doc) => replaceContent(doc, source));
  } finally {
    source.destroy();
  }
  // The snapshot's `control.vote` is history: the document shows the vote the database has.
  await showVoteInDocument(ctx, board.id);
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, ctx, {
      action: 'board.restore_snapshot',
      subjectType: 'Board',
      subjectId: board.id,
      after: { snapshotId, name: snapshot.name },
    }),
  );
  return { boardId: board.id };
}

// ───────────────────────────── promotion ─────────────────────────────

export type PromoteAs = 'PROBLEM' | 'PROPOSAL' | 'PRINCIPLE_DRAFT' | 'TARGET_DRAFT';

export interface PromoteInput {
  boardId: string;
  noteIds: string[] | null;
  clusterId: string | null;
  draftId: string | null;
  as: PromoteAs;
  title: string | null;
  titleEn: string | null;
  /** PRINCIPLE_DRAFT: the draft guideline version and the principle's key. */
  guidelineVersionId: string | null;
  principleKey: string | null;
  principleNameEn: string | null;
  /** TARGET_DRAFT: the section (default: the board's) and fiscal year (default: the current one). */
  sectionId: string | null;
  fiscalYear: number | null;
}

export interface PromoteResult {
  typename: 'Problem' | 'Proposal' | 'Principle' | 'ImprovementTarget';
  id: string;
  created: boolean;
  noteIds: string[];
}

const TYPENAME: Record<PromoteAs, PromoteResult['typename']> = {
  PROBLEM: 'Problem',
  PROPOSAL: 'Proposal',
  PRINCIPLE_DRAFT: 'Principle',
  TARGET_DRAFT: 'ImprovementTarget',
};

/** Principle keys as the seed writes them (CITIZENS_PERSPECTIVE): they follow a principle across versions. */
const PRINCIPLE_KEY = /^[A-Z][A-Z0-9_]{0,63}$/;

function firstLine(text: string, max = 80): string {
  const line =
    text
      .split('\n')
      .find((l) => l.trim())
      ?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Makes a formal record from notes (or a cluster's notes, or a principle draft) through the
 * record's own service — its rules, its audit — with origin BOARD, the board and the notes,
 * then marks the notes `promoted` in the document. Notes already promoted to a record of that
 * kind update or link that record: nothing is created twice.
 */
export async function promoteBoardNotes(ctx: Context, input: PromoteInput): Promise<PromoteResult> {
  const board =
    input.as === 'PRINCIPLE_DRAFT'
      ? await principleBoard(ctx, input.boardId)
      : await facilitatedBoard(ctx, input.boardId);
  const source = await ctx.boards.read(boardDocumentName(board.id), (doc) => {
    const notes = doc.getMap<unknown>(ROOT.notes);
    const cluster = input.clusterId ? clustersOf(doc).find((c) => c.id === input.clusterId) : undefined;
    const ids = input.clusterId
      ? notesOf(doc)
          .filter((n) => n.cluster === input.clusterId)
          .map((n) => n.id)
      : (input.noteIds ?? []);
    const views = ids.map((id) => {
      const value = notes.get(id);
      return value instanceof Y.Map ? noteView(id, value) : null;
    });
    const draft = input.draftId ? doc.getMap<unknown>(ROOT.drafts).get(input.draftId) : undefined;
    return {
      clusterFound: !input.clusterId || cluster !== undefined,
      clusterName: cluster?.name ?? null,
      notes: views,
      draft:
        draft instanceof Y.Map
          ? {
              title: String(draft.get('title')?.toString() ?? ''),
              principleKey:
                typeof draft.get('principleKey') === 'string' ? (draft.get('principleKey') as string) : null,
              text: draftText(doc, input.draftId!),
            }
          : null,
    };
  });
  if (!source.clusterFound || source.notes.some((n) => n === null) || (input.draftId && !source.draft)) {
    throw badInput(boardMessages.unknownNotes, { field: 'noteIds' });
  }
  const notes = source.notes as NoteView[];
  if (notes.length === 0 && !source.draft) throw badInput(boardMessages.nothingToPromote);
  const noteIds = [...notes.map((n) => n.id), ...(input.draftId ? [`draft:${input.draftId}`] : [])];
  const body = source.draft ? source.draft.text : notes.map((n) => n.text.trim()).join('\n');
  const title =
    input.title?.trim() ||
    source.draft?.title.trim() ||
    source.clusterName?.trim() ||
    firstLine(notes[0]?.text ?? body);
  const origin = { boardId: board.id, noteIds };
  const typename = TYPENAME[input.as];

  let result: { id: string; created: boolean };
  let principle: { key: string; versionCode: string } | null = null;
  if (input.as === 'PROBLEM' || input.as === 'PROPOSAL') {
    const kind = input.as === 'PROBLEM' ? 'Problem' : 'Proposal';
    const where = { originBoardId: board.id, originNoteIds: { hasSome: noteIds } };
    const existing =
      kind === 'Problem'
        ? await ctx.db.problem.findFirst({ where, select: { id: true } })
        : await ctx.db.proposal.findFirst({ where, select: { id: true } });
    result = existing
      ? { ...(await updateProblemRecord(ctx, kind, existing.id, { title, body, origin })), created: false }
      : {
          ...(await createProblemRecord(ctx, kind, {
            title,
            ...(input.titleEn ? { titleEn: input.titleEn } : {}),
            body,
            wardId: board.wardId,
            sectionId: board.sectionId,
            workshopDate: board.workshopDate,
            origin,
          })),
          created: true,
        };
  } else if (input.as === 'PRINCIPLE_DRAFT') {
    if (!input.guidelineVersionId) throw badInput(boardMessages.principleTarget, { field: 'guidelineVersionId' });
    // The principle this draft already became in that version keeps its key: promoting again
    // updates it, whatever key is given now.
    const previous = input.draftId
      ? await ctx.db.principle.findFirst({
          where: {
            versionId: input.guidelineVersionId,
            originBoardId: board.id,
            originNoteIds: { has: `draft:${input.draftId}` },
          },
          select: { key: true },
        })
      : null;
    const key = previous?.key ?? input.principleKey?.trim() ?? source.draft?.principleKey ?? null;
    if (!key) throw badInput(boardMessages.principleTarget, { field: 'principleKey' });
    if (!PRINCIPLE_KEY.test(key)) throw badInput(boardMessages.principleKey, { field: 'principleKey' });
    const existed = await ctx.db.principle.findUnique({
      where: { versionId_key: { versionId: input.guidelineVersionId, key } },
      select: { id: true, nameEn: true, textEn: true },
    });
    const done = await upsertPrinciple(ctx, {
      versionId: input.guidelineVersionId,
      key,
      text: {
        name: title,
        nameEn: input.principleNameEn ?? input.titleEn ?? existed?.nameEn ?? '',
        text: body,
        // The board drafts in Japanese; an English text written elsewhere is kept.
        textEn: existed?.textEn ?? '',
      },
      origin,
    });
    const version = await ctx.db.guidelineVersion.findUniqueOrThrow({
      where: { id: input.guidelineVersionId },
      select: { code: true },
    });
    result = { id: done.id, created: !existed };
    principle = { key, versionCode: version.code };
  } else {
    const sectionId = input.sectionId ?? board.sectionId;
    if (!sectionId) throw badInput(boardMessages.targetSection, { field: 'sectionId' });
    const existing = await ctx.db.improvementTarget.findFirst({
      where: { originBoardId: board.id, originNoteIds: { hasSome: noteIds } },
    });
    if (existing) {
      result = { id: await linkTarget(ctx, existing, noteIds), created: false };
    } else {
      const done = await createTarget(ctx, {
        sectionId,
        fiscalYear: input.fiscalYear ?? fiscalYearOf(ctx.now()),
        title,
        description: body,
        standardIds: [],
        principleIds: [],
        indicatorName: null,
        unit: null,
        baselineValue: null,
        targetValue: null,
        // A board's target draft has no numbers yet: its text is the milestone until the section sets them.
        milestone: body || title,
        dueDate: null,
        origin,
      });
      result = { id: done.id, created: true };
    }
  }

  const marker = { type: typename, id: encodeGlobalID(typename, result.id), at: ctx.now().toISOString() };
  await ctx.boards.change(boardDocumentName(board.id), (doc) => {
    const map = doc.getMap<unknown>(ROOT.notes);
    for (const note of notes) {
      const value = map.get(note.id);
      if (value instanceof Y.Map) value.set('promoted', marker);
    }
    const draft = input.draftId ? doc.getMap<unknown>(ROOT.drafts).get(input.draftId) : undefined;
    if (draft instanceof Y.Map) {
      draft.set('promoted', principle ? { ...marker, ...principle } : marker);
      if (principle) draft.set('principleKey', principle.key);
    }
  });
  return { typename, id: result.id, created: result.created, noteIds };
}

/** More notes for a target already drafted from this board: a link, audited like any write. */
async function linkTarget(ctx: Context, target: { id: string; originNoteIds: string[] }, noteIds: string[]) {
  return ctx.db.$transaction(async (tx) => {
    const originNoteIds = [...new Set([...target.originNoteIds, ...noteIds])];
    await tx.improvementTarget.update({ where: { id: target.id }, data: { originNoteIds } });
    await recordAudit(tx, ctx, {
      action: 'target.link_board_notes',
      subjectType: 'ImprovementTarget',
      subjectId: target.id,
      before: { originNoteIds: target.originNoteIds },
      after: { originNoteIds },
    });
    return target.id;
  });
}

// ───────────────────────────── committee membership ─────────────────────────────

/** Gives a user a role in a committee (policy department). Their open board connections are re-checked. */
export async function addCommitteeMember(
  ctx: Context,
  input: {
    committeeId: string;
    userId: string;
    role: 'COMMITTEE_MEMBER' | 'COMMITTEE_CHAIR' | 'FACILITATOR' | 'DIRECTOR';
  },
): Promise<{ id: string }> {
  if (!canManageCommitteeMembers(ctx.viewer)) throw forbidden();
  const membership = await ctx.db.$transaction(async (tx) => {
    const committee = await tx.committee.findUnique({ where: { id: input.committeeId }, select: { id: true } });
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!committee || !user) throw notFound();
    const existing = await tx.membership.findFirst({
      where: { committeeId: input.committeeId, userId: input.userId, role: input.role },
    });
    if (existing) return existing;
    const created = await tx.membership.create({
      data: { committeeId: input.committeeId, userId: input.userId, role: input.role },
    });
    await recordAudit(tx, ctx, {
      action: 'committee.add_member',
      subjectType: 'Committee',
      subjectId: input.committeeId,
      after: auditSnapshot(created),
    });
    return created;
  });
  ctx.pubsub.publish('committeeMembershipChanged', {
    committeeId: input.committeeId,
    userId: input.userId,
    change: 'ADDED',
  });
  return { id: membership.id };
}

/** Removes every role a user holds in a committee (policy department); they lose its boards at once. */
export async function removeCommitteeMember(
  ctx: Context,
  input: { committeeId: string; userId: string },
): Promise<{ removed: number }> {
  if (!canManageCommitteeMembers(ctx.viewer)) throw forbidden();
  const removed = await ctx.db.$transaction(async (tx) => {
    const memberships = await tx.membership.findMany({
      where: { committeeId: input.committeeId, userId: input.userId },
    });
    if (memberships.length === 0) throw new AppError('NOT_FOUND', boardMessages.notMember);
    await tx.membership.deleteMany({ where: { id: { in: memberships.map((m) => m.id) } } });
    await recordAudit(tx, ctx, {
      action: 'committee.remove_member',
      subjectType: 'Committee',
      subjectId: input.committeeId,
      before: auditSnapshot({ memberships }),
    });
    return memberships.length;
  });
  ctx.pubsub.publish('committeeMembershipChanged', {
    committeeId: input.committeeId,
    userId: input.userId,
    change: 'REMOVED',
  });
  return { removed };
}
