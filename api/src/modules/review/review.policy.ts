import type { Viewer } from '../../auth/viewer.ts';

export interface RoundFacts {
  status: 'OPEN' | 'CLOSED';
  dueDate: Date | null;
  assignments: { userId: string }[];
}

/** The Japan-time calendar date of an instant, as midnight UTC (how `@db.Date` values come back). */
export function japanDate(instant: Date): Date {
  const jst = new Date(instant.getTime() + 9 * 60 * 60 * 1000);
  return new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate()));
}

/** Assigned committee members review while the round is open, up to and including its due date. */
export function canReview(viewer: Viewer, round: RoundFacts, now: Date): boolean {
  const userId = viewer.user?.id;
  return (
    viewer.canWrite &&
    userId !== undefined &&
    round.status === 'OPEN' &&
    (round.dueDate === null || japanDate(now) <= round.dueDate) &&
    round.assignments.some((a) => a.userId === userId)
  );
}
