// Public comment (パブリックコメント) on guideline versions: the comment type, the public
// submission, moderation and responses, and the per-version summary for staff.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../../builder.ts';
import { AppError, messages } from '../../errors.ts';
import type { Context } from '../../context.ts';
import { sharedPerEvent } from '../../event-cache.ts';
import type { Topics } from '../../pubsub.ts';
import { canReadGuidelineVersion } from '../guideline/guideline.policy.ts';
import { GuidelineVersion } from '../guideline/guideline.schema.ts';
import { Ward } from '../organisation/organisation.schema.ts';
import {
  canModeratePublicComments,
  canReadPublicComment,
  canReadPublicCommentSender,
  readablePublicCommentsWhere,
} from './public-comment.policy.ts';
import { moderatePublicComment, respondToPublicComment, submitPublicComment } from './public-comment.service.ts';

export const PublicCommentStatusEnum = builder.enumType('PublicCommentStatus', {
  description: 'Where a public comment stands in moderation.',
  values: {
    PENDING: { description: 'Received and held for moderation; seen only by the policy department.' },
    PUBLISHED: { description: 'Published in the version’s table of comments; public.' },
    REJECTED: { description: 'Not published (with a reason); seen only by the policy department.' },
  },
});

const senderOnly = {
  authScopes: (_parent: unknown, _args: unknown, ctx: { viewer: Parameters<typeof canReadPublicCommentSender>[0] }) =>
    canReadPublicCommentSender(ctx.viewer),
};

export const PublicComment = builder.prismaNode('PublicComment', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description:
    'パブリックコメント: a comment sent on a guideline version out for public comment. Published comments are public; who sent a comment is never shown outside the policy department.',
  authScopes: (comment, ctx) => canReadPublicComment(ctx.viewer, comment),
  fields: (t) => ({
    body: t.exposeString('body', { description: 'The comment as sent.' }),
    status: t.expose('status', { type: PublicCommentStatusEnum, description: 'Pending, published or rejected.' }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', description: 'When the comment was received.' }),
    version: t.relation('version', { description: 'The guideline version the comment is on.' }),
    section: t.relation('guidelineSection', {
      nullable: true,
      description: 'The section of the version the comment is on; null for a comment on the whole version.',
    }),
    response: t.exposeString('response', {
      nullable: true,
      description: '市の考え方: the city’s response, once the policy department has attached it.',
    }),
    respondedAt: t.expose('respondedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the response was last written.',
    }),
    name: t.exposeString('name', {
      nullable: true,
      ...senderOnly,
      description: 'The sender’s name, if given. Policy department only (personal data).',
    }),
    email: t.exposeString('email', {
      nullable: true,
      ...senderOnly,
      description: 'The sender’s email address, if given. Policy department only (personal data).',
    }),
    ward: t.relation('ward', {
      nullable: true,
      ...senderOnly,
      description: 'The ward the sender said they live or work in, if given. Policy department only.',
    }),
    rejectReason: t.exposeString('rejectReason', {
      nullable: true,
      ...senderOnly,
      description: 'Why the comment was not published. Policy department only.',
    }),
    moderatedAt: t.expose('moderatedAt', {
      type: 'DateTime',
      nullable: true,
      ...senderOnly,
      description: 'When the comment was published or rejected. Policy department only.',
    }),
    viewerCanModerate: t.boolean({
      description: 'Whether you may publish or reject this comment now (the policy department, while it is pending).',
      resolve: (comment, _args, ctx) => canModeratePublicComments(ctx.viewer) && comment.status === 'PENDING',
    }),
    viewerCanRespond: t.boolean({
      description: 'Whether you may write the city’s response to this comment (the policy department, once published).',
      resolve: (comment, _args, ctx) => canModeratePublicComments(ctx.viewer) && comment.status === 'PUBLISHED',
    }),
  }),
});

builder.prismaObjectFields(GuidelineVersion, (t) => ({
  publicComments: t.relatedConnection('publicComments', {
    cursor: 'id',
    description:
      'Public for published comments: the table of comments and responses, in the order received. The policy department also sees pending and rejected ones.',
    args: {
      status: t.arg({ type: PublicCommentStatusEnum, description: 'Only comments in this status.' }),
      sectionId: t.arg.id({
        description: 'Only comments on this section (GuidelineSection.id).',
        validate: z.string().uuid(),
      }),
    },
    query: ({ status, sectionId }, ctx) => ({
      where: {
        AND: [
          readablePublicCommentsWhere(ctx.viewer),
          status ? { status } : {},
          sectionId ? { guidelineSectionId: String(sectionId) } : {},
        ],
      },
      orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
    }),
  }),
}));

interface Receipt {
  id: string;
  submittedAt: Date;
}

const PublicCommentReceipt = builder.objectRef<Receipt>('PublicCommentReceipt').implement({
  description:
    'The acknowledgement of a submitted public comment. It carries nothing else: the comment is held for moderation.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    id: t.id({
      description: 'Global id of the comment, to quote if you contact the city about it.',
      resolve: (receipt) => encodeGlobalID('PublicComment', receipt.id),
    }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', description: 'When the comment was received.' }),
  }),
});

interface Summary {
  pending: number;
  published: number;
  rejected: number;
  responded: number;
}

const PublicCommentSummary = builder.objectRef<Summary>('PublicCommentSummary').implement({
  description: 'How many public comments a version received, by moderation status.',
  authScopes: { staff: true },
  fields: (t) => ({
    total: t.int({ description: 'All comments received.', resolve: (s) => s.pending + s.published + s.rejected }),
    pending: t.exposeInt('pending', { description: 'Comments waiting for moderation.' }),
    published: t.exposeInt('published', { description: 'Published comments.' }),
    rejected: t.exposeInt('rejected', { description: 'Rejected comments.' }),
    responded: t.exposeInt('responded', { description: 'Published comments that have the city’s response.' }),
    awaitingResponse: t.int({
      description: 'Published comments still without a response.',
      resolve: (s) => s.published - s.responded,
    }),
  }),
});

builder.queryFields((t) => ({
  publicCommentSummary: t.field({
    type: PublicCommentSummary,
    description: 'Counts of a guideline version’s public comments by status. Staff only.',
    authScopes: { staff: true },
    args: {
      versionId: t.arg.globalID({ for: GuidelineVersion, required: true, description: 'The guideline version.' }),
    },
    resolve: async (_root, { versionId }, ctx) => {
      const version = await ctx.db.guidelineVersion.findUnique({
        where: { id: versionId.id },
        select: { status: true },
      });
      if (!version || !canReadGuidelineVersion(ctx.viewer, version)) {
        throw new AppError('NOT_FOUND', messages.notFound);
      }
      const [groups, responded] = await Promise.all([
        ctx.db.publicComment.groupBy({ by: ['status'], where: { versionId: versionId.id }, _count: { _all: true } }),
        ctx.db.publicComment.count({
          where: { versionId: versionId.id, status: 'PUBLISHED', response: { not: null } },
        }),
      ]);
      const count = (status: string) => groups.find((g) => g.status === status)?._count._all ?? 0;
      return { pending: count('PENDING'), published: count('PUBLISHED'), rejected: count('REJECTED'), responded };
    },
  }),
}));

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `at most ${max.toLocaleString('en')} characters` });

const SubmitPublicCommentInput = builder.inputType('SubmitPublicCommentInput', {
  description: 'A public comment on a guideline version out for comment.',
  fields: (t) => ({
    versionId: t.globalID({ for: GuidelineVersion, required: true, description: 'The version commented on.' }),
    guidelineSectionId: t.id({
      description: 'The section commented on (GuidelineSection.id of that version); leave out for the whole version.',
      validate: z.string().uuid(),
    }),
    body: t.string({
      required: true,
      description: 'The comment (1–4,000 characters).',
      validate: z.string().trim().min(1).max(4_000),
    }),
    name: t.string({
      description: 'Your name, if you wish to give it (at most 100 characters). Never published.',
      validate: optionalText(100),
    }),
    email: t.string({
      description: 'An email address the city may answer to, if you wish (at most 254 characters). Never published.',
      validate: z.email().max(254),
    }),
    wardId: t.globalID({ for: Ward, description: 'The ward you live or work in, if you wish. Never published.' }),
  }),
});

const ModerationDecisionEnum = builder.enumType('PublicCommentDecision', {
  description: 'What moderation does with a pending comment.',
  values: {
    PUBLISH: { description: 'Publish it in the version’s table of comments.' },
    REJECT: { description: 'Do not publish it (a reason is required).' },
  },
});

const ModeratePublicCommentInput = builder.inputType('ModeratePublicCommentInput', {
  description: 'A moderation decision on a pending public comment.',
  fields: (t) => ({
    id: t.globalID({ for: PublicComment, required: true, description: 'The pending comment.' }),
    decision: t.field({ type: ModerationDecisionEnum, required: true, description: 'Publish or reject.' }),
    reason: t.string({
      description: 'Why the comment is rejected (required to reject; at most 2,000 characters).',
      validate: optionalText(2_000),
    }),
  }),
});

const RespondToPublicCommentInput = builder.inputType('RespondToPublicCommentInput', {
  description: 'The city’s response to a published public comment.',
  fields: (t) => ({
    id: t.globalID({ for: PublicComment, required: true, description: 'The published comment.' }),
    response: t.string({
      required: true,
      description: '市の考え方: the response (1–10,000 characters); replaces any earlier response.',
      validate: z.string().trim().min(1).max(10_000),
    }),
  }),
});

builder.mutationFields((t) => ({
  submitPublicComment: t.field({
    type: PublicCommentReceipt,
    description:
      'Public: anyone, signed in or not. Send a comment on a guideline version while its comment period is open. The comment is held for moderation; at most 5 comments per hour from one address (RATE_LIMITED, with `retryAt`).',
    skipTypeScopes: true,
    authScopes: { public: true },
    args: { input: t.arg({ type: SubmitPublicCommentInput, required: true, description: 'The comment.' }) },
    resolve: (_root, { input }, ctx) =>
      submitPublicComment(ctx, {
        versionId: input.versionId.id,
        guidelineSectionId: input.guidelineSectionId == null ? null : String(input.guidelineSectionId),
        body: input.body,
        name: input.name || null,
        email: input.email || null,
        wardId: input.wardId?.id ?? null,
      }),
  }),
  moderatePublicComment: t.prismaField({
    type: PublicComment,
    description: 'Publish or reject a pending public comment. Policy department only.',
    args: { input: t.arg({ type: ModeratePublicCommentInput, required: true, description: 'The decision.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await moderatePublicComment(ctx, {
        id: input.id.id,
        decision: input.decision,
        reason: input.reason ?? null,
      });
      return ctx.db.publicComment.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  respondToPublicComment: t.prismaField({
    type: PublicComment,
    description: 'Attach (or rewrite) the city’s response to a published public comment. Policy department only.',
    args: { input: t.arg({ type: RespondToPublicCommentInput, required: true, description: 'The response.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await respondToPublicComment(ctx, { id: input.id.id, response: input.response });
      return ctx.db.publicComment.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

// ───────────────────────────── live events ─────────────────────────────

export const PublicCommentChangeEnum = builder.enumType('PublicCommentChange', {
  description: 'What happened to a public comment.',
  values: {
    SUBMITTED: { description: 'It was received and awaits moderation (the policy department only).' },
    PUBLISHED: { description: 'It was published in the version’s table of comments.' },
    REJECTED: { description: 'It was not published (the policy department only).' },
    RESPONDED: { description: 'The city’s response was attached or rewritten.' },
  },
});

type PublicCommentEventShape = Topics['publicCommentChanged'];

const PublicCommentEvent = builder.objectRef<PublicCommentEventShape>('PublicCommentEvent').implement({
  description: 'A change to a public comment you may read.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    change: t.field({ type: PublicCommentChangeEnum, description: 'What happened.', resolve: (e) => e.change }),
    comment: t.prismaField({
      type: PublicComment,
      description: 'The comment as it is now.',
      resolve: (query, event, _args, ctx) =>
        sharedPerEvent(event, query, () =>
          ctx.db.publicComment.findUniqueOrThrow({ ...query, where: { id: event.commentId } }),
        ),
    }),
  }),
});

/**
 * Whether the viewer may learn of this public-comment event, on the comment as it is now: a
 * pending or rejected comment reaches the policy department only.
 */
export async function publicCommentEventVisible(ctx: Context, event: Topics['publicCommentChanged']): Promise<boolean> {
  const now = await sharedPerEvent(event, 'access', () =>
    ctx.db.publicComment.findUnique({
      where: { id: event.commentId },
      select: { status: true, version: { select: { status: true } } },
    }),
  );
  return now !== null && canReadPublicComment(ctx.viewer, now) && canReadGuidelineVersion(ctx.viewer, now.version);
}

builder.subscriptionFields((t) => ({
  publicCommentChanged: t.field({
    type: PublicCommentEvent,
    description:
      'Public. Public comments on one guideline version as they are submitted, moderated and answered. The policy department receives every change; everyone else only comments that are published (never a pending or rejected one).',
    skipTypeScopes: true,
    authScopes: { public: true },
    args: {
      versionId: t.arg.globalID({ for: GuidelineVersion, required: true, description: 'The guideline version.' }),
    },
    subscribe: async (_root, { versionId }, ctx) => {
      const version = await ctx.db.guidelineVersion.findUnique({
        where: { id: versionId.id },
        select: { status: true },
      });
      if (!version || !canReadGuidelineVersion(ctx.viewer, version))
        throw new AppError('NOT_FOUND', messages.notFound).toGraphQLError();
      const source = ctx.pubsub.subscribe('publicCommentChanged');
      return (async function* () {
        try {
          for await (const event of source) {
            if (event.versionId !== versionId.id) continue;
            if (await publicCommentEventVisible(ctx, event)) yield event;
          }
        } finally {
          await source.return?.();
        }
      })();
    },
    resolve: (event) => event,
  }),
}));
