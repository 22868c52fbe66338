import type { Prisma, RevisionStatus } from '@shishin/prisma';
import type { Viewer } from '../../auth/viewer.ts';

/** Published revisions are public; revisions proposed in a March review are for staff. */
export function canReadStandardRevision(viewer: Viewer, revision: { status: RevisionStatus }): boolean {
  return revision.status === 'PUBLISHED' || viewer.isStaff;
}

export function readableRevisionsWhere(viewer: Viewer): Prisma.StandardRevisionWhereInput {
  return viewer.isStaff ? {} : { status: 'PUBLISHED' };
}

/** The directors' meeting and the policy department manage the standards, in a browser session. */
export function canManageStandards(viewer: Viewer): boolean {
  return viewer.canWrite && (viewer.hasRole('DIRECTOR') || viewer.hasRole('POLICY_ADMIN'));
}
