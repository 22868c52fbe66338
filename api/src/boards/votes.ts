// Dot votes: the database is the record (board_vote_round, board_vote), `control.vote` and
// `control.voteResults` in the document show it (docs/boards.md "Dot voting").
//
// CONCERNS:
// - openBoardVote / closeBoardVote change the rounds and dots in one transaction and write the
//   document only after the commit: a transaction that fails leaves the document as it was. A
//   document write that does not happen after a commit (the process died in between) is made
//   good by the next open/close of that board (board.service.ts) and whenever the board is
//   loaded (VoteExtension below), from what the database says.
// - Dots are cast against the open round in the database, under the board row lock, never
//   against what the document says: a document that lags cannot let a dot into a closed vote.
import type { afterLoadDocumentPayload, Extension } from '@hocuspocus/server';
import type { Prisma, PrismaClient } from '@shishin/prisma';
import type * as Y from 'yjs';
import { controlOf, ROOT, type VoteState } from './document.ts';
import { parseDocumentName } from './names.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** What the document should show of the board's vote, from the database. */
export interface VoteShown {
  vote: VoteState;
  voteResults: Record<string, number>;
}

/**
 * The vote the document should show: the open round, else the round the document names (so a
 * close the document missed is shown closed, with its totals). Null: leave the document alone.
 */
export async function voteToShow(db: Db, boardId: string, shownId: string | null): Promise<VoteShown | null> {
  const open = await db.boardVoteRound.findFirst({ where: { boardId, closedAt: null } });
  const round = open ?? (shownId ? await db.boardVoteRound.findFirst({ where: { id: shownId, boardId } }) : null);
  if (!round) return null;
  return {
    vote: { id: round.id, votesPerPerson: round.votesPerPerson, open: round.closedAt === null },
    voteResults: round.closedAt ? ((round.results ?? {}) as Record<string, number>) : {},
  };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether the document shows `shown` already. */
export function showsVote(doc: Y.Doc, shown: VoteShown): boolean {
  const control = controlOf(doc);
  return (
    control.vote?.id === shown.vote.id &&
    control.vote.open === shown.vote.open &&
    control.vote.votesPerPerson === shown.vote.votesPerPerson &&
    sameJson(control.voteResults, shown.voteResults)
  );
}

/** Writes `shown` into `control` (call inside a transaction). */
export function showVote(doc: Y.Doc, shown: VoteShown): void {
  const control = doc.getMap<unknown>(ROOT.control);
  control.set('vote', { ...shown.vote });
  control.set('voteResults', { ...shown.voteResults });
}

/**
 * On every load of a shared board, brings `control.vote` in line with the database: after a
 * restart between a vote's commit and its document write, the board converges on its next load.
 */
export class VoteExtension implements Extension {
  extensionName = 'shishin-votes';

  constructor(private readonly options: { db: PrismaClient; origin: unknown; log: (message: string) => void }) {}

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const name = parseDocumentName(documentName);
    if (name?.kind !== 'shared') return;
    try {
      const shown = await voteToShow(this.options.db, name.boardId, controlOf(document).vote?.id ?? null);
      if (shown && !showsVote(document, shown)) document.transact(() => showVote(document, shown), this.options.origin);
    } catch (error) {
      this.options.log(
        `board votes: could not check the vote: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
