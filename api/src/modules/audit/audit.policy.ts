// Who reads the audit trail (who changed what, when) of a target or a standard. A trail shows
// every state a record went through, drafts included, and who made each change: it is the
// staff's, like the unpublished record itself. Citizens do not read it, not even for a
// published target: what they read is the published text; the names of the staff who wrote,
// reviewed and decided it, and the drafts before it, are internal working material.
import type { Viewer } from '../../auth/viewer.ts';

/** A target's trail: the staff of its ward (any membership reaching it) and city-wide roles. */
export function canReadTargetAudit(viewer: Viewer, target: { section: { wardId: string } }): boolean {
  return viewer.isStaff && viewer.canReadWard(target.section.wardId);
}

/** A standard is city-wide: its trail is for any staff, as its proposed revisions are. */
export function canReadStandardAudit(viewer: Viewer): boolean {
  return viewer.isStaff;
}

// A problem's or proposal's trail follows the record itself: canReadProblem (problem.policy.ts).
