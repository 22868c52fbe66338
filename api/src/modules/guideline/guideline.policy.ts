import type { GuidelineStatus } from '@shishin/prisma';
import type { Viewer } from '../../auth/viewer.ts';

/** Versions anyone may read: the published ones, their predecessors, and drafts out for public comment. */
export const PUBLIC_GUIDELINE_STATUSES: readonly GuidelineStatus[] = ['PUBLISHED', 'SUPERSEDED', 'PUBLIC_COMMENT'];

export function canReadGuidelineVersion(viewer: Viewer, version: { status: GuidelineStatus }): boolean {
  return PUBLIC_GUIDELINE_STATUSES.includes(version.status) || viewer.isStaff;
}

export function readableGuidelineStatuses(viewer: Viewer): GuidelineStatus[] | undefined {
  return viewer.isStaff ? undefined : [...PUBLIC_GUIDELINE_STATUSES];
}
