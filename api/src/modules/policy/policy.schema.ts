import { builder, selectionObject } from '../../builder.ts';
import { fiscalYearArg } from '../fiscal-year/fiscal-year.schema.ts';
import { Ward } from '../organisation/organisation.schema.ts';
import { canEditPolicy, canReadPolicy, readablePoliciesWhere } from './policy.policy.ts';

export const PolicyStatusEnum = builder.enumType('PolicyStatus', {
  description: 'Whether a ward’s improvement policy is published.',
  values: {
    DRAFT: { description: 'Being written by the ward mayor; the ward committee may comment.' },
    PUBLISHED: { description: 'Published; public.' },
  },
});

export const ImprovementPolicy = builder.prismaNode('ImprovementPolicy', {
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
      description: 'Whether you may edit this policy (the ward’s mayor, in a browser session).',
      resolve: (policy, _args, ctx) => canEditPolicy(ctx.viewer, policy),
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
