// Who may see, write on and run a workshop board. Pure functions of the viewer and the board's
// scope: the same functions answer `Board.viewerCan*` in GraphQL, guard the board services,
// list boards (as a database filter) and authorise every board socket (api/src/boards/), so
// the socket can never grant more than the API does.
import type { Prisma } from '@shishin/prisma';
import type { Viewer } from '../../auth/viewer.ts';

export interface BoardAccessFacts {
  committeeId: string | null;
  /** Set for a ward board (and for a section board: the section's ward). */
  wardId: string | null;
  sectionId: string | null;
  facilitatorId: string | null;
  archivedAt: Date | null;
}

/** Members of the committee: any role held in it (member, chair, facilitator…). */
function inCommittee(viewer: Viewer, committeeId: string | null): boolean {
  return committeeId !== null && viewer.memberships.some((m) => m.committeeId === committeeId);
}

/**
 * The people a board is for: its committee's members; for a ward or section board also the
 * ward's staff (every membership that reaches the ward: sections, the committee, coordinator,
 * mayor); and its facilitator. API tokens are never members (they only read).
 */
export function isBoardMember(viewer: Viewer, board: BoardAccessFacts): boolean {
  if (!viewer.user || viewer.isToken) return false;
  if (board.facilitatorId === viewer.user.id) return true;
  if (inCommittee(viewer, board.committeeId)) return true;
  return board.wardId !== null && viewer.memberships.some((m) => m.wardId === board.wardId);
}

/**
 * Members read and write; besides them the city-wide roles (policy department, directors) and
 * staff who may read the board's ward read along (read-only). Tokens read what their owner
 * and their scope allow.
 */
export function canReadBoard(viewer: Viewer, board: BoardAccessFacts): boolean {
  if (!viewer.isStaff) return false;
  if (viewer.isToken) {
    return viewer.readsAll || (board.wardId !== null && viewer.readableWardIds().has(board.wardId));
  }
  if (isBoardMember(viewer, board)) return true;
  return viewer.readsAll || (board.wardId !== null && viewer.canReadWard(board.wardId));
}

/** The same rule as a database filter, so `boards` never loads a board it would then refuse. */
export function readableBoardsWhere(viewer: Viewer): Prisma.BoardWhereInput {
  if (!viewer.isStaff) return { id: { in: [] } };
  if (viewer.readsAll) return {};
  const wardIds = [...viewer.readableWardIds()];
  const or: Prisma.BoardWhereInput[] = [{ wardId: { in: wardIds } }];
  if (!viewer.isToken) {
    const committeeIds = viewer.memberships.flatMap((m) => (m.committeeId ? [m.committeeId] : []));
    or.push({ committeeId: { in: committeeIds } }, { facilitatorId: viewer.user!.id });
  }
  return { OR: or };
}

/** Members write, in a browser session, while the board is not archived. */
export function canEditBoard(viewer: Viewer, board: BoardAccessFacts): boolean {
  return viewer.canWrite && board.archivedAt === null && isBoardMember(viewer, board);
}

/**
 * Running the session (stage, timer, locks, lanes, private writing, votes, reveal, snapshots,
 * promotion): the board's facilitator, or whoever holds FACILITATOR in the board's committee.
 */
export function canFacilitateBoard(viewer: Viewer, board: BoardAccessFacts): boolean {
  if (!canEditBoard(viewer, board) || !viewer.user) return false;
  if (board.facilitatorId === viewer.user.id) return true;
  return (
    board.committeeId !== null &&
    viewer.memberships.some((m) => m.committeeId === board.committeeId && m.role === 'FACILITATOR')
  );
}

/**
 * Opening a board for a committee, ward or section: those who run its sessions — the
 * committee's facilitators and chair, the ward's coordinator (事務局) — and the policy
 * department. A ward or section board needs a role in that ward.
 */
export function canCreateBoard(viewer: Viewer, scope: { committeeId: string | null; wardId: string | null }): boolean {
  if (!viewer.canWrite || !viewer.isStaff) return false;
  if (viewer.hasRole('POLICY_ADMIN')) return true;
  const runsCommittee =
    scope.committeeId !== null &&
    viewer.memberships.some(
      (m) => m.committeeId === scope.committeeId && (m.role === 'FACILITATOR' || m.role === 'COMMITTEE_CHAIR'),
    );
  const coordinatesWard = scope.wardId !== null && viewer.hasWardRole(scope.wardId, ['WARD_COORDINATOR']);
  if (scope.wardId !== null && !viewer.canReadWard(scope.wardId)) return false;
  return runsCommittee || coordinatesWard;
}

/** Archiving (and unarchiving) is for whoever may create a board of that scope, or facilitate it. */
export function canArchiveBoard(viewer: Viewer, board: BoardAccessFacts): boolean {
  return canCreateBoard(viewer, board) || canFacilitateBoard(viewer, { ...board, archivedAt: null });
}

/** Committee memberships are managed by the policy department. */
export function canManageCommitteeMembers(viewer: Viewer): boolean {
  return viewer.canWrite && viewer.hasRole('POLICY_ADMIN');
}

/**
 * Promoting a principle draft into a guideline version (`promoteBoardNotes` as PRINCIPLE_DRAFT)
 * is the policy department's — the guideline's own rule (`upsertPrinciple`) — from any board it
 * may read, while the board is not archived. The facilitator of a committee board is not asked.
 */
export function canPromotePrincipleDraft(viewer: Viewer, board: BoardAccessFacts): boolean {
  return (
    viewer.canWrite &&
    !viewer.isToken &&
    board.archivedAt === null &&
    viewer.hasRole('POLICY_ADMIN') &&
    canReadBoard(viewer, board)
  );
}
