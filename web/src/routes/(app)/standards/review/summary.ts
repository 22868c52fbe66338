// What publishing a review will change, from the review's own proposals and retirements:
// a new standard's first revision is ADDED, a proposal that moves the minimum value in the
// indicator's better direction RAISED, any other proposal CHANGED, a retirement RETIRED.
import type { ReviewStandard, StandardsReviewData } from '$lib/server/queries/standards';

export type ChangeKind = 'ADDED' | 'RAISED' | 'CHANGED' | 'RETIRED';
export const CHANGE_KINDS: readonly ChangeKind[] = ['ADDED', 'RAISED', 'CHANGED', 'RETIRED'];

export interface PlannedChange {
  kind: ChangeKind;
  code: string;
  title: string;
  titleEn: string;
  before: { minimumValue: string | null; unit: string | null; minimumLevel: string; minimumLevelEn: string } | null;
  after: { minimumValue: string | null; unit: string | null; minimumLevel: string; minimumLevelEn: string } | null;
  note: string;
}

export function plannedChanges(review: StandardsReviewData, inForce: ReviewStandard[]): PlannedChange[] {
  const current = new Map(inForce.map((s) => [s.id, s.revision]));
  const changes: PlannedChange[] = review.revisions
    .filter((r) => r.status === 'PROPOSED')
    .map((r) => {
      const before = current.get(r.standard.id) ?? null;
      let kind: ChangeKind = 'CHANGED';
      if (r.standard.introducedFiscalYear >= review.fiscalYear || !before) kind = 'ADDED';
      else if (before.minimumValue !== null && r.minimumValue !== null && r.direction) {
        const [x, y] = [Number(before.minimumValue), Number(r.minimumValue)];
        if (r.direction === 'HIGHER_IS_BETTER' ? y > x : y < x) kind = 'RAISED';
      }
      return {
        kind,
        code: r.standard.code,
        title: r.title,
        titleEn: r.titleEn,
        before: before && kind !== 'ADDED' ? before : null,
        after: r,
        note: r.changeNote,
      };
    });
  for (const retirement of review.retirements) {
    const before = current.get(retirement.standard.id) ?? null;
    changes.push({
      kind: 'RETIRED',
      code: retirement.standard.code,
      title: before?.title ?? retirement.standard.code,
      titleEn: before?.titleEn ?? retirement.standard.code,
      before,
      after: null,
      note: retirement.reason,
    });
  }
  return changes.sort(
    (a, b) => CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind) || a.code.localeCompare(b.code),
  );
}
