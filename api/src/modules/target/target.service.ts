// Writes to improvement targets. Every write runs in one transaction with its revision
// and audit record, and publishes its event only after the commit.
import type { Context } from '../../context.ts';
import { AppError, messages } from '../../errors.ts';
import type { AchievementLevel, Prisma } from '@shishin/prisma';
import { auditSnapshot, recordAudit } from '../../audit.ts';
import { fiscalYearOf } from '../fiscal-year/fiscal-year.ts';
import { announceNotifications, notify } from '../notification/notification.service.ts';
import { japanDate } from '../review/review.policy.ts';
import {
  canConfirmResult,
  canDecideTarget,
  canEditTarget,
  canPublishResult,
  canPublishTarget,
  canReadTarget,
  canReportResult,
} from './target.policy.ts';

/** Left out: kept; null: cleared (title and description cannot be cleared). */
export interface TargetTextChanges {
  title?: string;
  description?: string;
  milestone?: string | null;
  indicatorName?: string | null;
  unit?: string | null;
  baselineValue?: string | null;
  targetValue?: string | null;
  dueDate?: Date | null;
}

export interface TargetLinkChanges {
  /** Replaces the target's standards when given. */
  standardIds?: string[];
  /** Replaces the target's principles when given. */
  principleIds?: string[];
}

/** What a target revision keeps: the editable fields and links as they were saved. */
export function targetRevisionContent(target: {
  title: string;
  description: string;
  indicatorName: string | null;
  unit: string | null;
  baselineValue: Prisma.Decimal | null;
  targetValue: Prisma.Decimal | null;
  milestone: string | null;
  dueDate: Date | null;
  standards: { standardId: string }[];
  principles: { principleId: string }[];
}) {
  return {
    title: target.title,
    description: target.description,
    indicatorName: target.indicatorName,
    unit: target.unit,
    baselineValue: target.baselineValue?.toString() ?? null,
    targetValue: target.targetValue?.toString() ?? null,
    milestone: target.milestone,
    dueDate: target.dueDate?.toISOString().slice(0, 10) ?? null,
    standardIds: target.standards.map((l) => l.standardId),
    principleIds: target.principles.map((l) => l.principleId),
  };
}

export async function updateTargetText(
  ctx: Context,
  input: { targetId: string; expectedVersion: number; changes: TargetTextChanges; links?: TargetLinkChanges },
): Promise<{ id: string; version: number }> {
  const result = await ctx.db.$transaction(async (tx) => {
    const target = await tx.improvementTarget.findUnique({
      where: { id: input.targetId },
      include: { section: { select: { wardId: true } } },
    });
    // A target the viewer may not read is reported as missing, so ids do not leak existence.
    if (!target || !canReadTarget(ctx.viewer, target)) throw new AppError('NOT_FOUND', messages.notFound);
    if (!canEditTarget(ctx.viewer, target)) {
      const inSection = ctx.viewer.memberOfSection(target.sectionId);
      throw inSection
        ? new AppError('INVALID_STATE', messages.invalidState, { state: target.state })
        : new AppError('FORBIDDEN', messages.forbidden);
    }
    // The version check is part of the UPDATE's WHERE, so two concurrent writers cannot both pass it.
    const updated = await tx.improvementTarget.updateMany({
      where: { id: target.id, version: input.expectedVersion },
      data: { ...input.changes, version: { increment: 1 } },
    });
    if (updated.count === 0) {
      throw new AppError('CONFLICT', messages.conflict, { currentVersion: target.version });
    }
    if (input.links?.standardIds || input.links?.principleIds) {
      await replaceLinks(tx, target.id, target.fiscalYear, input.links);
    }
    const after = await tx.improvementTarget.findUniqueOrThrow({
      where: { id: target.id },
      include: { standards: { select: { standardId: true } }, principles: { select: { principleId: true } } },
    });
    // The same rule as a new target when a change touches them: an indicator's target value or
    // a milestone (rolls back).
    const touchesMeasure = 'targetValue' in input.changes || 'milestone' in input.changes;
    if (touchesMeasure && after.targetValue === null && !after.milestone?.trim()) {
      throw new AppError('BAD_USER_INPUT', messages.indicatorOrMilestone, { field: 'targetValue' });
    }
    const last = await tx.targetRevision.findFirst({
      where: { targetId: target.id },
      orderBy: { number: 'desc' },
      select: { number: true },
    });
    const content = targetRevisionContent(after);
    await tx.targetRevision.create({
      data: { targetId: target.id, number: (last?.number ?? 0) + 1, content, authorId: ctx.viewer.user?.id ?? null },
    });
    await tx.auditRecord.create({
      data: {
        actorId: ctx.viewer.user?.id ?? null,
        action: 'target.update_text',
        subjectType: 'ImprovementTarget',
        subjectId: target.id,
        before: {
          title: target.title,
          description: target.description,
          milestone: target.milestone,
          version: target.version,
        },
        after: auditSnapshot({ ...input.changes, ...(input.links ?? {}), version: after.version }),
        requestId: ctx.requestId,
      },
    });
    return {
      id: after.id,
      version: after.version,
      sectionId: after.sectionId,
      wardId: target.section.wardId,
      fiscalYear: after.fiscalYear,
    };
  });
  ctx.pubsub.publish('targetChanged', {
    targetId: result.id,
    sectionId: result.sectionId,
    wardId: result.wardId,
    fiscalYear: result.fiscalYear,
  });
  return { id: result.id, version: result.version };
}

// ───────────────────────────── lifecycle and results ─────────────────────────────

type Tx = Prisma.TransactionClient;

const REVIEW_PERIOD_DAYS = 14;

async function loadTarget(ctx: Context, tx: Tx, targetId: string) {
  const target = await tx.improvementTarget.findUnique({
    where: { id: targetId },
    include: { section: { select: { wardId: true } }, result: true },
  });
  // A target the viewer may not read is reported as missing, so ids do not leak existence.
  if (!target || !canReadTarget(ctx.viewer, target)) throw new AppError('NOT_FOUND', messages.notFound);
  return target;
}

function refuse(
  ctx: Context,
  target: { sectionId: string; section: { wardId: string }; state: string },
  mayActHere: boolean,
): never {
  // Someone who could act in another state learns the state; anyone else only that they may not.
  throw mayActHere
    ? new AppError('INVALID_STATE', messages.invalidState, { state: target.state })
    : new AppError('FORBIDDEN', messages.forbidden);
}

function publishTarget(ctx: Context, t: { id: string; sectionId: string; fiscalYear: number }, wardId: string) {
  ctx.pubsub.publish('targetChanged', { targetId: t.id, sectionId: t.sectionId, wardId, fiscalYear: t.fiscalYear });
}

/** Committee members and chair of the ward's committee: the reviewers of a new round. */
async function wardReviewers(tx: Tx, wardId: string): Promise<string[]> {
  const members = await tx.membership.findMany({
    where: { role: { in: ['COMMITTEE_MEMBER', 'COMMITTEE_CHAIR'] }, committee: { kind: 'WARD_COMMITTEE', wardId } },
    select: { userId: true },
  });
  return [...new Set(members.map((m) => m.userId))];
}

export async function submitTarget(
  ctx: Context,
  input: { targetId: string; expectedVersion: number; dueDate?: Date },
): Promise<{ id: string }> {
  const done = await ctx.db.$transaction(async (tx) => {
    const target = await loadTarget(ctx, tx, input.targetId);
    if (!canEditTarget(ctx.viewer, target)) refuse(ctx, target, ctx.viewer.memberOfSection(target.sectionId));
    const moved = await tx.improvementTarget.updateMany({
      where: { id: target.id, version: input.expectedVersion },
      data: { state: 'IN_REVIEW', submittedAt: ctx.now(), version: { increment: 1 } },
    });
    if (moved.count === 0) throw new AppError('CONFLICT', messages.conflict, { currentVersion: target.version });
    const last = await tx.reviewRound.findFirst({ where: { targetId: target.id }, orderBy: { number: 'desc' } });
    const reviewers = await wardReviewers(tx, target.section.wardId);
    const dueDate = input.dueDate ?? new Date(japanDate(ctx.now()).getTime() + REVIEW_PERIOD_DAYS * 86_400_000);
    const round = await tx.reviewRound.create({
      data: {
        targetId: target.id,
        number: (last?.number ?? 0) + 1,
        dueDate,
        openedAt: ctx.now(),
        assignments: { create: reviewers.map((userId) => ({ userId })) },
      },
    });
    await recordAudit(tx, ctx, {
      action: 'target.submit',
      subjectType: 'ImprovementTarget',
      subjectId: target.id,
      before: { state: target.state },
      after: { state: 'IN_REVIEW', round: round.number, dueDate: dueDate.toISOString().slice(0, 10) },
    });
    const notifications = await notify(tx, ctx, {
      userIds: reviewers,
      kind: 'REVIEW_REQUESTED',
      subjectType: 'ImprovementTarget',
      subjectId: target.id,
      payload: { title: target.title, round: round.number },
    });
    return { target, round, notifications };
  });
  publishTarget(ctx, done.target, done.target.section.wardId);
  ctx.pubsub.publish('reviewRoundChanged', {
    roundId: done.round.id,
    targetId: done.target.id,
    wardId: done.target.section.wardId,
  });
  announceNotifications(ctx, done.notifications);
  return { id: done.target.id };
}

/** The committee's decision on a target in review: approve it, or ask the section for changes. */
export async function decideTarget(
  ctx: Context,
  input: { targetId: string; decision: 'APPROVE' | 'REQUEST_CHANGES'; note?: string },
): Promise<{ id: string }> {
  const done = await ctx.db.$transaction(async (tx) => {
    const target = await loadTarget(ctx, tx, input.targetId);
    const decider =
      ctx.viewer.hasWardRole(target.section.wardId, ['COMMITTEE_CHAIR', 'WARD_COORDINATOR']) && ctx.viewer.canWrite;
    if (!canDecideTarget(ctx.viewer, target)) refuse(ctx, target, decider);
    const state = input.decision === 'APPROVE' ? 'APPROVED' : 'CHANGES_REQUESTED';
    await tx.improvementTarget.update({
      where: { id: target.id },
      data: { state, version: { increment: 1 }, ...(state === 'APPROVED' ? { approvedAt: ctx.now() } : {}) },
    });
    const round = await tx.reviewRound.findFirst({
      where: { targetId: target.id, status: 'OPEN' },
      orderBy: { number: 'desc' },
    });
    if (round)
      await tx.reviewRound.update({ where: { id: round.id }, data: { status: 'CLOSED', closedAt: ctx.now() } });
    await recordAudit(tx, ctx, {
      action: input.decision === 'APPROVE' ? 'target.approve' : 'target.request_changes',
      subjectType: 'ImprovementTarget',
      subjectId: target.id,
      before: { state: target.state },
      after: { state, ...(input.note ? { note: input.note } : {}) },
    });
    const staff = await tx.membership.findMany({
      where: { sectionId: target.sectionId, role: { in: ['SECTION_MEMBER', 'SECTION_HEAD'] } },
      select: { userId: true },
    });
    const notifications = await notify(tx, ctx, {
      userIds: staff.map((m) => m.userId),
      kind: input.decision === 'APPROVE' ? 'TARGET_APPROVED' : 'CHANGES_REQUESTED',
      subjectType: 'ImprovementTarget',
      subjectId: target.id,
      payload: { title: target.title, ...(input.note ? { note: input.note } : {}) },
    });
    return { target, round, notifications };
  });
  publishTarget(ctx, done.target, done.target.section.wardId);
  if (done.round) {
    ctx.pubsub.publish('reviewRoundChanged', {
      roundId: done.round.id,
      targetId: done.target.id,
      wardId: done.target.section.wardId,
    });
  }
  announceNotifications(ctx, done.notifications);
  return { id: done.target.id };
}

export async function publishApprovedTarget(ctx: Context, input: { targetId: string }): Promise<{ id: string }> {
  const target = await ctx.db.$transaction(async (tx) => {
    const target = await loadTarget(ctx, tx, input.targetId);
    const publisher =
      ctx.viewer.canWrite && ctx.viewer.hasWardRole(target.section.wardId, ['WARD_COORDINATOR', 'WARD_MAYOR']);
    if (!canPublishTarget(ctx.viewer, target)) refuse(ctx, target, publisher);
    await tx.improvementTarget.update({
      where: { id: target.id },
      data: { state: 'PUBLISHED', publishedAt: ctx.now(), version: { increment: 1 } },
    });
    await recordAudit(tx, ctx, {
      action: 'target.publish',
      subjectType: 'ImprovementTarget',
      subjectId: target.id,
      before: { state: target.state },
      after: { state: 'PUBLISHED' },
    });
    return target;
  });
  publishTarget(ctx, target, target.section.wardId);
  return { id: target.id };
}

export async function reportResult(
  ctx: Context,
  input: {
    targetId: string;
    achievementLevel: AchievementLevel;
    actualValue: string | null;
    evidence: string;
    lateReason: string | null;
  },
): Promise<{ id: string }> {
  const target = await ctx.db.$transaction(async (tx) => {
    const target = await loadTarget(ctx, tx, input.targetId);
    if (!canReportResult(ctx.viewer, target))
      refuse(ctx, target, ctx.viewer.canWrite && ctx.viewer.memberOfSection(target.sectionId));
    if (target.result && target.result.state !== 'REPORTED') {
      throw new AppError('INVALID_STATE', messages.invalidState, { state: `RESULT_${target.result.state}` });
    }
    // Reporting into a fiscal year that has ended is allowed, with the reason on record.
    const late = fiscalYearOf(ctx.now()) > target.fiscalYear;
    if (late && !input.lateReason?.trim()) {
      throw new AppError('BAD_USER_INPUT', messages.lateReasonRequired, { field: 'lateReason' });
    }
    const data = {
      achievementLevel: input.achievementLevel,
      actualValue: input.actualValue,
      evidence: input.evidence,
      lateReason: late ? input.lateReason!.trim() : null,
      reportedById: ctx.viewer.user!.id,
      reportedAt: ctx.now(),
    };
    await tx.targetResult.upsert({
      where: { targetId: target.id },
      create: { targetId: target.id, ...data },
      update: data,
    });
    await recordAudit(tx, ctx, {
      action: 'target.report_result',
      subjectType: 'ImprovementTarget',
      subjectId: target.id,
      before: target.result ? auditSnapshot(target.result) : null,
      after: auditSnapshot(data),
    });
    return target;
  });
  publishTarget(ctx, target, target.section.wardId);
  return { id: target.id };
}

export async function advanceResult(
  ctx: Context,
  input: { targetId: string; to: 'CONFIRMED' | 'PUBLISHED' },
): Promise<{ id: string }> {
  const target = await ctx.db.$transaction(async (tx) => {
    const target = await loadTarget(ctx, tx, input.targetId);
    const allowed =
      input.to === 'CONFIRMED' ? canConfirmResult(ctx.viewer, target) : canPublishResult(ctx.viewer, target);
    const roles =
      input.to === 'CONFIRMED'
        ? (['COMMITTEE_CHAIR', 'WARD_COORDINATOR'] as const)
        : (['WARD_COORDINATOR', 'WARD_MAYOR'] as const);
    const mayActHere = ctx.viewer.canWrite && ctx.viewer.hasWardRole(target.section.wardId, roles);
    if (!allowed) refuse(ctx, target, mayActHere);
    const from = input.to === 'CONFIRMED' ? 'REPORTED' : 'CONFIRMED';
    if (!target.result || target.result.state !== from) {
      throw new AppError('INVALID_STATE', messages.invalidState, {
        state: target.result ? `RESULT_${target.result.state}` : 'NO_RESULT',
      });
    }
    await tx.targetResult.update({
      where: { targetId: target.id },
      data:
        input.to === 'CONFIRMED'
          ? { state: 'CONFIRMED', confirmedAt: ctx.now(), confirmedById: ctx.viewer.user!.id }
          : { state: 'PUBLISHED', publishedAt: ctx.now() },
    });
    await recordAudit(tx, ctx, {
      action: input.to === 'CONFIRMED' ? 'target.confirm_result' : 'target.publish_result',
      subjectType: 'ImprovementTarget',
      subjectId: target.id,
      before: { resultState: from },
      after: { resultState: input.to },
    });
    return target;
  });
  publishTarget(ctx, target, target.section.wardId);
  return { id: target.id };
}

export interface NewTarget {
  sectionId: string;
  fiscalYear: number;
  title: string;
  description: string;
  standardIds: string[];
  principleIds: string[];
  indicatorName: string | null;
  unit: string | null;
  baselineValue: string | null;
  targetValue: string | null;
  milestone: string | null;
  dueDate: Date | null;
  /** Drafted on a workshop board (board.service.ts): the board and the notes it came from. */
  origin?: { boardId: string; noteIds: readonly string[] };
}

/** A section drafts a target for a fiscal year, on standards in force that year and the guideline's principles. */
export async function createTarget(ctx: Context, input: NewTarget): Promise<{ id: string }> {
  if (!ctx.viewer.canWrite || !ctx.viewer.memberOfSection(input.sectionId))
    throw new AppError('FORBIDDEN', messages.forbidden);
  if (input.targetValue === null && !input.milestone?.trim()) {
    throw new AppError('BAD_USER_INPUT', messages.indicatorOrMilestone, { field: 'targetValue' });
  }
  const created = await ctx.db.$transaction(async (tx) => {
    const section = await tx.section.findUniqueOrThrow({ where: { id: input.sectionId }, select: { wardId: true } });
    const standards = await tx.standard.count({
      where: {
        id: { in: input.standardIds },
        introducedFiscalYear: { lte: input.fiscalYear },
        OR: [{ retiredFiscalYear: null }, { retiredFiscalYear: { gt: input.fiscalYear } }],
      },
    });
    const principles = await tx.principle.count({
      where: { id: { in: input.principleIds }, version: { status: 'PUBLISHED' } },
    });
    if (standards !== new Set(input.standardIds).size || principles !== new Set(input.principleIds).size) {
      throw new AppError('BAD_USER_INPUT', messages.unknownLinks, { field: 'standardIds' });
    }
    const policy = await tx.improvementPolicy.findUnique({
      where: { wardId_fiscalYear: { wardId: section.wardId, fiscalYear: input.fiscalYear } },
      select: { id: true },
    });
    const { standardIds, principleIds, origin, ...fields } = input;
    const target = await tx.improvementTarget.create({
      data: {
        ...fields,
        ...(origin ? { origin: 'BOARD', originBoardId: origin.boardId, originNoteIds: [...origin.noteIds] } : {}),
        policyId: policy?.id ?? null,
        createdById: ctx.viewer.user!.id,
        standards: { create: [...new Set(standardIds)].map((standardId) => ({ standardId })) },
        principles: { create: [...new Set(principleIds)].map((principleId) => ({ principleId })) },
      },
    });
    const content = auditSnapshot({ ...fields, standardIds, principleIds });
    await tx.targetRevision.create({
      data: { targetId: target.id, number: 1, content, authorId: ctx.viewer.user!.id },
    });
    await recordAudit(tx, ctx, {
      action: 'target.create',
      subjectType: 'ImprovementTarget',
      subjectId: target.id,
      after: content,
    });
    return { target, wardId: section.wardId };
  });
  publishTarget(ctx, created.target, created.wardId);
  return { id: created.target.id };
}

/**
 * Carries an unfinished target into the next fiscal year: a new draft with the same text and
 * links, pointing back to the old one. Once per target.
 */
export async function carryOver(ctx: Context, input: { targetId: string }): Promise<{ id: string }> {
  const done = await ctx.db.$transaction(async (tx) => {
    const target = await loadTarget(ctx, tx, input.targetId);
    const staff = ctx.viewer.canWrite && ctx.viewer.memberOfSection(target.sectionId);
    if (!staff) throw new AppError('FORBIDDEN', messages.forbidden);
    const achieved =
      target.result && ['GREATLY_EXCEEDED', 'EXCEEDED', 'ACHIEVED'].includes(target.result.achievementLevel);
    if (!['APPROVED', 'PUBLISHED'].includes(target.state) || achieved) {
      throw new AppError('INVALID_STATE', messages.invalidState, { state: achieved ? 'ACHIEVED' : target.state });
    }
    if (await tx.improvementTarget.findUnique({ where: { carriedOverFromId: target.id }, select: { id: true } })) {
      throw new AppError('CONFLICT', messages.alreadyCarriedOver);
    }
    const links = await tx.improvementTarget.findUniqueOrThrow({
      where: { id: target.id },
      select: { standards: { select: { standardId: true } }, principles: { select: { principleId: true } } },
    });
    const fields = {
      sectionId: target.sectionId,
      fiscalYear: target.fiscalYear + 1,
      title: target.title,
      description: target.description,
      indicatorName: target.indicatorName,
      unit: target.unit,
      baselineValue: target.result?.actualValue ?? target.baselineValue,
      targetValue: target.targetValue,
      milestone: target.milestone,
    };
    const next = await tx.improvementTarget.create({
      data: {
        ...fields,
        carriedOverFromId: target.id,
        createdById: ctx.viewer.user!.id,
        standards: { create: links.standards },
        principles: { create: links.principles },
      },
    });
    await tx.targetRevision.create({
      data: { targetId: next.id, number: 1, content: auditSnapshot(fields), authorId: ctx.viewer.user!.id },
    });
    await recordAudit(tx, ctx, {
      action: 'target.carry_over',
      subjectType: 'ImprovementTarget',
      subjectId: next.id,
      after: { from: target.id, fiscalYear: next.fiscalYear },
    });
    return { next, wardId: target.section.wardId };
  });
  publishTarget(ctx, done.next, done.wardId);
  return { id: done.next.id };
}

/** Checks links as a new target's are checked (standards in force that year, principles in force) and replaces them. */
async function replaceLinks(tx: Tx, targetId: string, fiscalYear: number, links: TargetLinkChanges): Promise<void> {
  if (links.standardIds) {
    const ids = [...new Set(links.standardIds)];
    const valid = await tx.standard.count({
      where: {
        id: { in: ids },
        introducedFiscalYear: { lte: fiscalYear },
        OR: [{ retiredFiscalYear: null }, { retiredFiscalYear: { gt: fiscalYear } }],
      },
    });
    if (valid !== ids.length) throw new AppError('BAD_USER_INPUT', messages.unknownLinks, { field: 'standardIds' });
    await tx.targetStandard.deleteMany({ where: { targetId } });
    await tx.targetStandard.createMany({ data: ids.map((standardId) => ({ targetId, standardId })) });
  }
  if (links.principleIds) {
    const ids = [...new Set(links.principleIds)];
    const valid = await tx.principle.count({ where: { id: { in: ids }, version: { status: 'PUBLISHED' } } });
    if (valid !== ids.length) throw new AppError('BAD_USER_INPUT', messages.unknownLinks, { field: 'principleIds' });
    await tx.targetPrinciple.deleteMany({ where: { targetId } });
    await tx.targetPrinciple.createMany({ data: ids.map((principleId) => ({ targetId, principleId })) });
  }
}
