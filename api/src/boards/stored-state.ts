// How a board's squashed state is stored (board.document, board_private_document.document):
// a Yjs **V2** update behind a 5-byte mark, about a third smaller than V1 for a board of notes
// (V2 encodes keys, clients and clocks column-wise). Rows without the mark are V1 updates —
// what createBoard writes for a new board, and every row written before the V2 format — and are
// read as such. The update log (board_update) and snapshots stay V1 (snapshots are given to
// clients as they are).
import * as Y from 'yjs';

/** A V1 update cannot start with these bytes: they read as 2³²−1 clients. */
export const STATE_V2_MARK: Readonly<Uint8Array> = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f);

export function isStoredV2(bytes: Uint8Array): boolean {
  return bytes.byteLength >= STATE_V2_MARK.byteLength && STATE_V2_MARK.every((b, i) => bytes[i] === b);
}

/** The document's whole state as it is stored. */
export function encodeStoredState(doc: Y.Doc): Uint8Array<ArrayBuffer> {
  const update = Y.encodeStateAsUpdateV2(doc);
  const bytes = new Uint8Array(STATE_V2_MARK.byteLength + update.byteLength);
  bytes.set(STATE_V2_MARK, 0);
  bytes.set(update, STATE_V2_MARK.byteLength);
  return bytes;
}

/** Applies a stored state (V2 with the mark, or V1) to the document. */
export function applyStoredState(doc: Y.Doc, bytes: Uint8Array, origin?: unknown): void {
  if (isStoredV2(bytes)) Y.applyUpdateV2(doc, bytes.subarray(STATE_V2_MARK.byteLength), origin);
  else Y.applyUpdate(doc, bytes, origin);
}
