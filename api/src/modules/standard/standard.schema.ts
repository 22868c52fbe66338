import { z } from 'zod';
import type { Prisma, Standard as StandardRow, StandardRevision as StandardRevisionRow } from '@shishin/prisma';
import { scalarsOnly, selectsOnlyLoaded } from '../../loaded-row.ts';
import { builder, selectionObject } from '../../builder.ts';
import { ImprovementTarget } from '../target/target.schema.ts';
import {
  adoptPractice,
  openReview,
  proposeRevision,
  publishReview,
  stageRetirement,
  type RevisionFields,
} from './standard.service.ts';
import { fiscalYearArg } from '../fiscal-year/fiscal-year.schema.ts';
import { Principle } from '../guideline/guideline.schema.ts';
import { canReadStandardRevision, readableRevisionsWhere } from './standard.policy.ts';

export const StandardCategoryEnum = builder.enumType('StandardCategory', {
  description: 'The two kinds of ward office service standard.',
  values: {
    SOFT: { description: 'ソフト基準: courtesy, explanation, processing speed — how staff serve.' },
    HARD: { description: 'ハード基準: facilities, signage, counter environment — the building and its equipment.' },
  },
});

export const RevisionStatusEnum = builder.enumType('RevisionStatus', {
  description: 'Whether a standard’s revision for a fiscal year is in force.',
  values: {
    PROPOSED: { description: 'Proposed in the directors’ meeting’s March review; not in force yet (staff only).' },
    PUBLISHED: { description: 'Published: in force for its fiscal year.' },
  },
});

export const IndicatorDirectionEnum = builder.enumType('IndicatorDirection', {
  description: 'Which way a measurable indicator improves.',
  values: {
    HIGHER_IS_BETTER: { description: 'Larger values are better (e.g. a satisfaction rate).' },
    LOWER_IS_BETTER: { description: 'Smaller values are better (e.g. a waiting time).' },
  },
});

export const Standard = builder.prismaNode('Standard', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description:
    '区役所サービス基準: a city-wide ward office service standard. Its levels live in one revision per fiscal year; the directors’ meeting raises them step by step.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code, e.g. S-01 (soft) or H-01 (hard).' }),
    category: t.expose('category', { type: StandardCategoryEnum, description: 'Soft or hard standard.' }),
    introducedFiscalYear: t.exposeInt('introducedFiscalYear', {
      description: 'The first fiscal year the standard applied.',
    }),
    retiredFiscalYear: t.exposeInt('retiredFiscalYear', {
      nullable: true,
      description: 'The first fiscal year the standard no longer applies; null while it is in force.',
    }),
    isSample: t.exposeBoolean('isSample', {
      description: 'True for sample data loaded for demonstration, not real records.',
    }),
    originWard: t.relation('originWard', {
      nullable: true,
      description: 'For a practice adopted from one ward as a city-wide standard: that ward.',
    }),
    principles: t.field({
      type: [Principle],
      description: 'The principles the standard serves (a few at most, so a plain list).',
      select: (_args, _ctx, nestedSelection) => ({
        principles: { select: { principle: nestedSelection(true) }, orderBy: { principle: { position: 'asc' } } },
      }),
      resolve: (standard) => standard.principles.map(({ principle }) => principle),
    }),
    revision: t.field({
      type: StandardRevision,
      nullable: true,
      description:
        'The revision in force in a fiscal year: the latest one published for that year or before. Staff also see a revision proposed for exactly that year.',
      args: { fiscalYear: t.arg.int({ required: true, description: 'The fiscal year.', validate: fiscalYearArg }) },
      select: ({ fiscalYear }, ctx, nestedSelection) => ({
        revisions: {
          ...selectionObject(nestedSelection(true)),
          where: {
            OR: [
              { fiscalYear: { lte: fiscalYear }, status: 'PUBLISHED' },
              { AND: [{ fiscalYear }, readableRevisionsWhere(ctx.viewer)] },
            ],
          },
          orderBy: { fiscalYear: 'desc' },
          take: 1,
        },
      }),
      resolve: (standard) => standard.revisions[0] ?? null,
    }),
    revisions: t.relatedConnection('revisions', {
      cursor: 'id',
      description: 'Every revision you may read, oldest fiscal year first: the history of how the standard was raised.',
      query: (_args, ctx) => ({ where: readableRevisionsWhere(ctx.viewer), orderBy: { fiscalYear: 'asc' } }),
    }),
  }),
});

export const StandardRevision = builder.prismaNode('StandardRevision', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description:
    'A standard as it stands in one fiscal year: its minimum level (最低基準) and aspirational level (目指すべき姿).',
  // Select mode: a list of revisions reads the columns asked for, not every level's long text.
  select: { id: true, status: true },
  authScopes: (revision, ctx) => canReadStandardRevision(ctx.viewer, revision),
  // Once per revision, not on each field (as ImprovementTarget).
  runScopesOnType: true,
  fields: (t) => ({
    fiscalYear: t.exposeInt('fiscalYear', { description: 'The fiscal year this revision applies from.' }),
    status: t.expose('status', { type: RevisionStatusEnum, description: 'Whether the revision is in force.' }),
    title: t.exposeString('title', { description: 'What the standard is about, in Japanese.' }),
    titleEn: t.exposeString('titleEn', { description: 'What the standard is about, in English.' }),
    minimumLevel: t.exposeString('minimumLevel', { description: '最低基準: what every ward must keep, in Japanese.' }),
    minimumLevelEn: t.exposeString('minimumLevelEn', { description: 'The minimum level in English.' }),
    aspirationalLevel: t.exposeString('aspirationalLevel', {
      description: '目指すべき姿: what wards aim for, in Japanese.',
    }),
    aspirationalLevelEn: t.exposeString('aspirationalLevelEn', { description: 'The aspirational level in English.' }),
    indicatorName: t.exposeString('indicatorName', {
      nullable: true,
      description: 'A measurable indicator, if the standard has one, in Japanese.',
    }),
    indicatorNameEn: t.exposeString('indicatorNameEn', { nullable: true, description: 'The indicator in English.' }),
    unit: t.exposeString('unit', { nullable: true, description: 'Unit of the indicator (e.g. 分, %).' }),
    minimumValue: t.expose('minimumValue', {
      type: 'Decimal',
      nullable: true,
      description: 'Indicator value of the minimum level.',
    }),
    aspirationalValue: t.expose('aspirationalValue', {
      type: 'Decimal',
      nullable: true,
      description: 'Indicator value of the aspirational level.',
    }),
    direction: t.expose('direction', {
      type: IndicatorDirectionEnum,
      nullable: true,
      description: 'Which way the indicator improves.',
    }),
    changeNote: t.exposeString('changeNote', {
      description: 'What changed from the previous revision and why; empty for the first.',
    }),
    publishedAt: t.expose('publishedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the revision was published.',
    }),
    standard: t.relation('standard', { description: 'The standard this revision belongs to.' }),
  }),
});

/** The standards in force in a year (or all), of a category, serving a principle by its key. */
function standardsWhere({
  fiscalYear,
  category,
  principleKey,
}: {
  fiscalYear?: number | null;
  category?: 'SOFT' | 'HARD' | null;
  principleKey?: string | null;
}): Prisma.StandardWhereInput {
  return {
    ...(category ? { category } : {}),
    ...(principleKey ? { principles: { some: { principle: { key: principleKey } } } } : {}),
    ...(fiscalYear == null
      ? {}
      : {
          introducedFiscalYear: { lte: fiscalYear },
          OR: [{ retiredFiscalYear: null }, { retiredFiscalYear: { gt: fiscalYear } }],
          revisions: { some: { fiscalYear: { lte: fiscalYear }, status: 'PUBLISHED' } },
        }),
  };
}

builder.queryFields((t) => ({
  standards: t.prismaConnection({
    type: 'Standard',
    cursor: 'id',
    description:
      'Public. The standards in force in a fiscal year (or all standards ever, without one), ordered by code.',
    skipTypeScopes: true,
    authScopes: { public: true },
    args: {
      fiscalYear: t.arg.int({ description: 'Only standards in force in this fiscal year.', validate: fiscalYearArg }),
      category: t.arg({ type: StandardCategoryEnum, description: 'Only soft or only hard standards.' }),
      principleKey: t.arg.string({ description: 'Only standards serving this principle (its stable key).' }),
    },
    totalCount: (_root, args, ctx) => ctx.db.standard.count({ where: standardsWhere(args) }),
    resolve: (query, _root, args, ctx) =>
      ctx.db.standard.findMany({ ...query, where: standardsWhere(args), orderBy: { code: 'asc' } }),
  }),
  standard: t.prismaField({
    type: 'Standard',
    nullable: true,
    description: 'Public. A standard by its code (e.g. "S-01").',
    skipTypeScopes: true,
    authScopes: { public: true },
    args: { code: t.arg.string({ required: true, description: 'The standard’s code.' }) },
    resolve: (query, _root, { code }, ctx) => ctx.db.standard.findUnique({ ...query, where: { code } }),
  }),
}));

export const StandardReviewStatusEnum = builder.enumType('StandardReviewStatus', {
  description: 'Where a March review of the standards stands.',
  values: {
    OPEN: { description: 'Revisions and retirements are being proposed.' },
    PUBLISHED: { description: 'The set for its fiscal year was published.' },
  },
});

export const StandardReview = builder.prismaNode('StandardReview', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description: 'The directors’ meeting’s review of the standards for a fiscal year (held each March). Staff only.',
  authScopes: { staff: true },
  fields: (t) => ({
    fiscalYear: t.exposeInt('fiscalYear', { description: 'The fiscal year whose standards it sets.' }),
    status: t.expose('status', { type: StandardReviewStatusEnum, description: 'Open or published.' }),
    openedAt: t.expose('openedAt', { type: 'DateTime', description: 'When it was opened.' }),
    publishedAt: t.expose('publishedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When its set was published.',
    }),
    revisions: t.relation('revisions', {
      description: 'The revisions proposed in this review (and new standards’ first revisions).',
      query: { orderBy: { standard: { code: 'asc' } } },
    }),
    retirements: t.field({
      type: [StandardRetirementRef],
      description: 'Standards this review retires, with the reasons.',
      select: { retirements: { select: { reason: true, standardId: true } } },
      resolve: (review) => review.retirements,
    }),
  }),
});

const StandardRetirementRef = builder
  .objectRef<{ reason: string; standardId: string }>('StandardRetirement')
  .implement({
    description: 'A standard retired by a review, and why.',
    authScopes: { staff: true },
    fields: (t) => ({
      reason: t.exposeString('reason', { description: 'Why it is retired.' }),
      standard: t.prismaField({
        type: 'Standard',
        description: 'The standard.',
        resolve: (query, r, _args, ctx) => ctx.db.standard.findUniqueOrThrow({ ...query, where: { id: r.standardId } }),
      }),
    }),
  });

export const StandardChangeKindEnum = builder.enumType('StandardChangeKind', {
  description: 'How a standard differs between two fiscal years.',
  values: {
    ADDED: { description: 'In force in the later year only.' },
    RETIRED: { description: 'In force in the earlier year only.' },
    RAISED: { description: 'Revised, and its minimum value moved in the indicator’s better direction.' },
    CHANGED: { description: 'Revised otherwise (wording, aspirational level, indicator).' },
    UNCHANGED: { description: 'The same revision is in force in both years.' },
  },
});

type Revision = {
  id: string;
  fiscalYear: number;
  minimumValue: { toString(): string } | null;
  direction: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER' | null;
};

interface StandardChangeShape {
  standardId: string;
  kind: 'ADDED' | 'RETIRED' | 'RAISED' | 'CHANGED' | 'UNCHANGED';
  from: string | null;
  to: string | null;
  /**
   * The rows standardChanges read, handed to the fields below when they ask for no more: every
   * column of the standards, the revisions' summary columns (REVISION_SUMMARY).
   */
  rows: { standard: StandardRow; from: RevisionSummary | null; to: RevisionSummary | null };
}

/**
 * The revision columns standardChanges reads: what the comparison needs and a change list
 * shows (titles, indicator, minimum value), not the levels' long texts. A query asking for
 * more reads the revisions again, once for the list.
 */
const REVISION_SUMMARY = {
  id: true,
  standardId: true,
  fiscalYear: true,
  status: true,
  title: true,
  titleEn: true,
  indicatorName: true,
  indicatorNameEn: true,
  unit: true,
  minimumValue: true,
  direction: true,
} satisfies Prisma.StandardRevisionSelect;
type RevisionSummary = Pick<StandardRevisionRow, keyof typeof REVISION_SUMMARY>;

const StandardChange = builder.objectRef<StandardChangeShape>('StandardChange').implement({
  description: 'One standard compared between two fiscal years, with the revision in force in each.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    kind: t.field({ type: StandardChangeKindEnum, description: 'How it changed.', resolve: (c) => c.kind }),
    standard: t.prismaField({
      type: 'Standard',
      description: 'The standard.',
      resolve: (query, c, _args, ctx) =>
        scalarsOnly(query)
          ? c.rows.standard
          : ctx.db.standard.findUniqueOrThrow({ ...query, where: { id: c.standardId } }),
    }),
    from: t.prismaField({
      type: 'StandardRevision',
      nullable: true,
      description: 'The revision in force in the earlier year (null when it was not in force).',
      resolve: (query, c, _args, ctx) =>
        !c.from
          ? null
          : selectsOnlyLoaded(query, c.rows.from!)
            ? (c.rows.from as StandardRevisionRow) // holds every column the query selects
            : ctx.db.standardRevision.findUnique({ ...query, where: { id: c.from } }),
    }),
    to: t.prismaField({
      type: 'StandardRevision',
      nullable: true,
      description: 'The revision in force in the later year (null when it is not in force).',
      resolve: (query, c, _args, ctx) =>
        !c.to
          ? null
          : selectsOnlyLoaded(query, c.rows.to!)
            ? (c.rows.to as StandardRevisionRow) // holds every column the query selects
            : ctx.db.standardRevision.findUnique({ ...query, where: { id: c.to } }),
    }),
  }),
});

function inForce<R extends Revision>(
  standard: { introducedFiscalYear: number; retiredFiscalYear: number | null; revisions: R[] },
  year: number,
): R | null {
  if (
    standard.introducedFiscalYear > year ||
    (standard.retiredFiscalYear !== null && standard.retiredFiscalYear <= year)
  )
    return null;
  let latest: R | null = null;
  for (const r of standard.revisions)
    if (r.fiscalYear <= year && (!latest || r.fiscalYear > latest.fiscalYear)) latest = r;
  return latest;
}

function changeKind(from: Revision | null, to: Revision | null): StandardChangeShape['kind'] {
  if (!from) return 'ADDED';
  if (!to) return 'RETIRED';
  if (from.id === to.id) return 'UNCHANGED';
  if (from.minimumValue !== null && to.minimumValue !== null && to.direction) {
    const before = Number(from.minimumValue.toString());
    const after = Number(to.minimumValue.toString());
    if (to.direction === 'HIGHER_IS_BETTER' ? after > before : after < before) return 'RAISED';
  }
  return 'CHANGED';
}

const text = (max: number) => z.string().trim().min(1).max(max);

const StandardRevisionFieldsInput = builder.inputType('StandardRevisionFieldsInput', {
  description: 'The levels of a standard for a fiscal year.',
  fields: (t) => ({
    title: t.string({
      required: true,
      description: 'What the standard is about, in Japanese (1–200 characters).',
      validate: text(200),
    }),
    titleEn: t.string({ required: true, description: 'The same in English (1–200 characters).', validate: text(200) }),
    minimumLevel: t.string({
      required: true,
      description: '最低基準 in Japanese (at most 4,000 characters).',
      validate: text(4_000),
    }),
    minimumLevelEn: t.string({ required: true, description: 'The minimum level in English.', validate: text(4_000) }),
    aspirationalLevel: t.string({
      required: true,
      description: '目指すべき姿 in Japanese (at most 4,000 characters).',
      validate: text(4_000),
    }),
    aspirationalLevelEn: t.string({
      required: true,
      description: 'The aspirational level in English.',
      validate: text(4_000),
    }),
    indicatorName: t.string({
      description: 'A measurable indicator (at most 200 characters).',
      validate: z.string().max(200),
    }),
    unit: t.string({ description: 'Its unit (at most 20 characters).', validate: z.string().max(20) }),
    minimumValue: t.field({ type: 'Decimal', description: 'The indicator’s value at the minimum level.' }),
    aspirationalValue: t.field({ type: 'Decimal', description: 'The indicator’s value at the aspirational level.' }),
    direction: t.field({ type: IndicatorDirectionEnum, description: 'Which way the indicator improves.' }),
    changeNote: t.string({
      description: 'What changes and why (at most 2,000 characters).',
      validate: z.string().max(2_000),
    }),
  }),
});

type RevisionInput = {
  title: string;
  titleEn: string;
  minimumLevel: string;
  minimumLevelEn: string;
  aspirationalLevel: string;
  aspirationalLevelEn: string;
  indicatorName?: string | null;
  unit?: string | null;
  minimumValue?: string | null;
  aspirationalValue?: string | null;
  direction?: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER' | null;
  changeNote?: string | null;
};

function revisionFields(r: RevisionInput): RevisionFields {
  return {
    title: r.title,
    titleEn: r.titleEn,
    minimumLevel: r.minimumLevel,
    minimumLevelEn: r.minimumLevelEn,
    aspirationalLevel: r.aspirationalLevel,
    aspirationalLevelEn: r.aspirationalLevelEn,
    indicatorName: r.indicatorName ?? null,
    unit: r.unit ?? null,
    minimumValue: r.minimumValue ?? null,
    aspirationalValue: r.aspirationalValue ?? null,
    direction: r.direction ?? null,
    changeNote: r.changeNote ?? '',
  };
}

const OpenStandardsReviewInput = builder.inputType('OpenStandardsReviewInput', {
  description: 'Open the review of the standards for a coming fiscal year.',
  fields: (t) => ({
    fiscalYear: t.int({
      required: true,
      description: 'The fiscal year the reviewed set will apply to.',
      validate: fiscalYearArg,
    }),
  }),
});

const ProposeStandardRevisionInput = builder.inputType('ProposeStandardRevisionInput', {
  description: 'A standard’s levels for the review’s fiscal year (replaces an earlier proposal in the same review).',
  fields: (t) => ({
    reviewId: t.globalID({ for: StandardReview, required: true, description: 'The open review.' }),
    standardId: t.globalID({ for: Standard, required: true, description: 'The standard to revise.' }),
    revision: t.field({ type: StandardRevisionFieldsInput, required: true, description: 'The new levels.' }),
  }),
});

const AdoptPracticeAsStandardInput = builder.inputType('AdoptPracticeAsStandardInput', {
  description: 'A new city-wide standard from a practice found in one ward’s target.',
  fields: (t) => ({
    reviewId: t.globalID({ for: StandardReview, required: true, description: 'The open review.' }),
    originTargetId: t.globalID({
      for: ImprovementTarget,
      required: true,
      description: 'The ward’s target the practice comes from.',
    }),
    code: t.string({
      required: true,
      description: 'The new standard’s code, e.g. S-09 (at most 20 characters).',
      validate: z
        .string()
        .trim()
        .regex(/^[A-Z]-\d{2,3}$/),
    }),
    category: t.field({ type: StandardCategoryEnum, required: true, description: 'Soft or hard.' }),
    principleIds: t.globalIDList({
      for: Principle,
      required: true,
      description: 'The principles it serves (at most 8).',
      validate: z.array(z.unknown()).max(8),
    }),
    revision: t.field({ type: StandardRevisionFieldsInput, required: true, description: 'Its levels.' }),
  }),
});

const RetireStandardInput = builder.inputType('RetireStandardInput', {
  description: 'Retire a standard from the review’s fiscal year on.',
  fields: (t) => ({
    reviewId: t.globalID({ for: StandardReview, required: true, description: 'The open review.' }),
    standardId: t.globalID({ for: Standard, required: true, description: 'The standard.' }),
    reason: t.string({ required: true, description: 'Why (1–2,000 characters).', validate: text(2_000) }),
  }),
});

const StandardsReviewRefInput = builder.inputType('StandardsReviewRefInput', {
  description: 'The review to act on.',
  fields: (t) => ({ reviewId: t.globalID({ for: StandardReview, required: true, description: 'The review.' }) }),
});

const managers = 'The directors’ meeting and the policy department only.';

builder.mutationFields((t) => ({
  openStandardsReview: t.prismaField({
    type: 'StandardReview',
    description: `Open the March review of the standards for a coming fiscal year. ${managers}`,
    args: { input: t.arg({ type: OpenStandardsReviewInput, required: true, description: 'The year.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await openReview(ctx, { fiscalYear: input.fiscalYear });
      return ctx.db.standardReview.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  proposeStandardRevision: t.prismaField({
    type: 'StandardRevision',
    description: `Propose a standard’s levels for the review’s year (e.g. raise its minimum level). ${managers}`,
    args: { input: t.arg({ type: ProposeStandardRevisionInput, required: true, description: 'The proposal.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await proposeRevision(ctx, {
        reviewId: input.reviewId.id,
        standardId: input.standardId.id,
        ...revisionFields(input.revision),
      });
      return ctx.db.standardRevision.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  adoptPracticeAsStandard: t.prismaField({
    type: 'Standard',
    description: `Adopt a practice found in one ward as a new city-wide standard, keeping the link to its target. ${managers}`,
    args: { input: t.arg({ type: AdoptPracticeAsStandardInput, required: true, description: 'The new standard.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await adoptPractice(ctx, {
        reviewId: input.reviewId.id,
        originTargetId: input.originTargetId.id,
        code: input.code,
        category: input.category,
        principleIds: input.principleIds.map((p) => p.id),
        ...revisionFields(input.revision),
      });
      return ctx.db.standard.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  retireStandard: t.prismaField({
    type: 'StandardReview',
    description: `Retire a standard when the review is published. ${managers}`,
    args: { input: t.arg({ type: RetireStandardInput, required: true, description: 'The standard and why.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      await stageRetirement(ctx, {
        reviewId: input.reviewId.id,
        standardId: input.standardId.id,
        reason: input.reason,
      });
      return ctx.db.standardReview.findUniqueOrThrow({ ...query, where: { id: input.reviewId.id } });
    },
  }),
  publishStandardsReview: t.prismaField({
    type: 'StandardReview',
    description: `Publish the reviewed set for its fiscal year in one step: proposed revisions come into force, retirements apply. ${managers}`,
    args: { input: t.arg({ type: StandardsReviewRefInput, required: true, description: 'The review.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await publishReview(ctx, { reviewId: input.reviewId.id });
      return ctx.db.standardReview.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

builder.queryFields((t) => ({
  standardsReview: t.prismaField({
    type: 'StandardReview',
    nullable: true,
    description: 'Staff only. The review of the standards for a fiscal year, if one was opened.',
    args: { fiscalYear: t.arg.int({ required: true, description: 'The fiscal year.', validate: fiscalYearArg }) },
    resolve: (query, _root, { fiscalYear }, ctx) =>
      ctx.db.standardReview.findUnique({ ...query, where: { fiscalYear } }),
  }),
  standardChanges: t.field({
    type: [StandardChange],
    description:
      'Public. Every standard compared between two fiscal years’ published sets (a few dozen standards, so a plain list), by code.',
    skipTypeScopes: true,
    authScopes: { public: true },
    args: {
      fromYear: t.arg.int({ required: true, description: 'The earlier fiscal year.', validate: fiscalYearArg }),
      toYear: t.arg.int({ required: true, description: 'The later fiscal year.', validate: fiscalYearArg }),
    },
    resolve: async (_root, { fromYear, toYear }, ctx) => {
      // The standards and their revisions read once, so the `standard`, `from` and `to` fields
      // need not read them again (one statement for the whole list) unless they ask for a
      // revision's long texts.
      const standards = await ctx.db.standard.findMany({
        orderBy: { code: 'asc' },
        include: {
          revisions: {
            where: { status: 'PUBLISHED', fiscalYear: { lte: Math.max(fromYear, toYear) } },
            select: REVISION_SUMMARY,
          },
        },
      });
      const changes: StandardChangeShape[] = [];
      for (const row of standards) {
        const from = inForce(row, fromYear);
        const to = inForce(row, toYear);
        if (!from && !to) continue;
        const { revisions: _revisions, ...standard } = row;
        changes.push({
          standardId: standard.id,
          kind: changeKind(from, to),
          from: from?.id ?? null,
          to: to?.id ?? null,
          rows: { standard, from, to },
        });
      }
      return changes;
    },
  }),
}));

builder.subscriptionFields((t) => ({
  standardsReviewPublished: t.prismaField({
    type: 'StandardReview',
    description: 'Fires when the directors’ meeting publishes a year’s standards.',
    authScopes: { staff: true },
    subscribe: (_root, _args, ctx) => ctx.pubsub.subscribe('standardsReviewPublished'),
    resolve: (query, event, _args, ctx) =>
      ctx.db.standardReview.findUniqueOrThrow({ ...query, where: { id: (event as { reviewId: string }).reviewId } }),
  }),
}));
