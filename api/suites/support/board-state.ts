// Comparing board documents: a replica's content as plain JSON (derived from
// Y.encodeStateAsUpdate, so every replica and the database are read the same way), its state
// vector, and the document as persisted (board.document + the board's board_update rows,
// exactly as the persistence extension loads it).
import type { PrismaClient } from '@shishin/prisma';
import * as Y from 'yjs';
import { DRAFT_PREFIX, ROOT } from '../../src/boards/document.ts';
import { applyStoredState } from '../../src/boards/stored-state.ts';

export interface BoardContent {
  notes: unknown;
  clusters: unknown;
  connectors: unknown;
  drafts: unknown;
  lanes: unknown;
  control: unknown;
  /** `draft:<id>` bodies as XML strings, by name. */
  bodies: Record<string, string>;
}

export function contentOf(doc: Y.Doc): BoardContent {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const bodies: Record<string, string> = {};
  for (const name of [...copy.share.keys()].sort()) {
    if (name.startsWith(DRAFT_PREFIX)) bodies[name] = copy.getXmlFragment(name).toString();
  }
  const content: BoardContent = {
    notes: copy.getMap(ROOT.notes).toJSON(),
    clusters: copy.getMap(ROOT.clusters).toJSON(),
    connectors: copy.getMap(ROOT.connectors).toJSON(),
    drafts: copy.getMap(ROOT.drafts).toJSON(),
    lanes: copy.getArray(ROOT.lanes).toJSON(),
    control: copy.getMap(ROOT.control).toJSON(),
    bodies,
  };
  copy.destroy();
  return content;
}

/** The state vector as a plain object (client id → clock), independent of encoding order. */
export function stateVectorOf(doc: Y.Doc): Record<string, number> {
  const vector = Y.decodeStateVector(Y.encodeStateVector(doc));
  return Object.fromEntries([...vector.entries()].sort(([a], [b]) => a - b).map(([k, v]) => [String(k), v]));
}

/** Same state vector and delete set (what `Y.equalSnapshots` compares); the cheap test first. */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  const va = a.store.clients;
  const vb = b.store.clients;
  if (va.size !== vb.size) return false;
  for (const [client, structs] of va) {
    const other = vb.get(client);
    if (!other) return false;
    const last = structs[structs.length - 1]!;
    const otherLast = other[other.length - 1]!;
    if (last.id.clock + last.length !== otherLast.id.clock + otherLast.length) return false;
  }
  return Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b));
}

/** The board's document as the database holds it. */
export async function loadPersisted(db: PrismaClient, boardId: string): Promise<Y.Doc> {
  const board = await db.board.findUniqueOrThrow({
    where: { id: boardId },
    select: { document: true, documentSeq: true },
  });
  const updates = await db.boardUpdate.findMany({
    // Every row, not only those after documentSeq: with several instances a row can commit with
    // a lower seq after a squash (src/boards/persistence-lock.ts).
    where: { boardId },
    orderBy: { seq: 'asc' },
    select: { update: true },
  });
  const doc = new Y.Doc();
  doc.transact(() => {
    if (board.document) applyStoredState(doc, board.document);
    for (const { update } of updates) Y.applyUpdate(doc, update);
  });
  return doc;
}
