// Committee review rounds (審査) of improvement targets.
import { z } from 'zod';
import { builder } from '../../builder.ts';
import { AppError, messages } from '../../errors.ts';
import type { Context } from '../../context.ts';
import { sharedPerEvent } from '../../event-cache.ts';
import type { Topics } from '../../pubsub.ts';
import { ImprovementTarget } from '../target/target.schema.ts';
import { canReadTarget } from '../target/target.policy.ts';
import { canReview } from './review.policy.ts';
import { recordReview } from './review.service.ts';

export const ReviewRoundStatusEnum = builder.enumType('ReviewRoundStatus', {
  description: 'Whether a review round still takes reviews.',
  values: {
    OPEN: { description: 'Reviewers may record or revise their reviews (until the due date).' },
    CLOSED: { description: 'The committee decided (approved or asked for changes).' },
  },
});

export const ReviewDecisionEnum = builder.enumType('ReviewDecision', {
  description: 'A reviewer’s verdict on a target.',
  values: {
    APPROVE: { description: 'The reviewer approves the target as written.' },
    COMMENT: { description: 'The reviewer comments without a verdict.' },
    REQUEST_CHANGES: { description: 'The reviewer asks the section to change the target.' },
  },
});

const roundAccess = {
  target: { select: { state: true, sectionId: true, section: { select: { wardId: true } } } },
  assignments: { select: { userId: true, user: { select: { id: true, displayName: true } } } },
} as const;

export const ReviewRound = builder.prismaNode('ReviewRound', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description: 'A round of committee review, opened each time a section submits a target.',
  include: roundAccess,
  authScopes: (round, ctx) => canReadTarget(ctx.viewer, { ...round.target, state: 'IN_REVIEW' }),
  fields: (t) => ({
    number: t.exposeInt('number', { description: 'The round’s number for its target, from 1.' }),
    status: t.expose('status', { type: ReviewRoundStatusEnum, description: 'Open or closed.' }),
    dueDate: t.expose('dueDate', {
      type: 'Date',
      nullable: true,
      description: 'Last day (Japan time) reviews are taken.',
    }),
    openedAt: t.expose('openedAt', { type: 'DateTime', description: 'When the section submitted.' }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true, description: 'When the committee decided.' }),
    target: t.relation('target', { description: 'The target under review.' }),
    reviews: t.relation('reviews', {
      description: 'The reviews recorded so far (one per reviewer, the latest version).',
      query: { orderBy: { createdAt: 'asc' } },
    }),
    reviewers: t.field({
      type: [ReviewerStatus],
      description: 'Everyone asked to review in this round, with whether and how they have reviewed.',
      select: { reviews: { select: { reviewerId: true, decision: true } } },
      resolve: (round) =>
        round.assignments.map(({ user }) => ({
          userId: user.id,
          displayName: user.displayName,
          decision: round.reviews.find((r) => r.reviewerId === user.id)?.decision ?? null,
        })),
    }),
    assignedCount: t.int({
      description: 'How many reviewers were asked.',
      resolve: (round) => round.assignments.length,
    }),
    reviewedCount: t.int({
      description: 'How many of them have reviewed.',
      select: { reviews: { select: { reviewerId: true } } },
      resolve: (round) => new Set(round.reviews.map((r) => r.reviewerId)).size,
    }),
    viewerCanReview: t.boolean({
      description: 'Whether you may record a review now (assigned, round open, not past due).',
      resolve: (round, _args, ctx) => canReview(ctx.viewer, round, ctx.now()),
    }),
  }),
});

interface ReviewerStatusShape {
  userId: string;
  displayName: string;
  decision: 'APPROVE' | 'COMMENT' | 'REQUEST_CHANGES' | null;
}

const ReviewerStatus = builder.objectRef<ReviewerStatusShape>('ReviewerStatus').implement({
  description: 'One reviewer of a round and where they stand.',
  authScopes: { signedIn: true },
  fields: (t) => ({
    displayName: t.exposeString('displayName', { description: 'The reviewer’s name.' }),
    hasReviewed: t.boolean({
      description: 'Whether they have recorded a review.',
      resolve: (r) => r.decision !== null,
    }),
    decision: t.field({
      type: ReviewDecisionEnum,
      nullable: true,
      description: 'Their verdict, or null when they have not reviewed yet.',
      resolve: (r) => r.decision,
    }),
  }),
});

export const Review = builder.prismaObject('Review', {
  description: 'A committee member’s review in a round.',
  include: {
    round: { select: { target: { select: { state: true, sectionId: true, section: { select: { wardId: true } } } } } },
  },
  authScopes: (review, ctx) => canReadTarget(ctx.viewer, { ...review.round.target, state: 'IN_REVIEW' }),
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id of the review.' }),
    decision: t.expose('decision', { type: ReviewDecisionEnum, description: 'The verdict.' }),
    body: t.exposeString('body', { description: 'What the reviewer wrote.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was recorded or last revised.' }),
    reviewer: t.relation('reviewer', { description: 'Who reviewed.' }),
  }),
});

const RecordReviewInput = builder.inputType('RecordReviewInput', {
  description: 'A review in an open round.',
  fields: (t) => ({
    roundId: t.globalID({ for: ReviewRound, required: true, description: 'The round.' }),
    decision: t.field({ type: ReviewDecisionEnum, required: true, description: 'The verdict.' }),
    body: t.string({
      description: 'What the reviewer has to say (at most 10,000 characters).',
      validate: z.string().max(10_000),
    }),
  }),
});

builder.mutationFields((t) => ({
  recordReview: t.prismaField({
    type: 'ReviewRound',
    description:
      'Record (or revise) your review in an open round. Only the round’s assigned reviewers, until its due date.',
    args: { input: t.arg({ type: RecordReviewInput, required: true, description: 'The review.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      await recordReview(ctx, { roundId: input.roundId.id, decision: input.decision, body: input.body ?? '' });
      return ctx.db.reviewRound.findUniqueOrThrow({ ...query, where: { id: input.roundId.id } });
    },
  }),
}));

function targetAccess(ctx: Context, targetId: string) {
  return ctx.db.improvementTarget.findUnique({
    where: { id: targetId },
    select: { state: true, sectionId: true, section: { select: { wardId: true } } },
  });
}

/** Whether the viewer may learn of this review-round event (its target is readable now). */
export async function reviewRoundEventVisible(ctx: Context, event: Topics['reviewRoundChanged']): Promise<boolean> {
  const now = await sharedPerEvent(event, 'access', () => targetAccess(ctx, event.targetId));
  return now !== null && canReadTarget(ctx.viewer, now);
}

builder.subscriptionFields((t) => ({
  reviewRoundChanged: t.prismaField({
    type: 'ReviewRound',
    description:
      'Fires when a round of the given target opens, receives a review or closes, while you may read the target.',
    args: { targetId: t.arg.globalID({ for: ImprovementTarget, required: true, description: 'The target.' }) },
    subscribe: async (_root, { targetId }, ctx) => {
      const target = await targetAccess(ctx, targetId.id);
      if (!target || !canReadTarget(ctx.viewer, target))
        throw new AppError('NOT_FOUND', messages.notFound).toGraphQLError();
      const source = ctx.pubsub.subscribe('reviewRoundChanged');
      return (async function* () {
        try {
          for await (const event of source) {
            if (event.targetId !== targetId.id) continue;
            if (await reviewRoundEventVisible(ctx, event)) yield event;
          }
        } finally {
          await source.return?.();
        }
      })();
    },
    resolve: (query, event, _args, ctx) =>
      sharedPerEvent(event as object, query, () =>
        ctx.db.reviewRound.findUniqueOrThrow({ ...query, where: { id: (event as { roundId: string }).roundId } }),
      ),
  }),
}));
