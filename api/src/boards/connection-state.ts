// What the board extensions know about one connection (one socket on one document), shared
// between them: who it is (set by the auth extension, kept in Hocuspocus' connection context)
// and how many document updates it has sent (counted by the guard, acknowledged by persistence).
import type { Connection } from '@hocuspocus/server';
import type { Viewer } from '../auth/viewer.ts';
import type { BoardDocumentName } from './names.ts';

export interface BoardConnectionContext {
  viewer: Viewer;
  document: BoardDocumentName;
  /** May change `control` and `lanes`, and what is locked (canFacilitateBoard). */
  facilitator: boolean;
}

/** The context the auth extension attached, or null for a connection it did not authorise. */
export function boardContext(connection: Connection): BoardConnectionContext | null {
  return (connection.context as { board?: BoardConnectionContext } | undefined)?.board ?? null;
}

const updatesReceived = new WeakMap<Connection, number>();

/** Counts a document update (sync message type 2) received on the connection; returns its number. */
export function countUpdate(connection: Connection): number {
  const n = (updatesReceived.get(connection) ?? 0) + 1;
  updatesReceived.set(connection, n);
  return n;
}

export function updatesCounted(connection: Connection): number {
  return updatesReceived.get(connection) ?? 0;
}
