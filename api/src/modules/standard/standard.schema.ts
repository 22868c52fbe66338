import { builder, selectionObject } from '../../builder.ts';
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
  id: { field: 'id' },
  description:
    '区役所サービス基準: a city-wide ward office service standard. Its levels live in one revision per fiscal year; the directors’ meeting raises them step by step.',
  authScopes: { public: true },
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
  id: { field: 'id' },
  description:
    'A standard as it stands in one fiscal year: its minimum level (最低基準) and aspirational level (目指すべき姿).',
  authScopes: (revision, ctx) => canReadStandardRevision(ctx.viewer, revision),
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
    resolve: (query, _root, { fiscalYear, category, principleKey }, ctx) =>
      ctx.db.standard.findMany({
        ...query,
        where: {
          ...(category ? { category } : {}),
          ...(principleKey ? { principles: { some: { principle: { key: principleKey } } } } : {}),
          ...(fiscalYear == null
            ? {}
            : {
                introducedFiscalYear: { lte: fiscalYear },
                OR: [{ retiredFiscalYear: null }, { retiredFiscalYear: { gt: fiscalYear } }],
                revisions: { some: { fiscalYear: { lte: fiscalYear }, status: 'PUBLISHED' } },
              }),
        },
        orderBy: { code: 'asc' },
      }),
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
