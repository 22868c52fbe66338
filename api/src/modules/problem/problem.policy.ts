// Who reads and records problems (課題) and improvement proposals (改善提案). They are a ward's
// unpublished working notes, so they follow the rule of every other unpublished ward record:
// a ward's records are for the staff of that ward (any membership reaching it) and the
// city-wide roles; a city-wide record (e.g. from the revision working group) for any staff.
// Wards learn from each other through the directors' meeting and the adopted standards, not
// by reading each other's notes. Another ward's record is answered NOT_FOUND, as targets are.
import type { Viewer } from '../../auth/viewer.ts';

export interface ProblemScope {
  /** Null for a city-wide record (e.g. from the revision working group). */
  wardId: string | null;
}

export function canReadProblem(viewer: Viewer, record: ProblemScope): boolean {
  if (!viewer.isStaff) return false;
  return record.wardId === null || viewer.canReadWard(record.wardId);
}

/** A filter problems and proposals share: both keep their scope in `wardId`. */
export type ProblemsWhere =
  { id: { in: string[] } } | { OR: ({ wardId: null } | { wardId: { in: string[] } })[] } | object;

/** The same rule as a database filter, so lists never load rows they would have to refuse. */
export function readableProblemsWhere(viewer: Viewer): ProblemsWhere {
  if (!viewer.isStaff) return { id: { in: [] } };
  if (viewer.readsAll) return {};
  return { OR: [{ wardId: null }, { wardId: { in: [...viewer.readableWardIds()] } }] };
}

/**
 * A ward-scoped record: the ward's own staff (any membership reaching the ward) or the
 * city-wide roles that read every ward. A city-wide record: any staff member.
 */
export function canEditProblem(viewer: Viewer, record: ProblemScope): boolean {
  if (!viewer.canWrite) return false;
  return canReadProblem(viewer, record);
}

/**
 * Adopting a proposal as a standard writes the standard's origin link, and standards are
 * managed by the directors' meeting and the policy department.
 */
export function canAdoptAsStandard(viewer: Viewer): boolean {
  return viewer.canWrite && (viewer.hasRole('POLICY_ADMIN') || viewer.hasRole('DIRECTOR'));
}
