// Who reads and moderates public comments (パブリックコメント). Pure functions of the viewer.
import type { Prisma, PublicCommentStatus } from '@shishin/prisma';
import type { Viewer } from '../../auth/viewer.ts';

/**
 * The policy department sees every comment, pending and rejected ones included, and who sent
 * it. An API token reaches that only with READ_ALL (readsAll); anyone else sees published
 * comments only.
 */
export function seesAllPublicComments(viewer: Viewer): boolean {
  return viewer.hasRole('POLICY_ADMIN') && viewer.readsAll;
}

export function canReadPublicComment(viewer: Viewer, comment: { status: PublicCommentStatus }): boolean {
  return comment.status === 'PUBLISHED' || seesAllPublicComments(viewer);
}

export function readablePublicCommentsWhere(viewer: Viewer): Prisma.PublicCommentWhereInput {
  return seesAllPublicComments(viewer) ? {} : { status: 'PUBLISHED' };
}

/** The sender's name, email and ward are personal data: the policy department only. */
export function canReadPublicCommentSender(viewer: Viewer): boolean {
  return seesAllPublicComments(viewer);
}

/** Moderating and answering comments: the policy department, in a browser session. */
export function canModeratePublicComments(viewer: Viewer): boolean {
  return viewer.canWrite && viewer.hasRole('POLICY_ADMIN');
}
