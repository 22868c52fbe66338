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

/** Drafting, opening public comment and publishing a guideline version: the policy department only. */
export function canManageGuideline(viewer: Viewer): boolean {
  return viewer.canWrite && viewer.hasRole('POLICY_ADMIN');
}

export interface CommentPeriodFacts {
  status: GuidelineStatus;
  commentOpensAt: Date | null;
  commentClosesAt: Date | null;
}

/**
 * Where a version's public-comment period stands at `now`. The period is half-open:
 * comments are accepted from `commentOpensAt` up to, not including, `commentClosesAt`.
 */
export type CommentPeriodState = 'NONE' | 'SCHEDULED' | 'OPEN' | 'CLOSED';

export function commentPeriodState(version: CommentPeriodFacts, now: Date): CommentPeriodState {
  if (!version.commentOpensAt || !version.commentClosesAt) return 'NONE';
  if (now < version.commentOpensAt) return version.status === 'PUBLIC_COMMENT' ? 'SCHEDULED' : 'NONE';
  if (now < version.commentClosesAt && version.status === 'PUBLIC_COMMENT') return 'OPEN';
  return 'CLOSED';
}

/**
 * A version's text may change while it is a draft, and again once its comment period has
 * closed (to reflect the comments before publishing) — never while people are commenting
 * on it or waiting for the period to open, so every comment refers to the text as it stood.
 */
export function isGuidelineTextEditable(version: CommentPeriodFacts, now: Date): boolean {
  if (version.status === 'DRAFT') return true;
  return version.status === 'PUBLIC_COMMENT' && commentPeriodState(version, now) === 'CLOSED';
}

export function canEditGuidelineText(viewer: Viewer, version: CommentPeriodFacts, now: Date): boolean {
  return canManageGuideline(viewer) && isGuidelineTextEditable(version, now);
}

/** A version may be published from a draft, or after its comment period has closed. */
export function isGuidelinePublishable(version: CommentPeriodFacts, now: Date): boolean {
  return isGuidelineTextEditable(version, now);
}
