// Problems (課題) and improvement proposals (改善提案): types, staff lists and their writes.
import type { ProblemStatus } from '@shishin/prisma';
import { z } from 'zod';
import { builder } from '../../builder.ts';
import type { Context } from '../../context.ts';
import { sharedPerEvent } from '../../event-cache.ts';
import type { Topics } from '../../pubsub.ts';
import { GuidelineVersion, Principle, RecordOriginEnum } from '../guideline/guideline.schema.ts';
import { Section, Ward } from '../organisation/organisation.schema.ts';
import { Standard } from '../standard/standard.schema.ts';
import { canReadTarget, readableTargetsWhere } from '../target/target.policy.ts';
import { ImprovementTarget } from '../target/target.schema.ts';
import { canEditProblem, canReadProblem, readableProblemsWhere } from './problem.policy.ts';
import {
  changeProblemStatus,
  createProblemRecord,
  updateProblemRecord,
  type ProblemFields,
  type ProblemKind,
} from './problem.service.ts';

export const ProblemStatusEnum = builder.enumType('ProblemStatus', {
  description: 'What became of a problem or proposal.',
  values: {
    OPEN: { description: 'Not yet decided.' },
    ADOPTED_AS_TARGET: { description: 'Taken up as an improvement target of a section.' },
    ADOPTED_AS_STANDARD: { description: 'Taken up as a city-wide ward office service standard.' },
    DECLINED: { description: 'Not taken up; `declineReason` says why.' },
  },
});

export const Problem = builder.prismaNode('Problem', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description:
    '課題: a problem found in ward office service, entered directly or promoted from a workshop board. For the staff of its ward and city-wide roles (a city-wide record: any staff).',
  authScopes: (problem, ctx) => canReadProblem(ctx.viewer, problem),
  fields: (t) => ({
    title: t.exposeString('title', { description: 'Short title, in Japanese.' }),
    titleEn: t.exposeString('titleEn', { nullable: true, description: 'Title in English, if written.' }),
    body: t.exposeString('body', { description: 'What the problem is, in Japanese.' }),
    bodyEn: t.exposeString('bodyEn', { nullable: true, description: 'The text in English, if written.' }),
    status: t.expose('status', { type: ProblemStatusEnum, description: 'What became of it.' }),
    declineReason: t.exposeString('declineReason', { nullable: true, description: 'Why it was declined.' }),
    origin: t.expose('origin', { type: RecordOriginEnum, description: 'Entered directly or from a workshop board.' }),
    workshopDate: t.expose('workshopDate', {
      type: 'Date',
      nullable: true,
      description: 'The day of the workshop it came from, if any.',
    }),
    ward: t.relation('ward', { nullable: true, description: 'The ward it concerns; null for a city-wide record.' }),
    section: t.relation('section', { nullable: true, description: 'The section it concerns, if one.' }),
    guidelineVersion: t.relation('guidelineVersion', {
      nullable: true,
      description: 'The guideline version (e.g. a draft revision) it was raised for, if any.',
    }),
    standards: t.field({
      type: [Standard],
      description: 'The standards it relates to (a few at most, so a plain list).',
      select: (_args, _ctx, nestedSelection) => ({
        standards: { select: { standard: nestedSelection(true) }, orderBy: { standard: { code: 'asc' } } },
      }),
      resolve: (problem) => problem.standards.map(({ standard }) => standard),
    }),
    principles: t.field({
      type: [Principle],
      description: 'The principles it relates to (a few at most, so a plain list).',
      select: (_args, _ctx, nestedSelection) => ({
        principles: { select: { principle: nestedSelection(true) }, orderBy: { principle: { position: 'asc' } } },
      }),
      resolve: (problem) => problem.principles.map(({ principle }) => principle),
    }),
    adoptedTarget: t.field({
      type: ImprovementTarget,
      nullable: true,
      description:
        'The improvement target it was adopted as (status ADOPTED_AS_TARGET); null otherwise, and null when you may not read that target.',
      select: (_args, _ctx, nestedSelection) => ({
        adoptedTarget: nestedSelection({ include: { section: { select: { wardId: true } } } }),
      }),
      // A problem is readable by all staff, its target only by that ward and the city: answer
      // null rather than an error, as lists of targets leave out what you may not read.
      resolve: (problem, _args, ctx) =>
        problem.adoptedTarget && canReadTarget(ctx.viewer, problem.adoptedTarget) ? problem.adoptedTarget : null,
    }),
    adoptedStandard: t.relation('adoptedStandard', {
      nullable: true,
      description: 'The city-wide standard it was adopted as (status ADOPTED_AS_STANDARD); null otherwise.',
    }),
    proposals: t.relatedConnection('proposals', {
      cursor: 'id',
      description: 'Improvement proposals that answer this problem and that you may read, oldest first.',
      query: (_args, ctx) => ({
        where: readableProblemsWhere(ctx.viewer),
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      }),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was recorded.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
    viewerCanEdit: t.boolean({
      description:
        'Whether you may edit it or change its status (staff of its ward, city-wide roles; any staff for city-wide records).',
      resolve: (problem, _args, ctx) => canEditProblem(ctx.viewer, problem),
    }),
  }),
});

export const Proposal = builder.prismaNode('Proposal', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description:
    '改善策・改善提案: an improvement proposal, entered directly or promoted from a workshop board. For the staff of its ward and city-wide roles (a city-wide record: any staff).',
  authScopes: (proposal, ctx) => canReadProblem(ctx.viewer, proposal),
  fields: (t) => ({
    title: t.exposeString('title', { description: 'Short title, in Japanese.' }),
    titleEn: t.exposeString('titleEn', { nullable: true, description: 'Title in English, if written.' }),
    body: t.exposeString('body', { description: 'What is proposed, in Japanese.' }),
    bodyEn: t.exposeString('bodyEn', { nullable: true, description: 'The text in English, if written.' }),
    status: t.expose('status', { type: ProblemStatusEnum, description: 'What became of it.' }),
    declineReason: t.exposeString('declineReason', { nullable: true, description: 'Why it was declined.' }),
    origin: t.expose('origin', { type: RecordOriginEnum, description: 'Entered directly or from a workshop board.' }),
    workshopDate: t.expose('workshopDate', {
      type: 'Date',
      nullable: true,
      description: 'The day of the workshop it came from, if any.',
    }),
    problem: t.field({
      type: Problem,
      nullable: true,
      description: 'The problem this proposal answers, if any; null when you may not read it.',
      select: (_args, _ctx, nestedSelection) => ({ problem: nestedSelection(true) }),
      resolve: (proposal, _args, ctx) =>
        proposal.problem && canReadProblem(ctx.viewer, proposal.problem) ? proposal.problem : null,
    }),
    ward: t.relation('ward', { nullable: true, description: 'The ward it concerns; null for a city-wide record.' }),
    section: t.relation('section', { nullable: true, description: 'The section it concerns, if one.' }),
    guidelineVersion: t.relation('guidelineVersion', {
      nullable: true,
      description: 'The guideline version (e.g. a draft revision) it was raised for, if any.',
    }),
    standards: t.field({
      type: [Standard],
      description: 'The standards it relates to (a few at most, so a plain list).',
      select: (_args, _ctx, nestedSelection) => ({
        standards: { select: { standard: nestedSelection(true) }, orderBy: { standard: { code: 'asc' } } },
      }),
      resolve: (proposal) => proposal.standards.map(({ standard }) => standard),
    }),
    principles: t.field({
      type: [Principle],
      description: 'The principles it relates to (a few at most, so a plain list).',
      select: (_args, _ctx, nestedSelection) => ({
        principles: { select: { principle: nestedSelection(true) }, orderBy: { principle: { position: 'asc' } } },
      }),
      resolve: (proposal) => proposal.principles.map(({ principle }) => principle),
    }),
    adoptedAsTargets: t.relation('targets', {
      description: 'Improvement targets adopted from this proposal (their origin link), that you may read.',
      // Filtered like every target list: a proposal is readable by all staff, its targets are not.
      query: (_args, ctx) => ({ where: readableTargetsWhere(ctx.viewer), orderBy: { createdAt: 'asc' } }),
    }),
    adoptedAsStandards: t.relation('standardsOriginated', {
      description: 'City-wide standards adopted from this proposal (their origin link).',
      query: { orderBy: { code: 'asc' } },
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was recorded.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
    viewerCanEdit: t.boolean({
      description:
        'Whether you may edit it or change its status (staff of its ward, city-wide roles; any staff for city-wide records).',
      resolve: (proposal, _args, ctx) => canEditProblem(ctx.viewer, proposal),
    }),
  }),
});

// ───────────────────────────── lists ─────────────────────────────

interface ListArgs {
  wardId?: { id: string } | null;
  sectionId?: { id: string } | null;
  status?: ProblemStatus | null;
  standardId?: { id: string } | null;
  principleId?: { id: string } | null;
  updatedSince?: Date | null;
}

function listWhere(args: ListArgs) {
  return {
    AND: [
      args.wardId ? { wardId: args.wardId.id } : {},
      args.sectionId ? { sectionId: args.sectionId.id } : {},
      args.status ? { status: args.status } : {},
      args.standardId ? { standards: { some: { standardId: args.standardId.id } } } : {},
      args.principleId ? { principles: { some: { principleId: args.principleId.id } } } : {},
      args.updatedSince ? { updatedAt: { gte: args.updatedSince } } : {},
    ],
  };
}

builder.queryFields((t) => {
  const filters = () => ({
    wardId: t.arg.globalID({ for: Ward, description: 'Only records of this ward.' }),
    sectionId: t.arg.globalID({ for: Section, description: 'Only records of this section.' }),
    status: t.arg({ type: ProblemStatusEnum, description: 'Only records in this status.' }),
    standardId: t.arg.globalID({ for: Standard, description: 'Only records linked to this standard.' }),
    principleId: t.arg.globalID({ for: Principle, description: 'Only records linked to this principle.' }),
    updatedSince: t.arg({
      type: 'DateTime',
      description: 'Only records changed at or after this instant (incremental sync).',
    }),
  });
  return {
    problems: t.prismaConnection({
      type: 'Problem',
      cursor: 'id',
      description:
        'Staff only. Problems (課題) you may read (your wards’ and city-wide ones; every ward’s for city-wide roles), newest first, filtered by the usual slices.',
      authScopes: { staff: true },
      args: filters(),
      resolve: (query, _root, args, ctx) =>
        ctx.db.problem.findMany({
          ...query,
          where: { AND: [listWhere(args), readableProblemsWhere(ctx.viewer)] },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        }),
    }),
    proposals: t.prismaConnection({
      type: 'Proposal',
      cursor: 'id',
      description:
        'Staff only. Improvement proposals (改善提案) you may read (as `problems`), newest first, filtered by the usual slices.',
      authScopes: { staff: true },
      args: {
        ...filters(),
        problemId: t.arg.globalID({ for: Problem, description: 'Only proposals answering this problem.' }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.db.proposal.findMany({
          ...query,
          where: {
            AND: [
              listWhere(args),
              readableProblemsWhere(ctx.viewer),
              args.problemId ? { problemId: args.problemId.id } : {},
            ],
          },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        }),
    }),
  };
});

// ───────────────────────────── writes ─────────────────────────────

const title = z.string().trim().min(1).max(200);
const body = z.string().max(10_000);

function recordInput(name: string, description: string, kind: ProblemKind, create: boolean) {
  return builder.inputType(name, {
    description,
    fields: (t) => ({
      ...(create
        ? {}
        : {
            id: t.globalID({
              for: kind === 'Problem' ? Problem : Proposal,
              required: true,
              description: 'The record to change.',
            }),
          }),
      title: t.string({
        required: create,
        description: 'Short title in Japanese (1–200 characters).',
        validate: title,
      }),
      titleEn: t.string({ description: 'Title in English (at most 200 characters).', validate: z.string().max(200) }),
      body: t.string({ description: 'The text in Japanese (at most 10,000 characters).', validate: body }),
      bodyEn: t.string({ description: 'The text in English (at most 10,000 characters).', validate: body }),
      wardId: t.globalID({
        for: Ward,
        description: 'The ward it concerns; left out for a city-wide record (on update: null makes it city-wide).',
      }),
      sectionId: t.globalID({
        for: Section,
        description: 'The section it concerns (its ward follows from it); null on update removes it.',
      }),
      guidelineVersionId: t.globalID({
        for: GuidelineVersion,
        description: 'The guideline version it is raised for, e.g. a draft revision.',
      }),
      workshopDate: t.field({ type: 'Date', description: 'The day of the workshop it came from, if any.' }),
      standardIds: t.globalIDList({
        for: Standard,
        description: 'The standards it relates to (replaces the list on update; at most 20).',
        validate: z.array(z.unknown()).max(20),
      }),
      principleIds: t.globalIDList({
        for: Principle,
        description: 'The principles it relates to (replaces the list on update; at most 20).',
        validate: z.array(z.unknown()).max(20),
      }),
      ...(kind === 'Proposal'
        ? { problemId: t.globalID({ for: Problem, description: 'The problem this proposal answers.' }) }
        : {}),
    }),
  });
}

const CreateProblemInput = recordInput(
  'CreateProblemInput',
  'A new problem (課題), entered directly.',
  'Problem',
  true,
);
const UpdateProblemInput = recordInput(
  'UpdateProblemInput',
  'Changes to a problem. Fields left out keep their value.',
  'Problem',
  false,
);
const CreateProposalInput = recordInput(
  'CreateProposalInput',
  'A new improvement proposal (改善提案), entered directly.',
  'Proposal',
  true,
);
const UpdateProposalInput = recordInput(
  'UpdateProposalInput',
  'Changes to a proposal. Fields left out keep their value.',
  'Proposal',
  false,
);

function statusInput(name: string, kind: ProblemKind) {
  return builder.inputType(name, {
    description: `A decision on a ${kind === 'Problem' ? 'problem' : 'proposal'}: adopt, decline, or reopen.`,
    fields: (t) => ({
      id: t.globalID({ for: kind === 'Problem' ? Problem : Proposal, required: true, description: 'The record.' }),
      status: t.field({
        type: ProblemStatusEnum,
        required: true,
        description: 'The new status: from OPEN to an adopted or declined status, or back to OPEN.',
      }),
      reason: t.string({
        description: 'Why it is declined (required for DECLINED; at most 2,000 characters).',
        validate: z.string().max(2_000),
      }),
      targetId: t.globalID({
        for: ImprovementTarget,
        description: 'The target it became (required for ADOPTED_AS_TARGET).',
      }),
      standardId: t.globalID({
        for: Standard,
        description:
          'The standard it became (required for ADOPTED_AS_STANDARD; directors and the policy department only).',
      }),
    }),
  });
}

const ChangeProblemStatusInput = statusInput('ChangeProblemStatusInput', 'Problem');
const ChangeProposalStatusInput = statusInput('ChangeProposalStatusInput', 'Proposal');

type RecordArgs = {
  title?: string | null;
  titleEn?: string | null;
  body?: string | null;
  bodyEn?: string | null;
  wardId?: { id: string } | null;
  sectionId?: { id: string } | null;
  guidelineVersionId?: { id: string } | null;
  workshopDate?: Date | null;
  standardIds?: { id: string }[] | null;
  principleIds?: { id: string }[] | null;
  problemId?: { id: string } | null;
};

/** GraphQL input to service fields: left out → undefined (keep); explicit null → null (clear) where clearing makes sense. */
function toFields(input: RecordArgs): ProblemFields {
  const idOrNull = (value: { id: string } | null | undefined) =>
    value === undefined ? undefined : value === null ? null : value.id;
  return {
    ...(input.title != null ? { title: input.title } : {}),
    ...(input.titleEn !== undefined ? { titleEn: input.titleEn } : {}),
    ...(input.body != null ? { body: input.body } : {}),
    ...(input.bodyEn !== undefined ? { bodyEn: input.bodyEn } : {}),
    ...(input.wardId !== undefined ? { wardId: idOrNull(input.wardId) } : {}),
    ...(input.sectionId !== undefined ? { sectionId: idOrNull(input.sectionId) } : {}),
    ...(input.guidelineVersionId !== undefined ? { guidelineVersionId: idOrNull(input.guidelineVersionId) } : {}),
    ...(input.workshopDate !== undefined ? { workshopDate: input.workshopDate } : {}),
    ...(input.standardIds != null ? { standardIds: input.standardIds.map((s) => s.id) } : {}),
    ...(input.principleIds != null ? { principleIds: input.principleIds.map((p) => p.id) } : {}),
    ...(input.problemId !== undefined ? { problemId: idOrNull(input.problemId) } : {}),
  };
}

type StatusArgs = {
  id: { id: string };
  status: 'OPEN' | 'ADOPTED_AS_TARGET' | 'ADOPTED_AS_STANDARD' | 'DECLINED';
  reason?: string | null;
  targetId?: { id: string } | null;
  standardId?: { id: string } | null;
};
const toChange = (input: StatusArgs) => ({
  status: input.status,
  reason: input.reason ?? null,
  targetId: input.targetId?.id ?? null,
  standardId: input.standardId?.id ?? null,
});

builder.mutationFields((t) => ({
  createProblem: t.prismaField({
    type: Problem,
    description:
      'Record a problem (課題). Staff; a ward-scoped problem only by that ward’s staff or city-wide roles. Origin is DIRECT.',
    args: { input: t.arg({ type: CreateProblemInput, required: true, description: 'The problem.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await createProblemRecord(ctx, 'Problem', {
        ...toFields(input as RecordArgs),
        title: (input as RecordArgs).title!,
      });
      return ctx.db.problem.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateProblem: t.prismaField({
    type: Problem,
    description: 'Change a problem’s text, scope or links. Same permission as createProblem, in its old and new ward.',
    args: { input: t.arg({ type: UpdateProblemInput, required: true, description: 'What to change.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await updateProblemRecord(
        ctx,
        'Problem',
        (input as { id: { id: string } }).id.id,
        toFields(input as RecordArgs),
      );
      return ctx.db.problem.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  changeProblemStatus: t.prismaField({
    type: Problem,
    description:
      'Adopt a problem as a target or standard, decline it with a reason, or reopen it. Same permission as updateProblem; adopting as a standard also needs a director or the policy department.',
    args: { input: t.arg({ type: ChangeProblemStatusInput, required: true, description: 'The decision.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await changeProblemStatus(ctx, 'Problem', input.id.id, toChange(input as StatusArgs));
      return ctx.db.problem.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  createProposal: t.prismaField({
    type: Proposal,
    description:
      'Record an improvement proposal (改善提案). Staff; a ward-scoped proposal only by that ward’s staff or city-wide roles. Origin is DIRECT.',
    args: { input: t.arg({ type: CreateProposalInput, required: true, description: 'The proposal.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await createProblemRecord(ctx, 'Proposal', {
        ...toFields(input as RecordArgs),
        title: (input as RecordArgs).title!,
      });
      return ctx.db.proposal.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateProposal: t.prismaField({
    type: Proposal,
    description:
      'Change a proposal’s text, scope or links. Same permission as createProposal, in its old and new ward.',
    args: { input: t.arg({ type: UpdateProposalInput, required: true, description: 'What to change.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await updateProblemRecord(
        ctx,
        'Proposal',
        (input as { id: { id: string } }).id.id,
        toFields(input as RecordArgs),
      );
      return ctx.db.proposal.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  changeProposalStatus: t.prismaField({
    type: Proposal,
    description:
      'Adopt a proposal as a target (sets the target’s origin) or a standard (sets the standard’s origin), decline it with a reason, or reopen it (removing those links). Same permission as updateProposal; standards need a director or the policy department.',
    args: { input: t.arg({ type: ChangeProposalStatusInput, required: true, description: 'The decision.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await changeProblemStatus(ctx, 'Proposal', input.id.id, toChange(input as StatusArgs));
      return ctx.db.proposal.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

// ───────────────────────────── live events ─────────────────────────────

export const ProblemChangeEnum = builder.enumType('ProblemChange', {
  description: 'What happened to a problem or proposal.',
  values: {
    CREATED: { description: 'It was recorded.' },
    EDITED: { description: 'Its text, scope or links changed.' },
    ADOPTED: { description: 'It was adopted as a target or a standard.' },
    DECLINED: { description: 'It was declined, with a reason.' },
    REOPENED: { description: 'It was reopened (back to OPEN).' },
  },
});

type ProblemEventShape = Topics['problemChanged'];

const ProblemEvent = builder.objectRef<ProblemEventShape>('ProblemEvent').implement({
  description: 'A change to a problem (課題).',
  authScopes: { staff: true },
  fields: (t) => ({
    change: t.field({ type: ProblemChangeEnum, description: 'What happened.', resolve: (e) => e.change }),
    problem: t.prismaField({
      type: Problem,
      description: 'The problem as it is now (its adopted target only if you may read it).',
      resolve: (query, event, _args, ctx) =>
        sharedPerEvent(event, query, () => ctx.db.problem.findUniqueOrThrow({ ...query, where: { id: event.id } })),
    }),
  }),
});

const ProposalEvent = builder.objectRef<ProblemEventShape>('ProposalEvent').implement({
  description: 'A change to an improvement proposal (改善提案).',
  authScopes: { staff: true },
  fields: (t) => ({
    change: t.field({ type: ProblemChangeEnum, description: 'What happened.', resolve: (e) => e.change }),
    proposal: t.prismaField({
      type: Proposal,
      description: 'The proposal as it is now (its adopted targets only those you may read).',
      resolve: (query, event, _args, ctx) =>
        sharedPerEvent(event, query, () => ctx.db.proposal.findUniqueOrThrow({ ...query, where: { id: event.id } })),
    }),
  }),
});

/**
 * Whether the viewer may learn of this problem or proposal event: staff only (the
 * subscriptions' scope), with the same rule as a read, against the record's ward now.
 */
export function problemEventVisible(ctx: Context, event: ProblemEventShape): boolean {
  return ctx.viewer.isStaff && canReadProblem(ctx.viewer, { wardId: event.wardId });
}

/** One kind's events, for a viewer who may read them now, optionally of one ward. */
function problemEvents(ctx: Context, kind: ProblemKind, wardId: string | null) {
  const source = ctx.pubsub.subscribe('problemChanged');
  return (async function* () {
    try {
      for await (const event of source) {
        if (event.kind !== kind || (wardId && !event.wardIds.includes(wardId))) continue;
        if (problemEventVisible(ctx, event)) yield event;
      }
    } finally {
      await source.return?.();
    }
  })();
}

builder.subscriptionFields((t) => {
  const wardArg = () =>
    t.arg.globalID({ for: Ward, description: 'Only records of this ward (before or after the change).' });
  return {
    problemChanged: t.field({
      type: ProblemEvent,
      description:
        'Staff only. Problems (課題) you may read recorded, edited, adopted, declined or reopened (one moved out of your wards is left out).',
      authScopes: { staff: true },
      args: { wardId: wardArg() },
      subscribe: (_root, { wardId }, ctx) => problemEvents(ctx, 'Problem', wardId?.id ?? null),
      resolve: (event) => event,
    }),
    proposalChanged: t.field({
      type: ProposalEvent,
      description:
        'Staff only. Improvement proposals (改善提案) you may read recorded, edited, adopted, declined or reopened.',
      authScopes: { staff: true },
      args: { wardId: wardArg() },
      subscribe: (_root, { wardId }, ctx) => problemEvents(ctx, 'Proposal', wardId?.id ?? null),
      resolve: (event) => event,
    }),
  };
});
