import { z } from 'zod';
import { builder } from '../../builder.ts';
import { AppError, messages } from '../../errors.ts';
import { fiscalYearArg } from '../fiscal-year/fiscal-year.schema.ts';
import { Principle, RecordOriginEnum } from '../guideline/guideline.schema.ts';
import { Section, Ward } from '../organisation/organisation.schema.ts';
import { Standard, StandardCategoryEnum } from '../standard/standard.schema.ts';
import {
  canCarryOver,
  canConfirmResultNow,
  canDecideTarget,
  canEditTarget,
  canPublishResultNow,
  canPublishTarget,
  canReadResult,
  canReadTarget,
  canReportResult,
  readableTargetsWhere,
} from './target.policy.ts';
import {
  advanceResult,
  carryOver,
  createTarget,
  decideTarget,
  publishApprovedTarget,
  reportResult,
  submitTarget,
  updateTargetText,
} from './target.service.ts';
import type { Context } from '../../context.ts';
import { sharedPerEvent } from '../../event-cache.ts';
import type { Topics } from '../../pubsub.ts';

export const TargetStateEnum = builder.enumType('TargetState', {
  description: 'The lifecycle of an improvement target.',
  values: {
    DRAFT: { description: 'Being written by the section.' },
    IN_REVIEW: { description: 'Submitted to the ward committee for review.' },
    CHANGES_REQUESTED: { description: 'The committee asked for changes; the section revises it.' },
    APPROVED: { description: 'Approved by the committee.' },
    PUBLISHED: { description: 'Published on the ward’s pages; public.' },
  },
});

export const AchievementLevelEnum = builder.enumType('AchievementLevel', {
  description: 'The city’s 5-level achievement scale for a target’s result (1 is best).',
  values: {
    GREATLY_EXCEEDED: { value: 'GREATLY_EXCEEDED', description: '1 — 大きく上回った: greatly exceeded the target.' },
    EXCEEDED: { value: 'EXCEEDED', description: '2 — 上回った: exceeded the target.' },
    ACHIEVED: { value: 'ACHIEVED', description: '3 — 達成: achieved the target.' },
    BELOW: { value: 'BELOW', description: '4 — 下回った: fell short of the target.' },
    GREATLY_BELOW: { value: 'GREATLY_BELOW', description: '5 — 大きく下回った: fell far short of the target.' },
  },
});

export const ResultStateEnum = builder.enumType('ResultState', {
  description: 'Where a year-end result stands.',
  values: {
    REPORTED: { description: 'Reported by the section.' },
    CONFIRMED: { description: 'Confirmed by the ward committee.' },
    PUBLISHED: { description: 'Published on the ward’s pages; public.' },
  },
});

const ACHIEVEMENT_SCORE = { GREATLY_EXCEEDED: 1, EXCEEDED: 2, ACHIEVED: 3, BELOW: 4, GREATLY_BELOW: 5 } as const;

export const ImprovementTarget = builder.prismaNode('ImprovementTarget', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description:
    '区役所サービス向上目標: a target a section sets for a fiscal year, based on the ward’s policy and the standards.',
  // Select mode: a query reads the columns its fields ask for (a page of 100 targets for a
  // report reads titles, not every description), plus what the permission rules need.
  select: { id: true, state: true, sectionId: true, section: { select: { wardId: true } } },
  authScopes: (target, ctx) => canReadTarget(ctx.viewer, target),
  // The rule runs once per target (when graphql-js completes the object), not on each of its
  // fields; an unreadable target is refused as a whole, at the field that returned it.
  runScopesOnType: true,
  fields: (t) => ({
    fiscalYear: t.exposeInt('fiscalYear', { description: 'The fiscal year of the target.' }),
    state: t.expose('state', { type: TargetStateEnum, description: 'Where the target stands in its lifecycle.' }),
    title: t.exposeString('title', { description: 'Short title, in Japanese as the section wrote it.' }),
    description: t.exposeString('description', { description: '取組内容: what the section will do.' }),
    indicatorName: t.exposeString('indicatorName', {
      nullable: true,
      description: 'What is measured, for a numeric target.',
    }),
    unit: t.exposeString('unit', { nullable: true, description: 'Unit of the indicator (e.g. 分, %, 件).' }),
    baselineValue: t.expose('baselineValue', {
      type: 'Decimal',
      nullable: true,
      description: 'The indicator’s value at the start.',
    }),
    targetValue: t.expose('targetValue', {
      type: 'Decimal',
      nullable: true,
      description: 'The value the section aims to reach.',
    }),
    milestone: t.exposeString('milestone', {
      nullable: true,
      description: 'A qualitative milestone, for targets without a numeric indicator.',
    }),
    dueDate: t.expose('dueDate', { type: 'Date', nullable: true, description: 'When the target should be reached.' }),
    version: t.exposeInt('version', {
      description:
        'Increases with every change; send it back as `expectedVersion` so that concurrent edits are detected.',
    }),
    origin: t.expose('origin', { type: RecordOriginEnum, description: 'Where the target came from.' }),
    isSample: t.exposeBoolean('isSample', {
      description: 'True for sample data loaded for demonstration, not real records.',
    }),
    submittedAt: t.expose('submittedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was last submitted for review.',
    }),
    approvedAt: t.expose('approvedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the committee approved it.',
    }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true, description: 'When it was published.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      description: 'When it last changed (use for incremental sync).',
    }),
    section: t.relation('section', { description: 'The section (所属) that set the target.' }),
    policy: t.relation('policy', {
      nullable: true,
      description: 'The ward policy the target is based on, if linked and readable.',
    }),
    carriedOverFrom: t.relation('carriedOverFrom', {
      nullable: true,
      description: 'The unfinished target of an earlier fiscal year this one continues.',
    }),
    standards: t.field({
      type: [Standard],
      description: 'The standards the target serves (a few at most, so a plain list).',
      select: (_args, _ctx, nestedSelection) => ({
        standards: { select: { standard: nestedSelection(true) }, orderBy: { standard: { code: 'asc' } } },
      }),
      resolve: (target) => target.standards.map(({ standard }) => standard),
    }),
    principles: t.field({
      type: [Principle],
      description: 'The principles the target serves (a few at most, so a plain list).',
      select: (_args, _ctx, nestedSelection) => ({
        principles: { select: { principle: nestedSelection(true) }, orderBy: { principle: { position: 'asc' } } },
      }),
      resolve: (target) => target.principles.map(({ principle }) => principle),
    }),
    // Not a plain relation: a published target's result that is not published yet is null for
    // readers outside the ward, not an authorisation error that fails the whole list.
    result: t.field({
      type: TargetResult,
      nullable: true,
      description: 'The year-end result, once reported and readable (published results are public).',
      // The parent target carries the ward facts the rule needs; TargetResult's own rule then
      // looks further only for an unpublished result.
      select: (_args, _ctx, nestedSelection) => ({ result: nestedSelection(true) }),
      resolve: (target, _args, ctx) =>
        target.result && canReadResult(ctx.viewer, target.result, target) ? target.result : null,
    }),
    viewerCanEdit: t.boolean({
      description:
        'Whether you may edit the target now (the section’s staff, while it is a draft or changes were requested).',
      resolve: (target, _args, ctx) => canEditTarget(ctx.viewer, target),
    }),
  }),
});

export const TargetResult = builder.prismaObject('TargetResult', {
  description: 'The year-end result of a target, on the city’s 5-level achievement scale.',
  // Published results are public: reading one needs nothing but its row. Only an unpublished
  // one asks for its target's ward, then (findUnique calls of one tick are batched into one
  // statement per level), instead of every read of every result joining target and section —
  // two statements more on each page of a public list.
  // Select mode, as ImprovementTarget: the columns asked for, and what the rule needs.
  select: { state: true, targetId: true },
  // Synchronous for a published result: no promise per row of a public list.
  authScopes: (result, ctx) =>
    result.state === 'PUBLISHED' ||
    ctx.db.improvementTarget
      .findUniqueOrThrow({
        where: { id: result.targetId },
        select: { sectionId: true, section: { select: { wardId: true } } },
      })
      .then((target) => canReadTarget(ctx.viewer, { ...target, state: 'APPROVED' })),
  runScopesOnType: true,
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id of the result (read it through its target).' }),
    state: t.expose('state', { type: ResultStateEnum, description: 'Reported, confirmed or published.' }),
    actualValue: t.expose('actualValue', {
      type: 'Decimal',
      nullable: true,
      description: 'The indicator’s value reached.',
    }),
    achievementLevel: t.expose('achievementLevel', {
      type: AchievementLevelEnum,
      description: 'The achievement level.',
    }),
    achievementScore: t.int({
      select: { achievementLevel: true },
      description:
        'The achievement level as its number on the city’s scale: 1 (greatly exceeded) … 3 (achieved) … 5 (greatly below).',
      resolve: (result) => ACHIEVEMENT_SCORE[result.achievementLevel],
    }),
    evidence: t.exposeString('evidence', { description: 'How the result was measured or what shows it.' }),
    lateReason: t.exposeString('lateReason', {
      nullable: true,
      description: 'Why the result was reported after its fiscal year ended.',
    }),
    reportedAt: t.expose('reportedAt', { type: 'DateTime', description: 'When the section reported it.' }),
    confirmedAt: t.expose('confirmedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the committee confirmed it.',
    }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true, description: 'When it was published.' }),
  }),
});

builder.prismaObjectFields(Section, (t) => ({
  targets: t.relatedConnection('targets', {
    cursor: 'id',
    description: 'The section’s improvement targets you may read (published ones for everyone), oldest first.',
    args: {
      fiscalYear: t.arg.int({ description: 'Only targets of this fiscal year.', validate: fiscalYearArg }),
      state: t.arg({ type: TargetStateEnum, description: 'Only targets in this state.' }),
    },
    query: ({ fiscalYear, state }, ctx) => ({
      where: {
        AND: [
          readableTargetsWhere(ctx.viewer),
          fiscalYear == null ? {} : { fiscalYear },
          state == null ? {} : { state },
        ],
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }),
  }),
}));

builder.queryFields((t) => ({
  improvementTargets: t.prismaConnection({
    type: 'ImprovementTarget',
    cursor: 'id',
    description:
      'Public for published targets. The targets you may read, filtered by the usual slices, in a stable order (ward, section, creation).',
    skipTypeScopes: true,
    authScopes: { public: true },
    args: {
      fiscalYear: t.arg.int({ description: 'Only this fiscal year.', validate: fiscalYearArg }),
      wardId: t.arg.globalID({ for: Ward, description: 'Only this ward’s targets.' }),
      sectionId: t.arg.globalID({ for: Section, description: 'Only this section’s targets.' }),
      standardId: t.arg.globalID({ for: Standard, description: 'Only targets serving this standard.' }),
      category: t.arg({ type: StandardCategoryEnum, description: 'Only targets serving a standard of this category.' }),
      state: t.arg({ type: TargetStateEnum, description: 'Only targets in this state.' }),
      updatedSince: t.arg({
        type: 'DateTime',
        description: 'Only targets changed at or after this instant (incremental sync).',
      }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.improvementTarget.findMany({
        ...query,
        where: {
          AND: [
            readableTargetsWhere(ctx.viewer),
            args.fiscalYear == null ? {} : { fiscalYear: args.fiscalYear },
            args.wardId ? { section: { wardId: args.wardId.id } } : {},
            args.sectionId ? { sectionId: args.sectionId.id } : {},
            args.standardId ? { standards: { some: { standardId: args.standardId.id } } } : {},
            args.category ? { standards: { some: { standard: { category: args.category } } } } : {},
            args.state ? { state: args.state } : {},
            args.updatedSince ? { updatedAt: { gte: args.updatedSince } } : {},
          ],
        },
        orderBy: [
          { section: { ward: { position: 'asc' } } },
          { section: { position: 'asc' } },
          { createdAt: 'asc' },
          { id: 'asc' },
        ],
      }),
  }),
}));

const UpdateImprovementTargetInput = builder.inputType('UpdateImprovementTargetInput', {
  description: 'Changes to a target’s text, indicator, due date and links. Fields left out keep their value.',
  fields: (t) => ({
    id: t.globalID({ for: ImprovementTarget, required: true, description: 'The target to change.' }),
    expectedVersion: t.int({
      required: true,
      description:
        'The `version` you last read; the change is refused with CONFLICT when someone changed the target since.',
    }),
    title: t.string({ description: 'New title (1–200 characters).', validate: z.string().trim().min(1).max(200) }),
    description: t.string({
      description: 'New description (at most 10,000 characters).',
      validate: z.string().max(10_000),
    }),
    milestone: t.string({
      description: 'New qualitative milestone (at most 2,000 characters); null clears it.',
      validate: z.string().max(2_000),
    }),
    indicatorName: t.string({
      description: 'New indicator (at most 200 characters); null clears it.',
      validate: z.string().max(200),
    }),
    unit: t.string({ description: 'New unit (at most 20 characters); null clears it.', validate: z.string().max(20) }),
    baselineValue: t.field({ type: 'Decimal', description: 'New baseline value; null clears it.' }),
    targetValue: t.field({
      type: 'Decimal',
      description: 'New target value; null clears it (the target then needs a milestone).',
    }),
    dueDate: t.field({ type: 'Date', description: 'New due date; null clears it.' }),
    standardIds: t.globalIDList({
      for: Standard,
      description: 'Replaces the standards the target serves (in force in its year; at most 20).',
      validate: z.array(z.unknown()).max(20),
    }),
    principleIds: t.globalIDList({
      for: Principle,
      description: 'Replaces the principles the target serves (at most 20).',
      validate: z.array(z.unknown()).max(20),
    }),
  }),
});

builder.mutationFields((t) => ({
  updateImprovementTarget: t.prismaField({
    type: 'ImprovementTarget',
    description:
      'Change a target’s text. Only the section’s own staff, while the target is a draft or changes were requested. Every saved text is kept as a revision.',
    args: { input: t.arg({ type: UpdateImprovementTargetInput, required: true, description: 'What to change.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await updateTargetText(ctx, {
        targetId: input.id.id,
        expectedVersion: input.expectedVersion,
        changes: {
          ...(input.title != null ? { title: input.title } : {}),
          ...(input.description != null ? { description: input.description } : {}),
          // Left out: kept. An explicit null clears the field (a number or date that no longer applies).
          ...(input.milestone !== undefined ? { milestone: input.milestone } : {}),
          ...(input.indicatorName !== undefined ? { indicatorName: input.indicatorName } : {}),
          ...(input.unit !== undefined ? { unit: input.unit } : {}),
          ...(input.baselineValue !== undefined ? { baselineValue: input.baselineValue } : {}),
          ...(input.targetValue !== undefined ? { targetValue: input.targetValue } : {}),
          ...(input.dueDate !== undefined ? { dueDate: input.dueDate } : {}),
        },
        links: {
          ...(input.standardIds ? { standardIds: input.standardIds.map((s) => s.id) } : {}),
          ...(input.principleIds ? { principleIds: input.principleIds.map((p) => p.id) } : {}),
        },
      });
      return ctx.db.improvementTarget.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

builder.subscriptionFields((t) => ({
  improvementTargetChanged: t.prismaField({
    type: 'ImprovementTarget',
    description: 'Fires whenever the given target changes; delivers the target as you may read it.',
    args: { id: t.arg.globalID({ for: ImprovementTarget, required: true, description: 'The target to watch.' }) },
    subscribe: async (_root, { id }, ctx) => {
      const target = await ctx.db.improvementTarget.findUnique({
        where: { id: id.id },
        select: { state: true, sectionId: true, section: { select: { wardId: true } } },
      });
      if (!target || !canReadTarget(ctx.viewer, target))
        throw new AppError('NOT_FOUND', messages.notFound).toGraphQLError();
      // Authorised again on every event: a target that became unreadable (e.g. the viewer lost
      // their role) is not delivered, not even as an error that would reveal a change.
      return filterAsync(
        ctx.pubsub.subscribe('targetChanged'),
        (event) => event.targetId === id.id && targetEventVisible(ctx, event),
      );
    },
    // Every subscriber of one event with the same selection shares one read (event-cache.ts).
    resolve: (query, event, _args, ctx) =>
      sharedPerEvent(event as object, query, () =>
        ctx.db.improvementTarget.findUniqueOrThrow({
          ...query,
          where: { id: (event as { targetId: string }).targetId },
        }),
      ),
  }),
}));

/**
 * Whether the viewer may learn of this target event: the target as it is now is readable.
 * The subscription and `changesSince` both ask this.
 */
export async function targetEventVisible(ctx: Context, event: Topics['targetChanged']): Promise<boolean> {
  const facts = await sharedPerEvent(event, 'access', () =>
    ctx.db.improvementTarget.findUnique({
      where: { id: event.targetId },
      select: { state: true, sectionId: true, section: { select: { wardId: true } } },
    }),
  );
  return facts !== null && canReadTarget(ctx.viewer, facts);
}

async function* filterAsync<T>(
  source: AsyncIterableIterator<T>,
  keep: (value: T) => boolean | Promise<boolean>,
): AsyncGenerator<T> {
  try {
    for await (const value of source) if (await keep(value)) yield value;
  } finally {
    await source.return?.();
  }
}

builder.prismaObjectFields(ImprovementTarget, (t) => ({
  // Rounds are the ward's internal work: empty, not an error, for readers of a published target
  // outside the ward (citizens, other wards' staff).
  reviewRounds: t.relation('reviewRounds', {
    description:
      'The committee review rounds, oldest first (one per submission, so a short list); empty for readers outside the ward.',
    query: (_args, ctx) => ({
      orderBy: { number: 'asc' },
      where: ctx.viewer.readsAll ? {} : { target: { section: { wardId: { in: [...ctx.viewer.readableWardIds()] } } } },
    }),
  }),
  viewerCanSubmit: t.boolean({
    description: 'Whether you may submit the target for review now (the section’s staff, draft or changes requested).',
    resolve: (target, _args, ctx) => canEditTarget(ctx.viewer, target),
  }),
  viewerCanDecide: t.boolean({
    description:
      'Whether you may approve it or ask for changes now (the committee chair or the ward coordinator, while in review).',
    resolve: (target, _args, ctx) => canDecideTarget(ctx.viewer, target),
  }),
  viewerCanPublish: t.boolean({
    description: 'Whether you may publish it now (the ward coordinator or mayor, once approved).',
    resolve: (target, _args, ctx) => canPublishTarget(ctx.viewer, target),
  }),
  viewerCanReportResult: t.boolean({
    description: 'Whether you may report its result now (the section’s staff, once approved).',
    resolve: (target, _args, ctx) => canReportResult(ctx.viewer, target),
  }),
  viewerCanConfirmResult: t.boolean({
    description:
      'Whether you may confirm its result now (the committee chair or the ward coordinator, once a result is reported).',
    select: { result: { select: { state: true, achievementLevel: true } } },
    resolve: (target, _args, ctx) => canConfirmResultNow(ctx.viewer, target),
  }),
  viewerCanPublishResult: t.boolean({
    description:
      'Whether you may publish its result now (the ward coordinator or mayor, once the target is published and its result confirmed).',
    select: { result: { select: { state: true, achievementLevel: true } } },
    resolve: (target, _args, ctx) => canPublishResultNow(ctx.viewer, target),
  }),
  viewerCanCarryOver: t.boolean({
    description:
      'Whether you may carry it over into the next fiscal year now (the section’s staff, approved or published, not achieved, not carried over yet).',
    select: {
      result: { select: { state: true, achievementLevel: true } },
      carriedOverTo: { select: { id: true } },
    },
    resolve: (target, _args, ctx) => canCarryOver(ctx.viewer, target, target.carriedOverTo !== null),
  }),
}));

const TargetRefInput = builder.inputType('ImprovementTargetRefInput', {
  description: 'The target to act on.',
  fields: (t) => ({
    id: t.globalID({ for: ImprovementTarget, required: true, description: 'The target.' }),
  }),
});

const SubmitImprovementTargetInput = builder.inputType('SubmitImprovementTargetInput', {
  description: 'Submit a target to the ward committee for review.',
  fields: (t) => ({
    id: t.globalID({ for: ImprovementTarget, required: true, description: 'The target.' }),
    expectedVersion: t.int({
      required: true,
      description: 'The `version` you last read (CONFLICT when it changed since).',
    }),
    dueDate: t.field({ type: 'Date', description: 'Last day for reviews; 14 days from today when left out.' }),
  }),
});

const RequestTargetChangesInput = builder.inputType('RequestTargetChangesInput', {
  description: 'Send a target in review back to its section.',
  fields: (t) => ({
    id: t.globalID({ for: ImprovementTarget, required: true, description: 'The target.' }),
    note: t.string({ description: 'What should change (at most 2,000 characters).', validate: z.string().max(2_000) }),
  }),
});

const ReportTargetResultInput = builder.inputType('ReportTargetResultInput', {
  description: 'A section’s year-end result for a target.',
  fields: (t) => ({
    id: t.globalID({ for: ImprovementTarget, required: true, description: 'The target.' }),
    achievementLevel: t.field({
      type: AchievementLevelEnum,
      required: true,
      description: 'Where the result stands on the city’s scale.',
    }),
    actualValue: t.field({ type: 'Decimal', description: 'The indicator’s value reached, for numeric targets.' }),
    evidence: t.string({
      required: true,
      description: 'How it was measured or what shows it (1–5,000 characters).',
      validate: z.string().trim().min(1).max(5_000),
    }),
    lateReason: t.string({
      description:
        'Required when the target’s fiscal year has already ended: why the report is late (at most 2,000 characters).',
      validate: z.string().max(2_000),
    }),
  }),
});

const returnTarget = (ctx: Parameters<typeof updateTargetText>[0], query: object, id: string) =>
  ctx.db.improvementTarget.findUniqueOrThrow({ ...query, where: { id } });

builder.mutationFields((t) => ({
  submitImprovementTarget: t.prismaField({
    type: 'ImprovementTarget',
    description:
      'Submit a draft (or a target sent back for changes) for committee review; opens a review round and asks the ward committee’s members to review.',
    args: { input: t.arg({ type: SubmitImprovementTargetInput, required: true, description: 'The target.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await submitTarget(ctx, {
        targetId: input.id.id,
        expectedVersion: input.expectedVersion,
        ...(input.dueDate ? { dueDate: input.dueDate } : {}),
      });
      return returnTarget(ctx, query, id);
    },
  }),
  approveImprovementTarget: t.prismaField({
    type: 'ImprovementTarget',
    description: 'Approve a target in review and close its round. The committee chair or the ward coordinator.',
    args: { input: t.arg({ type: TargetRefInput, required: true, description: 'The target.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await decideTarget(ctx, { targetId: input.id.id, decision: 'APPROVE' });
      return returnTarget(ctx, query, id);
    },
  }),
  requestImprovementTargetChanges: t.prismaField({
    type: 'ImprovementTarget',
    description:
      'Send a target in review back to its section for changes and close the round. The committee chair or the ward coordinator.',
    args: {
      input: t.arg({
        type: RequestTargetChangesInput,
        required: true,
        description: 'The target and what should change.',
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await decideTarget(ctx, {
        targetId: input.id.id,
        decision: 'REQUEST_CHANGES',
        ...(input.note ? { note: input.note } : {}),
      });
      return returnTarget(ctx, query, id);
    },
  }),
  publishImprovementTarget: t.prismaField({
    type: 'ImprovementTarget',
    description: 'Publish an approved target on the ward’s pages. The ward coordinator or mayor.',
    args: { input: t.arg({ type: TargetRefInput, required: true, description: 'The target.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await publishApprovedTarget(ctx, { targetId: input.id.id });
      return returnTarget(ctx, query, id);
    },
  }),
  reportTargetResult: t.prismaField({
    type: 'ImprovementTarget',
    description:
      'Report (or correct, until confirmed) a target’s year-end result. The section’s staff; after the fiscal year ended, with the reason.',
    args: { input: t.arg({ type: ReportTargetResultInput, required: true, description: 'The result.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await reportResult(ctx, {
        targetId: input.id.id,
        achievementLevel: input.achievementLevel,
        actualValue: input.actualValue ?? null,
        evidence: input.evidence,
        lateReason: input.lateReason ?? null,
      });
      return returnTarget(ctx, query, id);
    },
  }),
  confirmTargetResult: t.prismaField({
    type: 'ImprovementTarget',
    description: 'Confirm a reported result. The committee chair or the ward coordinator.',
    args: { input: t.arg({ type: TargetRefInput, required: true, description: 'The target.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await advanceResult(ctx, { targetId: input.id.id, to: 'CONFIRMED' });
      return returnTarget(ctx, query, id);
    },
  }),
  publishTargetResult: t.prismaField({
    type: 'ImprovementTarget',
    description: 'Publish a confirmed result of a published target. The ward coordinator or mayor.',
    args: { input: t.arg({ type: TargetRefInput, required: true, description: 'The target.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await advanceResult(ctx, { targetId: input.id.id, to: 'PUBLISHED' });
      return returnTarget(ctx, query, id);
    },
  }),
}));

const CreateImprovementTargetInput = builder.inputType('CreateImprovementTargetInput', {
  description:
    'A new draft target of a section for a fiscal year: a numeric indicator (target value) or a qualitative milestone.',
  fields: (t) => ({
    sectionId: t.globalID({
      for: Section,
      required: true,
      description: 'The section (所属); you must be on its staff.',
    }),
    fiscalYear: t.int({ required: true, description: 'The fiscal year.', validate: fiscalYearArg }),
    title: t.string({
      required: true,
      description: 'Short title (1–200 characters).',
      validate: z.string().trim().min(1).max(200),
    }),
    description: t.string({
      required: true,
      description: 'What the section will do (at most 10,000 characters).',
      validate: z.string().max(10_000),
    }),
    standardIds: t.globalIDList({
      for: Standard,
      required: true,
      description: 'Standards the target serves (in force that year; at most 20).',
      validate: z.array(z.unknown()).max(20),
    }),
    principleIds: t.globalIDList({
      for: Principle,
      required: true,
      description: 'Principles of the guideline in force (at most 20).',
      validate: z.array(z.unknown()).max(20),
    }),
    indicatorName: t.string({
      description: 'What is measured (at most 200 characters).',
      validate: z.string().max(200),
    }),
    unit: t.string({ description: 'Unit of the indicator (at most 20 characters).', validate: z.string().max(20) }),
    baselineValue: t.field({ type: 'Decimal', description: 'The indicator’s value at the start.' }),
    targetValue: t.field({ type: 'Decimal', description: 'The value to reach.' }),
    milestone: t.string({
      description: 'A qualitative milestone, for targets without a numeric indicator (at most 2,000 characters).',
      validate: z.string().max(2_000),
    }),
    dueDate: t.field({ type: 'Date', description: 'When the target should be reached.' }),
  }),
});

builder.mutationFields((t) => ({
  createImprovementTarget: t.prismaField({
    type: 'ImprovementTarget',
    description: 'Draft a target for your section. Linked to the ward’s policy of that year when there is one.',
    args: { input: t.arg({ type: CreateImprovementTargetInput, required: true, description: 'The target.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await createTarget(ctx, {
        sectionId: input.sectionId.id,
        fiscalYear: input.fiscalYear,
        title: input.title,
        description: input.description,
        standardIds: input.standardIds.map((s) => s.id),
        principleIds: input.principleIds.map((p) => p.id),
        indicatorName: input.indicatorName ?? null,
        unit: input.unit ?? null,
        baselineValue: input.baselineValue ?? null,
        targetValue: input.targetValue ?? null,
        milestone: input.milestone ?? null,
        dueDate: input.dueDate ?? null,
      });
      return ctx.db.improvementTarget.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

const REVISION_FIELDS = [
  'title',
  'description',
  'indicatorName',
  'unit',
  'baselineValue',
  'targetValue',
  'milestone',
  'dueDate',
] as const;

export const TargetRevision = builder.prismaObject('TargetRevision', {
  description: 'A saved text of a target: every save is kept, numbered from 1.',
  include: { target: { select: { state: true, sectionId: true, section: { select: { wardId: true } } } } },
  authScopes: (revision, ctx) => canReadTarget(ctx.viewer, { ...revision.target, state: 'DRAFT' }),
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id of the revision.' }),
    number: t.exposeInt('number', { description: 'The revision’s number for its target, from 1.' }),
    content: t.string({ description: 'The saved fields as JSON.', resolve: (r) => JSON.stringify(r.content) }),
    author: t.relation('author', { nullable: true, description: 'Who saved it.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was saved.' }),
  }),
});

const FieldChange = builder
  .objectRef<{ field: string; before: string | null; after: string | null }>('TargetFieldChange')
  .implement({
    description: 'One field that differs between two revisions of a target.',
    authScopes: { signedIn: true },
    fields: (t) => ({
      field: t.exposeString('field', { description: 'The field, e.g. title or targetValue.' }),
      before: t.exposeString('before', { nullable: true, description: 'Its value in the earlier revision.' }),
      after: t.exposeString('after', { nullable: true, description: 'Its value in the later revision.' }),
    }),
  });

builder.prismaObjectFields(ImprovementTarget, (t) => ({
  revisions: t.relatedConnection('revisions', {
    cursor: 'id',
    description: 'Every saved text of the target, newest first. Not for anonymous visitors of a published target.',
    authScopes: { staff: true },
    nullable: true,
    query: { orderBy: { number: 'desc' } },
  }),
  revisionChanges: t.field({
    type: [FieldChange],
    nullable: true,
    description:
      'Staff only. The fields that differ between two revisions (by number), to compare what the section changed.',
    authScopes: { staff: true },
    args: {
      from: t.arg.int({ required: true, description: 'The earlier revision’s number.' }),
      to: t.arg.int({ required: true, description: 'The later revision’s number.' }),
    },
    resolve: async (target, { from, to }, ctx) => {
      const rows = await ctx.db.targetRevision.findMany({ where: { targetId: target.id, number: { in: [from, to] } } });
      const a = rows.find((r) => r.number === from);
      const b = rows.find((r) => r.number === to);
      if (!a || !b) throw new AppError('NOT_FOUND', messages.notFound);
      const text = (content: unknown, field: string) => {
        const value = (content as Record<string, unknown>)[field];
        return value === undefined || value === null ? null : String(value);
      };
      return REVISION_FIELDS.map((field) => ({
        field,
        before: text(a.content, field),
        after: text(b.content, field),
      })).filter((change) => change.before !== change.after);
    },
  }),
}));

builder.mutationFields((t) => ({
  carryOverImprovementTarget: t.prismaField({
    type: 'ImprovementTarget',
    description:
      'Carry an unfinished target (approved or published, not achieved) into the next fiscal year as a new draft linked to it. The section’s staff; once per target.',
    args: { input: t.arg({ type: TargetRefInput, required: true, description: 'The target to carry over.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await carryOver(ctx, { targetId: input.id.id });
      return ctx.db.improvementTarget.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
