// Public comments (パブリックコメント) on a guideline version: submitted by anyone while the
// version's comment period is open, held for moderation, published or rejected by the
// policy department, and answered with the city's response (市の考え方).
import { createHmac, randomBytes } from 'node:crypto';
import type { Prisma } from '@shishin/prisma';
import { auditSnapshot, recordAudit } from '../../audit.ts';
import type { Context } from '../../context.ts';
import { AppError, messages } from '../../errors.ts';
import { canReadGuidelineVersion, commentPeriodState } from '../guideline/guideline.policy.ts';
import { formatJst } from '../guideline/guideline.service.ts';
import { canModeratePublicComments, canReadPublicComment } from './public-comment.policy.ts';

/** At most this many comments per sender address within RATE_WINDOW_MS. */
export const RATE_LIMIT = 5;
export const RATE_WINDOW_MS = 60 * 60 * 1000;

// The address itself is never stored: only a keyed hash, so the limit can be enforced
// across restarts (with SHISHIN_SECRET set) without keeping personal data. Without the
// variable, a per-process secret still limits within the process's lifetime.
const SENDER_SECRET = process.env.SHISHIN_SECRET || randomBytes(32).toString('hex');

export function senderKeyOf(address: string): string {
  return createHmac('sha256', SENDER_SECRET).update(address).digest('hex');
}

export interface PublicCommentSubmission {
  versionId: string;
  guidelineSectionId?: string | null;
  body: string;
  name?: string | null;
  email?: string | null;
  wardId?: string | null;
}

export async function submitPublicComment(
  ctx: Context,
  input: PublicCommentSubmission,
): Promise<{ id: string; submittedAt: Date }> {
  const senderKey = senderKeyOf(ctx.clientAddress);
  const now = ctx.now();
  const done = await ctx.db.$transaction(async (tx) => {
    const version = await tx.guidelineVersion.findUnique({ where: { id: input.versionId } });
    if (!version || !canReadGuidelineVersion(ctx.viewer, version)) throw new AppError('NOT_FOUND', messages.notFound);
    const period = commentPeriodState(version, now);
    if (period !== 'OPEN') {
      throw new AppError(
        'INVALID_STATE',
        period === 'SCHEDULED'
          ? {
              ja: `この版への意見募集は ${formatJst(version.commentOpensAt!)} に始まります。それ以降にお送りください。`,
              en: `Public comment on this version opens on ${formatJst(version.commentOpensAt!)}. Please send your comment then.`,
            }
          : period === 'CLOSED'
            ? {
                ja: `この版への意見募集は ${formatJst(version.commentClosesAt!)} に締め切りました。`,
                en: `Public comment on this version closed on ${formatJst(version.commentClosesAt!)}.`,
              }
            : { ja: 'この版は意見を募集していません。', en: 'This version is not open for public comment.' },
        {
          state: version.status,
          commentOpensAt: version.commentOpensAt?.toISOString() ?? null,
          commentClosesAt: version.commentClosesAt?.toISOString() ?? null,
        },
      );
    }
    if (input.guidelineSectionId) {
      const section = await tx.guidelineSection.findFirst({
        where: { id: input.guidelineSectionId, versionId: version.id },
        select: { id: true },
      });
      if (!section) throw new AppError('NOT_FOUND', messages.notFound);
    }
    if (input.wardId) {
      const ward = await tx.ward.findUnique({ where: { id: input.wardId }, select: { id: true } });
      if (!ward) throw new AppError('NOT_FOUND', messages.notFound);
    }
    // Serialise submissions from one sender, so concurrent requests cannot all pass the
    // count below (transaction-scoped lock, released at commit or rollback).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${senderKey}, 0))`;
    const recent = await tx.publicComment.findMany({
      where: { senderKey, submittedAt: { gt: new Date(now.getTime() - RATE_WINDOW_MS) } },
      orderBy: { submittedAt: 'desc' },
      take: RATE_LIMIT,
      select: { submittedAt: true },
    });
    if (recent.length >= RATE_LIMIT) {
      const retryAt = new Date(recent[RATE_LIMIT - 1]!.submittedAt.getTime() + RATE_WINDOW_MS);
      throw new AppError(
        'RATE_LIMITED',
        {
          ja: `${messages.rateLimited.ja}（${formatJst(retryAt)} 以降に送信できます）`,
          en: `${messages.rateLimited.en} (You can send again from ${formatJst(retryAt)}.)`,
        },
        {
          retryAt: retryAt.toISOString(),
          retryAfterSeconds: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)),
        },
      );
    }
    const comment = await tx.publicComment.create({
      data: {
        versionId: version.id,
        guidelineSectionId: input.guidelineSectionId ?? null,
        body: input.body,
        name: input.name ?? null,
        email: input.email ?? null,
        wardId: input.wardId ?? null,
        senderKey,
        submittedAt: now,
      },
    });
    // The audit record keeps what happened, not who the sender is: no name, email or key.
    await recordAudit(tx, ctx, {
      action: 'public_comment.submit',
      subjectType: 'PublicComment',
      subjectId: comment.id,
      after: {
        versionId: comment.versionId,
        guidelineSectionId: comment.guidelineSectionId,
        status: comment.status,
        bodyLength: comment.body.length,
        gaveName: comment.name !== null,
        gaveEmail: comment.email !== null,
        gaveWard: comment.wardId !== null,
      },
    });
    return { id: comment.id, submittedAt: comment.submittedAt };
  });
  // Published after the commit; only moderators receive a pending comment (see the subscription).
  ctx.pubsub.publish('publicCommentChanged', { commentId: done.id, versionId: input.versionId, change: 'SUBMITTED' });
  return done;
}

async function moderatableComment(ctx: Context, tx: Prisma.TransactionClient, id: string) {
  const comment = await tx.publicComment.findUnique({ where: { id } });
  if (!comment || !canReadPublicComment(ctx.viewer, comment)) throw new AppError('NOT_FOUND', messages.notFound);
  if (!canModeratePublicComments(ctx.viewer)) throw new AppError('FORBIDDEN', messages.forbidden);
  return comment;
}

export async function moderatePublicComment(
  ctx: Context,
  input: { id: string; decision: 'PUBLISH' | 'REJECT'; reason?: string | null },
): Promise<{ id: string }> {
  const done = await ctx.db.$transaction(async (tx) => {
    const comment = await moderatableComment(ctx, tx, input.id);
    if (comment.status !== 'PENDING') {
      throw new AppError(
        'INVALID_STATE',
        {
          ja: `この意見は既に確認済みです（状態: ${comment.status}）。`,
          en: `This comment has already been moderated (${comment.status}).`,
        },
        { state: comment.status },
      );
    }
    if (input.decision === 'REJECT' && !input.reason?.trim()) {
      throw new AppError('BAD_USER_INPUT', {
        ja: '非公開にする理由を入力してください。',
        en: 'Give a reason for rejecting the comment.',
      });
    }
    const after = await tx.publicComment.update({
      where: { id: comment.id },
      data: {
        status: input.decision === 'PUBLISH' ? 'PUBLISHED' : 'REJECTED',
        rejectReason: input.decision === 'REJECT' ? input.reason!.trim() : null,
        moderatedAt: ctx.now(),
        moderatedById: ctx.viewer.user?.id ?? null,
      },
    });
    await recordAudit(tx, ctx, {
      action: input.decision === 'PUBLISH' ? 'public_comment.publish' : 'public_comment.reject',
      subjectType: 'PublicComment',
      subjectId: comment.id,
      before: { status: comment.status },
      after: auditSnapshot({ status: after.status, rejectReason: after.rejectReason, moderatedAt: after.moderatedAt }),
    });
    return { id: comment.id, versionId: comment.versionId };
  });
  ctx.pubsub.publish('publicCommentChanged', {
    commentId: done.id,
    versionId: done.versionId,
    change: input.decision === 'PUBLISH' ? 'PUBLISHED' : 'REJECTED',
  });
  return { id: done.id };
}

export async function respondToPublicComment(
  ctx: Context,
  input: { id: string; response: string },
): Promise<{ id: string }> {
  const done = await ctx.db.$transaction(async (tx) => {
    const comment = await moderatableComment(ctx, tx, input.id);
    // Only published comments appear in the version's table, so only they get a response.
    if (comment.status !== 'PUBLISHED') {
      throw new AppError(
        'INVALID_STATE',
        {
          ja: `回答できるのは公開した意見だけです（状態: ${comment.status}）。`,
          en: `Only a published comment can be answered (this one is ${comment.status}).`,
        },
        { state: comment.status },
      );
    }
    const after = await tx.publicComment.update({
      where: { id: comment.id },
      data: { response: input.response, respondedAt: ctx.now(), respondedById: ctx.viewer.user?.id ?? null },
    });
    await recordAudit(tx, ctx, {
      action: 'public_comment.respond',
      subjectType: 'PublicComment',
      subjectId: comment.id,
      before: auditSnapshot({ response: comment.response, respondedAt: comment.respondedAt }),
      after: auditSnapshot({ response: after.response, respondedAt: after.respondedAt }),
    });
    return { id: comment.id, versionId: comment.versionId };
  });
  ctx.pubsub.publish('publicCommentChanged', { commentId: done.id, versionId: done.versionId, change: 'RESPONDED' });
  return { id: done.id };
}
