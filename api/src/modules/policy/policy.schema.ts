import { z } from 'zod';
import { builder, selectionObject } from '../../builder.ts';
import { AppError, messages } from '../../errors.ts';
import type { Context } from '../../context.ts';
import { sharedPerEvent } from '../../event-cache.ts';
import type { Topics } from '../../pubsub.ts';
import { fiscalYearArg } from '../fiscal-year/fiscal-year.schema.ts';
import { Ward } from '../organisation/organisation.schema.ts';
import { canEditPolicy, canReadPolicy, readablePoliciesWhere } from './policy.policy.ts';
import { createPolicy, publishPolicy, updatePolicy } from './policy.service.ts';

export const PolicyStatusEnum = builder.enumType('PolicyStatus', {
  description: 'Whether a ward’s improvement policy is published.',
  values: {
    DRAFT: { description: 'Being written by the ward mayor; the ward committee may comment.' },
    PUBLISHED: { description: 'Published; public.' },
  },
});

export const ImprovementPolicy = builder.prismaNode('ImprovementPolicy', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description: '区役所サービス向上方針: a ward’s improvement policy for one fiscal year, set by the ward mayor.',
  authScopes: (policy, ctx) => canReadPolicy(ctx.viewer, policy),
  fields: (t) => ({
    fiscalYear: t.exposeInt('fiscalYear', { description: 'The fiscal year the policy is for.' }),
    status: t.expose('status', { type: PolicyStatusEnum, description: 'Draft or published.' }),
    title: t.exposeString('title', { description: 'Title, in Japanese as the ward wrote it.' }),
    body: t.exposeString('body', { description: 'The policy text, in Japanese as the ward wrote it.' }),
    isSample: t.exposeBoolean('isSample', {
      description: 'True for sample data loaded for demonstration, not real records.',
    }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true, description: 'When it was published.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
    ward: t.relation('ward', { description: 'The ward.' }),
    viewerCanEdit: t.boolean({
      description:
        'Whether you may edit this policy now: the ward’s mayor, in a browser session, while it is a draft (a published policy is not edited).',
      resolve: (policy, _args, ctx) => policy.status === 'DRAFT' && canEditPolicy(ctx.viewer, policy),
    }),
  }),
});

builder.queryFields((t) => ({
  improvementPolicies: t.prismaConnection({
    type: 'ImprovementPolicy',
    cursor: 'id',
    description: 'Public for published policies. Policies you may read, by ward order then newest fiscal year first.',
    skipTypeScopes: true,
    authScopes: { public: true },
    args: {
      wardId: t.arg.globalID({ for: Ward, description: 'Only this ward’s policies.' }),
      fiscalYear: t.arg.int({ description: 'Only this fiscal year.', validate: fiscalYearArg }),
      status: t.arg({ type: PolicyStatusEnum, description: 'Only policies in this status.' }),
    },
    resolve: (query, _root, { wardId, fiscalYear, status }, ctx) =>
      ctx.db.improvementPolicy.findMany({
        ...query,
        where: {
          AND: [
            readablePoliciesWhere(ctx.viewer),
            wardId ? { wardId: wardId.id } : {},
            fiscalYear == null ? {} : { fiscalYear },
            status ? { status } : {},
          ],
        },
        orderBy: [{ ward: { position: 'asc' } }, { fiscalYear: 'desc' }, { id: 'asc' }],
      }),
  }),
}));

builder.prismaObjectFields(Ward, (t) => ({
  improvementPolicy: t.field({
    type: ImprovementPolicy,
    nullable: true,
    description:
      'The ward’s improvement policy (区役所サービス向上方針) for a fiscal year, if one exists and you may read it.',
    args: { fiscalYear: t.arg.int({ required: true, description: 'The fiscal year.', validate: fiscalYearArg }) },
    // Loaded with the ward in the same query batch, so a list of wards costs one statement more, not one per ward.
    select: ({ fiscalYear }, ctx, nestedSelection) => ({
      policies: {
        ...selectionObject(nestedSelection(true)),
        where: { AND: [{ fiscalYear }, readablePoliciesWhere(ctx.viewer)] },
        take: 1,
      },
    }),
    resolve: (ward) => ward.policies[0] ?? null,
  }),
}));

const policyTitle = z.string().trim().min(1).max(200);
const policyBody = z.string().trim().min(1).max(20_000);

const CreateImprovementPolicyInput = builder.inputType('CreateImprovementPolicyInput', {
  description: 'A new draft policy for a ward and fiscal year (one per ward and year).',
  fields: (t) => ({
    wardId: t.globalID({ for: Ward, required: true, description: 'The ward.' }),
    fiscalYear: t.int({ required: true, description: 'The fiscal year.', validate: fiscalYearArg }),
    title: t.string({ required: true, description: 'Title (1–200 characters).', validate: policyTitle }),
    body: t.string({ required: true, description: 'The policy text (1–20,000 characters).', validate: policyBody }),
  }),
});

const UpdateImprovementPolicyInput = builder.inputType('UpdateImprovementPolicyInput', {
  description: 'New text for a draft policy. Fields left out keep their value.',
  fields: (t) => ({
    id: t.globalID({ for: ImprovementPolicy, required: true, description: 'The policy.' }),
    expectedUpdatedAt: t.field({
      type: 'DateTime',
      required: true,
      description: 'The `updatedAt` you last read; refused with CONFLICT when someone changed the policy since.',
    }),
    title: t.string({ description: 'New title (1–200 characters).', validate: policyTitle }),
    body: t.string({ description: 'New text (1–20,000 characters).', validate: policyBody }),
  }),
});

const PublishImprovementPolicyInput = builder.inputType('PublishImprovementPolicyInput', {
  description: 'The draft policy to publish.',
  fields: (t) => ({
    id: t.globalID({ for: ImprovementPolicy, required: true, description: 'The policy.' }),
  }),
});

builder.mutationFields((t) => ({
  createImprovementPolicy: t.prismaField({
    type: 'ImprovementPolicy',
    description: 'Draft the ward’s policy for a fiscal year. Only the ward’s own mayor (区長).',
    args: { input: t.arg({ type: CreateImprovementPolicyInput, required: true, description: 'The policy.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await createPolicy(ctx, {
        wardId: input.wardId.id,
        fiscalYear: input.fiscalYear,
        title: input.title,
        body: input.body,
      });
      return ctx.db.improvementPolicy.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateImprovementPolicy: t.prismaField({
    type: 'ImprovementPolicy',
    description: 'Change a draft policy’s text. Only the ward’s own mayor, and only while it is a draft.',
    args: { input: t.arg({ type: UpdateImprovementPolicyInput, required: true, description: 'What to change.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await updatePolicy(ctx, {
        id: input.id.id,
        expectedUpdatedAt: input.expectedUpdatedAt,
        ...(input.title != null ? { title: input.title } : {}),
        ...(input.body != null ? { body: input.body } : {}),
      });
      return ctx.db.improvementPolicy.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  publishImprovementPolicy: t.prismaField({
    type: 'ImprovementPolicy',
    description: 'Publish a draft policy; it becomes public and can no longer be edited. Only the ward’s own mayor.',
    args: { input: t.arg({ type: PublishImprovementPolicyInput, required: true, description: 'The policy.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await publishPolicy(ctx, { id: input.id.id });
      return ctx.db.improvementPolicy.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

/** Whether the viewer may learn of this policy event (the policy as it is now is readable). */
export async function policyEventVisible(ctx: Context, event: Topics['policyChanged']): Promise<boolean> {
  const facts = await sharedPerEvent(event, 'access', () =>
    ctx.db.improvementPolicy.findUnique({
      where: { id: event.policyId },
      select: { status: true, wardId: true },
    }),
  );
  return facts !== null && canReadPolicy(ctx.viewer, facts);
}

builder.subscriptionFields((t) => ({
  improvementPolicyChanged: t.prismaField({
    type: 'ImprovementPolicy',
    description: 'Fires whenever the given policy is edited or published, for as long as you may read it.',
    args: { id: t.arg.globalID({ for: ImprovementPolicy, required: true, description: 'The policy to watch.' }) },
    subscribe: async (_root, { id }, ctx) => {
      const policy = await ctx.db.improvementPolicy.findUnique({
        where: { id: id.id },
        select: { status: true, wardId: true },
      });
      if (!policy || !canReadPolicy(ctx.viewer, policy))
        throw new AppError('NOT_FOUND', messages.notFound).toGraphQLError();
      const source = ctx.pubsub.subscribe('policyChanged');
      return (async function* () {
        try {
          for await (const event of source) {
            if (event.policyId !== id.id) continue;
            if (await policyEventVisible(ctx, event)) yield event;
          }
        } finally {
          await source.return?.();
        }
      })();
    },
    resolve: (query, event, _args, ctx) =>
      sharedPerEvent(event as object, query, () =>
        ctx.db.improvementPolicy.findUniqueOrThrow({
          ...query,
          where: { id: (event as { policyId: string }).policyId },
        }),
      ),
  }),
}));
