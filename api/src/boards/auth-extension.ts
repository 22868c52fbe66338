// Authentication and permission on the board socket: the same session cookie (or, read-only,
// the same API token), the same Viewer and the same policy functions as GraphQL
// (modules/board/board.policy.ts). Nobody else connects, and a membership that ends closes that
// user's board connections at once.
import type { Connection, Extension, Hocuspocus, onAuthenticatePayload } from '@hocuspocus/server';
import type { PrismaClient } from '@shishin/prisma';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { authenticate, viewerForUser, type SessionSettings } from '../auth/authenticate.ts';
import type { Viewer } from '../auth/viewer.ts';
import {
  canEditBoard,
  canFacilitateBoard,
  canReadBoard,
  type BoardAccessFacts,
} from '../modules/board/board.policy.ts';
import type { PubSub } from '../pubsub.ts';
import { boardContext, type BoardConnectionContext } from './connection-state.ts';
import { parseDocumentName } from './names.ts';

export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;

const BOARD_FACTS = {
  committeeId: true,
  wardId: true,
  sectionId: true,
  facilitatorId: true,
  archivedAt: true,
} as const;

export interface AuthExtensionOptions {
  db: PrismaClient;
  pubsub: PubSub;
  now: () => Date;
  sessionSettings: SessionSettings;
  instance: () => Hocuspocus;
  /** The socket a handshake request was upgraded to (to close it when refused). */
  socketOf: (request: IncomingMessage) => WebSocket | undefined;
  log: (message: string) => void;
}

/** Thrown to Hocuspocus: it answers the client with permission-denied and this reason. */
class Refusal extends Error {
  constructor(readonly reason: 'unauthenticated' | 'forbidden') {
    super(reason);
  }
}

export class AuthExtension implements Extension {
  extensionName = 'shishin-auth';
  priority = 1000;
  private readonly listening = new AbortController();

  constructor(private readonly options: AuthExtensionOptions) {
    void this.followMemberships();
  }

  async onAuthenticate(payload: onAuthenticatePayload): Promise<{ board: BoardConnectionContext }> {
    const { db, now, sessionSettings } = this.options;
    const name = parseDocumentName(payload.documentName);
    let viewer: Viewer;
    try {
      // A bearer token (sent as the provider's `token`) is read-only; otherwise the cookie.
      const token = payload.token?.trim();
      viewer = (
        await authenticate(
          db,
          {
            cookieHeader: payload.requestHeaders.cookie,
            authorizationHeader: token ? (token.startsWith('Bearer ') ? token : `Bearer ${token}`) : undefined,
            now: now(),
          },
          sessionSettings,
        )
      ).viewer;
    } catch {
      return this.refuse(payload.request, 'unauthenticated');
    }
    if (!viewer.isSignedIn) return this.refuse(payload.request, 'unauthenticated');
    if (!name) return this.refuse(payload.request, 'forbidden');
    const board = await db.board.findUnique({ where: { id: name.boardId }, select: BOARD_FACTS });
    if (!board || !canReadBoard(viewer, board)) return this.refuse(payload.request, 'forbidden');
    if (name.kind === 'private') {
      // Only its writer ever connects to a private document, and only while they may write.
      if (viewer.user!.id !== name.userId || !canEditBoard(viewer, board))
        return this.refuse(payload.request, 'forbidden');
    }
    payload.connectionConfig.readOnly = !canEditBoard(viewer, board);
    return { board: { viewer, document: name, facilitator: canFacilitateBoard(viewer, board) } };
  }

  /**
   * Refuses the document; the socket itself is closed (4401/4403) unless it carries other
   * documents this viewer may see (a provider may share one socket between documents).
   */
  private refuse(request: IncomingMessage, reason: Refusal['reason']): never {
    const ws = this.options.socketOf(request);
    if (ws) {
      setTimeout(() => {
        if (!this.socketHasDocuments(ws))
          ws.close(reason === 'unauthenticated' ? CLOSE_UNAUTHENTICATED : CLOSE_FORBIDDEN, reason);
      }, 0);
    }
    throw new Refusal(reason);
  }

  private socketHasDocuments(ws: WebSocket): boolean {
    for (const document of this.options.instance().documents.values())
      if (document.connections.has(ws as never)) return true;
    return false;
  }

  /** Every board connection of a user (for closing them or making them read-only). */
  private connectionsOf(userId: string): Connection[] {
    const found: Connection[] = [];
    for (const document of this.options.instance().documents.values()) {
      for (const { connection } of document.connections.values()) {
        if (boardContext(connection)?.viewer.user?.id === userId) found.push(connection);
      }
    }
    return found;
  }

  /**
   * Re-checks a user's open board connections against their memberships as they are now:
   * a connection they may no longer read is closed (4403), one they may no longer write on
   * becomes read-only, a facilitator who is no longer one loses the facilitator's rights.
   */
  async recheckUser(userId: string): Promise<void> {
    const connections = this.connectionsOf(userId);
    if (connections.length === 0) return;
    const viewer = await viewerForUser(this.options.db, userId);
    for (const connection of connections) {
      const context = boardContext(connection)!;
      const board = await this.options.db.board.findUnique({
        where: { id: context.document.boardId },
        select: BOARD_FACTS,
      });
      // The session's credential kind is kept: viewerForUser answers for a session.
      const allowed = viewer && board ? this.access(viewer, board, context) : 'none';
      if (allowed === 'none') {
        connection.webSocket.close(CLOSE_FORBIDDEN, 'membership ended');
        continue;
      }
      connection.readOnly = allowed === 'read';
      context.viewer = viewer!;
      context.facilitator = canFacilitateBoard(viewer!, board!);
    }
  }

  async recheckBoard(boardId: string): Promise<void> {
    const users = new Set<string>();
    for (const document of this.options.instance().documents.values()) {
      for (const { connection } of document.connections.values()) {
        const context = boardContext(connection);
        if (context?.document.boardId === boardId && context.viewer.user) users.add(context.viewer.user.id);
      }
    }
    for (const userId of users) await this.recheckUser(userId);
  }

  private access(viewer: Viewer, board: BoardAccessFacts, context: BoardConnectionContext): 'none' | 'read' | 'write' {
    if (context.viewer.isToken) return canReadBoard(context.viewer, board) ? 'read' : 'none';
    if (!canReadBoard(viewer, board)) return 'none';
    if (context.document.kind === 'private') return canEditBoard(viewer, board) ? 'write' : 'none';
    return canEditBoard(viewer, board) ? 'write' : 'read';
  }

  private async followMemberships(): Promise<void> {
    const { pubsub, log } = this.options;
    const follow = async (topic: 'committeeMembershipChanged' | 'boardChanged') => {
      for await (const event of pubsub.subscribe(topic, this.listening.signal)) {
        try {
          if ('userId' in event) await this.recheckUser(event.userId);
          else await this.recheckBoard(event.boardId);
        } catch (error) {
          log(`board auth: re-check failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    };
    await Promise.all([follow('committeeMembershipChanged'), follow('boardChanged')]);
  }

  async onDestroy(): Promise<void> {
    this.listening.abort();
  }
}
