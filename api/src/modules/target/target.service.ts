// Writes to improvement targets. Every write runs in one transaction with its revision
// and audit record, and publishes its event only after the commit.
import type { Context } from '../../context.ts';
import { AppError, messages } from '../../errors.ts';
import { canEditTarget, canReadTarget } from './target.policy.ts';

export interface TargetTextChanges {
  title?: string;
  description?: string;
  milestone?: string;
}

export async function updateTargetText(
  ctx: Context,
  input: { targetId: string; expectedVersion: number; changes: TargetTextChanges },
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
    const after = await tx.improvementTarget.findUniqueOrThrow({ where: { id: target.id } });
    const last = await tx.targetRevision.findFirst({
      where: { targetId: target.id },
      orderBy: { number: 'desc' },
      select: { number: true },
    });
    const content = {
      title: after.title,
      description: after.description,
      indicatorName: after.indicatorName,
      unit: after.unit,
      baselineValue: after.baselineValue?.toString() ?? null,
      targetValue: after.targetValue?.toString() ?? null,
      milestone: after.milestone,
      dueDate: after.dueDate?.toISOString().slice(0, 10) ?? null,
    };
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
        after: { ...input.changes, version: after.version },
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
