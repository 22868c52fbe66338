// A committee member's review in an open round: approve, comment or request changes. One
// review per reviewer per round, which they may revise while the round is open.
import type { ReviewDecision } from '@shishin/prisma';
import { recordAudit } from '../../audit.ts';
import type { Context } from '../../context.ts';
import { AppError, messages } from '../../errors.ts';
import { announceNotifications, notify } from '../notification/notification.service.ts';
import { canReadTarget } from '../target/target.policy.ts';
import { canReview, japanDate } from './review.policy.ts';

export async function recordReview(
  ctx: Context,
  input: { roundId: string; decision: ReviewDecision; body: string },
): Promise<{ id: string }> {
  const done = await ctx.db.$transaction(async (tx) => {
    const round = await tx.reviewRound.findUnique({
      where: { id: input.roundId },
      include: {
        assignments: { select: { userId: true } },
        target: { include: { section: { select: { wardId: true } } } },
      },
    });
    if (!round || !canReadTarget(ctx.viewer, round.target)) throw new AppError('NOT_FOUND', messages.notFound);
    if (!canReview(ctx.viewer, round, ctx.now())) {
      const assigned = round.assignments.some((a) => a.userId === ctx.viewer.user?.id) && ctx.viewer.canWrite;
      if (!assigned) throw new AppError('FORBIDDEN', messages.notReviewer);
      const pastDue = round.dueDate !== null && japanDate(ctx.now()) > round.dueDate;
      throw new AppError('INVALID_STATE', messages.invalidState, {
        state: round.status === 'OPEN' && pastDue ? 'PAST_DUE' : round.status,
      });
    }
    const reviewerId = ctx.viewer.user!.id;
    const review = await tx.review.upsert({
      where: { roundId_reviewerId: { roundId: round.id, reviewerId } },
      create: { roundId: round.id, reviewerId, decision: input.decision, body: input.body },
      update: { decision: input.decision, body: input.body, createdAt: ctx.now() },
    });
    await recordAudit(tx, ctx, {
      action: 'review.record',
      subjectType: 'ReviewRound',
      subjectId: round.id,
      after: { decision: input.decision, body: input.body },
    });
    const staff = await tx.membership.findMany({
      where: { sectionId: round.target.sectionId, role: { in: ['SECTION_MEMBER', 'SECTION_HEAD'] } },
      select: { userId: true },
    });
    const notifications = await notify(tx, ctx, {
      userIds: staff.map((m) => m.userId),
      kind: 'REVIEW_RECORDED',
      subjectType: 'ImprovementTarget',
      subjectId: round.targetId,
      payload: { decision: input.decision, round: round.number },
    });
    return { review, round, notifications };
  });
  ctx.pubsub.publish('reviewRoundChanged', {
    roundId: done.round.id,
    targetId: done.round.targetId,
    wardId: done.round.target.section.wardId,
  });
  announceNotifications(ctx, done.notifications);
  return { id: done.review.id };
}
