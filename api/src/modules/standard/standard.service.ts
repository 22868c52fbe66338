// The directors' meeting's March review: revisions and retirements are staged on a review
// for the next fiscal year and published together in one transaction. Nothing published is
// ever overwritten: each year's set stays readable.
import type { IndicatorDirection, Prisma, StandardCategory } from '@shishin/prisma';
import { auditSnapshot, recordAudit } from '../../audit.ts';
import type { Context } from '../../context.ts';
import { AppError, messages } from '../../errors.ts';
import { fiscalYearOf } from '../fiscal-year/fiscal-year.ts';
import { announceNotifications, notify } from '../notification/notification.service.ts';
import { canManageStandards } from './standard.policy.ts';

type Tx = Prisma.TransactionClient;

export interface RevisionFields {
  title: string;
  titleEn: string;
  minimumLevel: string;
  minimumLevelEn: string;
  aspirationalLevel: string;
  aspirationalLevelEn: string;
  indicatorName: string | null;
  unit: string | null;
  minimumValue: string | null;
  aspirationalValue: string | null;
  direction: IndicatorDirection | null;
  changeNote: string;
}

function guard(ctx: Context): void {
  if (!ctx.viewer.canWrite || !canManageStandards(ctx.viewer)) throw new AppError('FORBIDDEN', messages.forbidden);
}

async function openReviewOf(tx: Tx, reviewId: string) {
  const review = await tx.standardReview.findUnique({ where: { id: reviewId } });
  if (!review) throw new AppError('NOT_FOUND', messages.notFound);
  if (review.status !== 'OPEN') throw new AppError('INVALID_STATE', messages.invalidState, { state: review.status });
  return review;
}

export async function openReview(ctx: Context, input: { fiscalYear: number }): Promise<{ id: string }> {
  guard(ctx);
  if (input.fiscalYear <= fiscalYearOf(ctx.now())) {
    throw new AppError('BAD_USER_INPUT', messages.reviewYearPassed, { field: 'fiscalYear' });
  }
  return ctx.db.$transaction(async (tx) => {
    const existing = await tx.standardReview.findUnique({ where: { fiscalYear: input.fiscalYear } });
    if (existing) throw new AppError('CONFLICT', messages.reviewExists, { existingId: existing.id });
    const meeting = await tx.committee.findFirst({ where: { kind: 'DIRECTORS_MEETING' }, select: { id: true } });
    const review = await tx.standardReview.create({
      data: {
        fiscalYear: input.fiscalYear,
        committeeId: meeting?.id ?? null,
        openedById: ctx.viewer.user!.id,
        openedAt: ctx.now(),
      },
    });
    await recordAudit(tx, ctx, {
      action: 'standards_review.open',
      subjectType: 'StandardReview',
      subjectId: review.id,
      after: { fiscalYear: review.fiscalYear },
    });
    return { id: review.id };
  });
}

export async function proposeRevision(
  ctx: Context,
  input: { reviewId: string; standardId: string } & RevisionFields,
): Promise<{ id: string }> {
  guard(ctx);
  return ctx.db.$transaction(async (tx) => {
    const review = await openReviewOf(tx, input.reviewId);
    const standard = await tx.standard.findUnique({ where: { id: input.standardId } });
    if (!standard) throw new AppError('NOT_FOUND', messages.notFound);
    if (standard.retiredFiscalYear !== null && standard.retiredFiscalYear <= review.fiscalYear) {
      throw new AppError('INVALID_STATE', messages.invalidState, { state: 'RETIRED' });
    }
    const existing = await tx.standardRevision.findUnique({
      where: { standardId_fiscalYear: { standardId: standard.id, fiscalYear: review.fiscalYear } },
    });
    if (existing?.status === 'PUBLISHED')
      throw new AppError('INVALID_STATE', messages.invalidState, { state: 'PUBLISHED' });
    const { reviewId: _review, standardId: _standard, ...fields } = input;
    const revision = existing
      ? await tx.standardRevision.update({ where: { id: existing.id }, data: { ...fields, reviewId: review.id } })
      : await tx.standardRevision.create({
          data: { ...fields, standardId: standard.id, fiscalYear: review.fiscalYear, reviewId: review.id },
        });
    await recordAudit(tx, ctx, {
      action: 'standard.propose_revision',
      subjectType: 'Standard',
      subjectId: standard.id,
      before: existing ? auditSnapshot(existing) : null,
      after: auditSnapshot(fields),
    });
    return { id: revision.id };
  });
}

export async function adoptPractice(
  ctx: Context,
  input: {
    reviewId: string;
    code: string;
    category: StandardCategory;
    principleIds: string[];
    originTargetId: string;
  } & RevisionFields,
): Promise<{ id: string }> {
  guard(ctx);
  return ctx.db.$transaction(async (tx) => {
    const review = await openReviewOf(tx, input.reviewId);
    const target = await tx.improvementTarget.findUnique({
      where: { id: input.originTargetId },
      select: { id: true, section: { select: { wardId: true } } },
    });
    if (!target) throw new AppError('NOT_FOUND', messages.notFound);
    if (await tx.standard.findUnique({ where: { code: input.code } })) {
      throw new AppError('CONFLICT', messages.standardCodeTaken, { field: 'code' });
    }
    const { reviewId: _r, code, category, principleIds, originTargetId, ...fields } = input;
    const standard = await tx.standard.create({
      data: {
        code,
        category,
        introducedFiscalYear: review.fiscalYear,
        originTargetId,
        originWardId: target.section.wardId,
        principles: { create: [...new Set(principleIds)].map((principleId) => ({ principleId })) },
        revisions: { create: { ...fields, fiscalYear: review.fiscalYear, reviewId: review.id } },
      },
    });
    await recordAudit(tx, ctx, {
      action: 'standard.adopt_practice',
      subjectType: 'Standard',
      subjectId: standard.id,
      after: auditSnapshot({ code, category, originTargetId, ...fields }),
    });
    return { id: standard.id };
  });
}

export async function stageRetirement(
  ctx: Context,
  input: { reviewId: string; standardId: string; reason: string },
): Promise<void> {
  guard(ctx);
  await ctx.db.$transaction(async (tx) => {
    const review = await openReviewOf(tx, input.reviewId);
    const standard = await tx.standard.findUnique({ where: { id: input.standardId } });
    if (!standard) throw new AppError('NOT_FOUND', messages.notFound);
    if (standard.retiredFiscalYear !== null)
      throw new AppError('INVALID_STATE', messages.invalidState, { state: 'RETIRED' });
    await tx.standardRetirement.upsert({
      where: { reviewId_standardId: { reviewId: review.id, standardId: standard.id } },
      create: { reviewId: review.id, standardId: standard.id, reason: input.reason },
      update: { reason: input.reason },
    });
    await recordAudit(tx, ctx, {
      action: 'standard.stage_retirement',
      subjectType: 'Standard',
      subjectId: standard.id,
      after: { fiscalYear: review.fiscalYear, reason: input.reason },
    });
  });
}

export async function publishReview(ctx: Context, input: { reviewId: string }): Promise<{ id: string }> {
  guard(ctx);
  const done = await ctx.db.$transaction(async (tx) => {
    const review = await openReviewOf(tx, input.reviewId);
    const now = ctx.now();
    const revisions = await tx.standardRevision.updateMany({
      where: { reviewId: review.id, status: 'PROPOSED' },
      data: { status: 'PUBLISHED', publishedAt: now },
    });
    const retirements = await tx.standardRetirement.findMany({ where: { reviewId: review.id } });
    await tx.standard.updateMany({
      where: { id: { in: retirements.map((r) => r.standardId) } },
      data: { retiredFiscalYear: review.fiscalYear },
    });
    await tx.standardReview.update({ where: { id: review.id }, data: { status: 'PUBLISHED', publishedAt: now } });
    await recordAudit(tx, ctx, {
      action: 'standards_review.publish',
      subjectType: 'StandardReview',
      subjectId: review.id,
      after: { fiscalYear: review.fiscalYear, revisions: revisions.count, retirements: retirements.length },
    });
    const wardStaff = await tx.membership.findMany({
      where: { role: { in: ['WARD_MAYOR', 'WARD_COORDINATOR'] } },
      select: { userId: true },
    });
    const notifications = await notify(tx, ctx, {
      userIds: wardStaff.map((m) => m.userId),
      kind: 'STANDARDS_PUBLISHED',
      subjectType: 'StandardReview',
      subjectId: review.id,
      payload: { fiscalYear: review.fiscalYear },
    });
    return { review, notifications };
  });
  ctx.pubsub.publish('standardsReviewPublished', { reviewId: done.review.id, fiscalYear: done.review.fiscalYear });
  announceNotifications(ctx, done.notifications);
  return { id: done.review.id };
}
