// Writes to ward improvement policies (区役所サービス向上方針): the ward mayor drafts, edits and
// publishes the ward's policy for a fiscal year. Each write runs in one transaction with its
// audit record and announces the change after commit.
import type { Prisma } from '@shishin/prisma';
import { auditSnapshot, recordAudit } from '../../audit.ts';
import type { Context } from '../../context.ts';
import { AppError, messages } from '../../errors.ts';
import { canEditPolicy, canReadPolicy } from './policy.policy.ts';

async function announce(ctx: Context, policy: { id: string; wardId: string; fiscalYear: number }) {
  ctx.pubsub.publish('policyChanged', { policyId: policy.id, wardId: policy.wardId, fiscalYear: policy.fiscalYear });
}

export async function createPolicy(
  ctx: Context,
  input: { wardId: string; fiscalYear: number; title: string; body: string },
): Promise<{ id: string }> {
  if (!canEditPolicy(ctx.viewer, { wardId: input.wardId })) throw new AppError('FORBIDDEN', messages.forbidden);
  const created = await ctx.db.$transaction(async (tx) => {
    const existing = await tx.improvementPolicy.findUnique({
      where: { wardId_fiscalYear: { wardId: input.wardId, fiscalYear: input.fiscalYear } },
      select: { id: true },
    });
    if (existing) throw new AppError('CONFLICT', messages.policyExists, { existingId: existing.id });
    const policy = await tx.improvementPolicy.create({
      data: { ...input, authorId: ctx.viewer.user!.id },
    });
    await recordAudit(tx, ctx, {
      action: 'policy.create',
      subjectType: 'ImprovementPolicy',
      subjectId: policy.id,
      after: auditSnapshot(policy),
    });
    return policy;
  });
  await announce(ctx, created);
  return { id: created.id };
}

/** Loads a policy for a change, answering NOT_FOUND for one the viewer may not read. */
async function loadForChange(ctx: Context, tx: Prisma.TransactionClient, id: string) {
  const policy = await tx.improvementPolicy.findUnique({ where: { id } });
  if (!policy || !canReadPolicy(ctx.viewer, policy)) throw new AppError('NOT_FOUND', messages.notFound);
  if (!canEditPolicy(ctx.viewer, policy)) throw new AppError('FORBIDDEN', messages.forbidden);
  if (policy.status !== 'DRAFT') throw new AppError('INVALID_STATE', messages.invalidState, { state: policy.status });
  return policy;
}

export async function updatePolicy(
  ctx: Context,
  input: { id: string; expectedUpdatedAt: Date; title?: string; body?: string },
): Promise<{ id: string }> {
  const updated = await ctx.db.$transaction(async (tx) => {
    const policy = await loadForChange(ctx, tx, input.id);
    const changes = {
      ...(input.title != null ? { title: input.title } : {}),
      ...(input.body != null ? { body: input.body } : {}),
    };
    // The timestamp check is part of the UPDATE's WHERE, so two concurrent editors cannot both pass.
    const result = await tx.improvementPolicy.updateMany({
      where: { id: policy.id, updatedAt: input.expectedUpdatedAt },
      data: changes,
    });
    if (result.count === 0) {
      throw new AppError('CONFLICT', messages.conflict, { currentUpdatedAt: policy.updatedAt.toISOString() });
    }
    const after = await tx.improvementPolicy.findUniqueOrThrow({ where: { id: policy.id } });
    await recordAudit(tx, ctx, {
      action: 'policy.update',
      subjectType: 'ImprovementPolicy',
      subjectId: policy.id,
      before: auditSnapshot({ title: policy.title, body: policy.body }),
      after: auditSnapshot(changes),
    });
    return after;
  });
  await announce(ctx, updated);
  return { id: updated.id };
}

export async function publishPolicy(ctx: Context, input: { id: string }): Promise<{ id: string }> {
  const published = await ctx.db.$transaction(async (tx) => {
    const policy = await loadForChange(ctx, tx, input.id);
    const after = await tx.improvementPolicy.update({
      where: { id: policy.id },
      data: { status: 'PUBLISHED', publishedAt: ctx.now() },
    });
    await recordAudit(tx, ctx, {
      action: 'policy.publish',
      subjectType: 'ImprovementPolicy',
      subjectId: policy.id,
      before: { status: policy.status },
      after: { status: after.status, publishedAt: after.publishedAt!.toISOString() },
    });
    return after;
  });
  await announce(ctx, published);
  return { id: published.id };
}
