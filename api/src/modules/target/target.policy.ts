// Who may read and change improvement targets (区役所サービス向上目標). Pure functions of
// the viewer and the target, reused by resolvers, services and (later) the board socket.
import type { Prisma, ResultState, TargetState } from '@shishin/prisma';
import type { Viewer } from '../../auth/viewer.ts';

export interface TargetAccessFacts {
  state: TargetState;
  sectionId: string;
  section: { wardId: string };
}

/** Published targets are public; the rest is for the staff of the target's ward and the city. */
export function canReadTarget(viewer: Viewer, target: TargetAccessFacts): boolean {
  return target.state === 'PUBLISHED' || viewer.canReadWard(target.section.wardId);
}

/** The same rule as a database filter, so lists never load rows the viewer may not see. */
export function readableTargetsWhere(viewer: Viewer): Prisma.ImprovementTargetWhereInput {
  if (viewer.readsAll) return {};
  const wardIds = [...viewer.readableWardIds()];
  if (wardIds.length === 0) return { state: 'PUBLISHED' };
  return { OR: [{ state: 'PUBLISHED' }, { section: { wardId: { in: wardIds } } }] };
}

/** A published result is public; one not yet published is for the ward's staff and the city. */
export function canReadResult(
  viewer: Viewer,
  result: { state: ResultState },
  target: Pick<TargetAccessFacts, 'sectionId' | 'section'>,
): boolean {
  return result.state === 'PUBLISHED' || canReadTarget(viewer, { ...target, state: 'APPROVED' });
}

export const EDITABLE_TARGET_STATES: readonly TargetState[] = ['DRAFT', 'CHANGES_REQUESTED'];

/** The section's own staff edit their target while it is a draft or changes were requested. */
export function canEditTarget(viewer: Viewer, target: TargetAccessFacts): boolean {
  return viewer.canWrite && viewer.memberOfSection(target.sectionId) && EDITABLE_TARGET_STATES.includes(target.state);
}

/** The ward committee decides: its chair or the ward's coordinator (事務局) approves or asks for changes. */
export function canDecideTarget(viewer: Viewer, target: TargetAccessFacts): boolean {
  return (
    viewer.canWrite &&
    target.state === 'IN_REVIEW' &&
    viewer.hasWardRole(target.section.wardId, ['COMMITTEE_CHAIR', 'WARD_COORDINATOR'])
  );
}

/** Publishing on the ward's pages is the coordinator's or the mayor's call. */
export function canPublishTarget(viewer: Viewer, target: TargetAccessFacts): boolean {
  return (
    viewer.canWrite &&
    target.state === 'APPROVED' &&
    viewer.hasWardRole(target.section.wardId, ['WARD_COORDINATOR', 'WARD_MAYOR'])
  );
}

/** The section reports its own result, once the target was approved. */
export function canReportResult(viewer: Viewer, target: TargetAccessFacts): boolean {
  return (
    viewer.canWrite &&
    viewer.memberOfSection(target.sectionId) &&
    (target.state === 'APPROVED' || target.state === 'PUBLISHED')
  );
}

export function canConfirmResult(viewer: Viewer, target: TargetAccessFacts): boolean {
  return viewer.canWrite && viewer.hasWardRole(target.section.wardId, ['COMMITTEE_CHAIR', 'WARD_COORDINATOR']);
}

export function canPublishResult(viewer: Viewer, target: TargetAccessFacts): boolean {
  return (
    viewer.canWrite &&
    target.state === 'PUBLISHED' &&
    viewer.hasWardRole(target.section.wardId, ['WARD_COORDINATOR', 'WARD_MAYOR'])
  );
}

/** The achievement levels that count as reaching the target; anything else may be carried over. */
export const ACHIEVED_LEVELS: readonly string[] = ['GREATLY_EXCEEDED', 'EXCEEDED', 'ACHIEVED'];

export interface TargetResultFacts extends TargetAccessFacts {
  result: { state: 'REPORTED' | 'CONFIRMED' | 'PUBLISHED'; achievementLevel: string } | null;
}

/** Confirming is possible now: the right role, and a result that was reported and not yet confirmed. */
export function canConfirmResultNow(viewer: Viewer, target: TargetResultFacts): boolean {
  return target.result?.state === 'REPORTED' && canConfirmResult(viewer, target);
}

/** Publishing the result is possible now: the right role, a published target and a confirmed result. */
export function canPublishResultNow(viewer: Viewer, target: TargetResultFacts): boolean {
  return target.result?.state === 'CONFIRMED' && canPublishResult(viewer, target);
}

/**
 * The section carries an approved or published target into the next year when it was not
 * achieved (no result yet, or one below the target), once.
 */
export function canCarryOver(viewer: Viewer, target: TargetResultFacts, alreadyCarriedOver: boolean): boolean {
  return (
    viewer.canWrite &&
    viewer.memberOfSection(target.sectionId) &&
    (target.state === 'APPROVED' || target.state === 'PUBLISHED') &&
    !(target.result && ACHIEVED_LEVELS.includes(target.result.achievementLevel)) &&
    !alreadyCarriedOver
  );
}
