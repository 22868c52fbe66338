// Writing a board's squashed state when several api instances may hold the same board (issue 7,
// docs/boards.md "Several instances"). persistence-extension.ts decides when; this decides how.
//
// CONCERNS:
// - Appends need no lock: each instance appends only the updates its own clients and services
//   made, and a row is never rewritten. Two instances' appends interleave freely.
// - A squash replaces board.document and deletes rows, so it must not lose what another
//   instance appended or squashed and this one has not received (Redis slow or away). Inside
//   one transaction it locks the board row (FOR NO KEY UPDATE: squashes of one board run one
//   after another, appends are not blocked), folds the stored document and every committed row
//   into the live document, writes that state and deletes exactly the rows it folded.
// - The lock is taken only if free (SKIP LOCKED): a transaction waiting for it would hold a pool
//   connection all the while, and a shutdown's or a Redis resync's squash of every loaded board,
//   while another instance squashes the same boards, took the whole pool (others then failed
//   with "Unable to start a transaction in the given time"). A board locked by another squash
//   (or a vote) answers SQUASH_BUSY at once; the caller squashes again later. Skipping loses
//   nothing: every row stays in the log until a squash that read it commits, and the instance
//   holding the lock is folding the same log. A row
//   that commits after the read — even with a lower seq, since sequence order is not commit
//   order across instances — stays in the log, is loaded with the document (loading reads all
//   of a board's rows) and is folded by the next squash.
// - Folding into the live document also brings this instance what others stored while Redis
//   was away; applying what it already has is a no-op (Yjs updates are idempotent).
//   The stored state is read only when it is not the one this instance wrote last (md5).
// - Private documents have no log: their state is merged with the stored one under a
//   transaction-scoped advisory lock per (board, user), then written.
import { createHash } from 'node:crypto';
import type { PrismaClient } from '@shishin/prisma';
import * as Y from 'yjs';
import { ROOT } from './document.ts';
import { applyStoredState, encodeStoredState } from './stored-state.ts';

const md5 = (data: Uint8Array) => createHash('md5').update(data).digest('hex');

/**
 * The md5 of the board.document this instance last wrote from each live document: when the
 * stored one still has it, nobody else squashed since, and the (large) stored state need not be
 * read and applied again.
 */
const written = new WeakMap<Y.Doc, string>();

/** The board row is locked by another squash (or a vote): nothing was done; try again later. */
export const SQUASH_BUSY = 'busy' as const;

export interface SquashResult {
  /** board_update rows folded and deleted. */
  folded: number;
  /** Bytes of the state written. */
  stateBytes: number;
}

/** Folds the stored state and log of a shared board into `document` and writes it (see CONCERNS). */
export async function squashSharedBoard(
  db: PrismaClient,
  boardId: string,
  document: Y.Doc,
  origin: unknown,
): Promise<SquashResult | typeof SQUASH_BUSY | null> {
  return db
    .$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ hash: string | null; document_seq: bigint }[]>`
      SELECT md5("document") AS "hash", "document_seq" FROM "board" WHERE "id" = ${boardId}::uuid
      FOR NO KEY UPDATE SKIP LOCKED`;
      const board = locked[0];
      if (!board) {
        const exists = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "board" WHERE "id" = ${boardId}::uuid`;
        return exists.length > 0 ? SQUASH_BUSY : null;
      }
      const stored =
        board.hash !== null && board.hash !== written.get(document)
          ? (await tx.board.findUniqueOrThrow({ where: { id: boardId }, select: { document: true } })).document
          : null;
      const rows = await tx.boardUpdate.findMany({
        where: { boardId },
        orderBy: { seq: 'asc' },
        select: { seq: true, update: true },
      });
      document.transact(() => {
        if (stored) applyStoredState(document, stored);
        for (const row of rows) Y.applyUpdate(document, row.update);
      }, origin);
      const state = encodeStoredState(document);
      let seq = board.document_seq;
      for (const row of rows) if (row.seq > seq) seq = row.seq;
      await tx.board.update({ where: { id: boardId }, data: { document: state, documentSeq: seq } });
      if (rows.length > 0) await tx.boardUpdate.deleteMany({ where: { seq: { in: rows.map((row) => row.seq) } } });
      return { folded: rows.length, stateBytes: state.byteLength, hash: md5(state) };
    })
    .then((result) => {
      if (result === null || result === SQUASH_BUSY) return result;
      // Only once committed: a rolled-back write must not make the next squash skip the stored state.
      written.set(document, result.hash);
      return { folded: result.folded, stateBytes: result.stateBytes };
    });
}

/**
 * Merges the stored private document into `document` and writes the result; deletes the row
 * when no note is left (revealed, or never written).
 */
export async function writePrivateBoard(
  db: PrismaClient,
  boardId: string,
  userId: string,
  document: Y.Doc,
  origin: unknown,
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`shishin:board-private:${boardId}:${userId}`}, 0))`;
    const where = { boardId_userId: { boardId, userId } };
    const stored = await tx.boardPrivateDocument.findUnique({ where, select: { document: true } });
    if (stored) applyStoredState(document, stored.document, origin);
    if (document.getMap(ROOT.notes).size === 0) {
      if (stored) await tx.boardPrivateDocument.deleteMany({ where: where.boardId_userId });
      return;
    }
    const state = encodeStoredState(document);
    await tx.boardPrivateDocument.upsert({
      where,
      create: { boardId, userId, document: state },
      update: { document: state },
    });
  });
}
