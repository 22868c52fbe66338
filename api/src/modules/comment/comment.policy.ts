// Who reads, writes and resolves comments. Comments are internal working notes of the staff:
// anonymous visitors and tokens limited to published data never see them.
import type { PolicyStatus, TargetState } from '@shishin/prisma';
import type { Viewer } from '../../auth/viewer.ts';
import { canReadPolicy } from '../policy/policy.policy.ts';
import { canReadTarget } from '../target/target.policy.ts';

export type CommentSubject =
  | { kind: 'ImprovementTarget'; id: string; state: TargetState; sectionId: string; section: { wardId: string } }
  | { kind: 'ImprovementPolicy'; id: string; status: PolicyStatus; wardId: string };

const WARD_COMMENTERS = ['COMMITTEE_MEMBER', 'COMMITTEE_CHAIR', 'WARD_COORDINATOR', 'WARD_MAYOR'] as const;

function wardOf(subject: CommentSubject): string {
  return subject.kind === 'ImprovementTarget' ? subject.section.wardId : subject.wardId;
}

export function canReadComments(viewer: Viewer, subject: CommentSubject): boolean {
  if (!viewer.isStaff) return false;
  return subject.kind === 'ImprovementTarget' ? canReadTarget(viewer, subject) : canReadPolicy(viewer, subject);
}

/**
 * On a target: its section's staff, the ward's committee, coordinator and mayor, and the city's
 * roles. On a policy: the ward's committee, coordinator and mayor, while it is a draft.
 */
export function canComment(viewer: Viewer, subject: CommentSubject): boolean {
  if (!viewer.canWrite || !canReadComments(viewer, subject)) return false;
  const ward = viewer.hasWardRole(wardOf(subject), WARD_COMMENTERS);
  if (subject.kind === 'ImprovementPolicy') return subject.status === 'DRAFT' && ward;
  return ward || viewer.memberOfSection(subject.sectionId) || viewer.readsAll;
}

export function canEditComment(viewer: Viewer, comment: { authorId: string | null; deletedAt: Date | null }): boolean {
  return (
    viewer.canWrite && comment.deletedAt === null && comment.authorId !== null && comment.authorId === viewer.user?.id
  );
}

/**
 * The thread's author, the subject's owners (section staff, the mayor for a policy), and whoever
 * runs the ward committee: its chair or the ward coordinator (事務局), who also share the
 * committee's decisions on targets (canDecideTarget), so closing a review point is theirs too.
 */
export function canResolveThread(viewer: Viewer, root: { authorId: string | null }, subject: CommentSubject): boolean {
  if (
    !canComment(viewer, subject) &&
    !(subject.kind === 'ImprovementPolicy' && viewer.canWrite && canReadComments(viewer, subject))
  ) {
    return false;
  }
  if (root.authorId !== null && root.authorId === viewer.user?.id) return true;
  if (viewer.hasWardRole(wardOf(subject), ['COMMITTEE_CHAIR', 'WARD_COORDINATOR'])) return true;
  return subject.kind === 'ImprovementTarget'
    ? viewer.memberOfSection(subject.sectionId)
    : viewer.hasWardRole(subject.wardId, ['WARD_MAYOR']);
}
