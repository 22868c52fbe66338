// Who reads and records problems (課題) and improvement proposals (改善提案). They are the
// staff's working material: any staff member reads them, so that wards can learn from each
// other's findings; writing is for the staff of the record's ward, or city-wide roles.
import type { Viewer } from '../../auth/viewer.ts';

export interface ProblemScope {
  /** Null for a city-wide record (e.g. from the revision working group). */
  wardId: string | null;
}

export function canReadProblem(viewer: Viewer): boolean {
  return viewer.isStaff;
}

/**
 * A ward-scoped record: the ward's own staff (any membership reaching the ward) or the
 * city-wide roles that read every ward. A city-wide record: any staff member.
 */
export function canEditProblem(viewer: Viewer, record: ProblemScope): boolean {
  if (!viewer.canWrite || !viewer.isStaff) return false;
  return record.wardId === null || viewer.canReadWard(record.wardId);
}

/**
 * Adopting a proposal as a standard writes the standard's origin link, and standards are
 * managed by the directors' meeting and the policy department.
 */
export function canAdoptAsStandard(viewer: Viewer): boolean {
  return viewer.canWrite && (viewer.hasRole('POLICY_ADMIN') || viewer.hasRole('DIRECTOR'));
}
