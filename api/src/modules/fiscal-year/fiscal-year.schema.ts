import { z } from 'zod';
import { builder } from '../../builder.ts';
import { fiscalPhaseOf, fiscalYearBounds, fiscalYearEraName, fiscalYearOf, type FiscalPhase } from './fiscal-year.ts';

export const FiscalPhaseEnum = builder.enumType('FiscalPhase', {
  description: 'Where a date falls in the guideline’s yearly cycle (guideline section 9).',
  values: {
    PLANNING: { description: 'April–May: wards set policies and targets and publish last year’s results.' },
    IMPLEMENTATION: { description: 'June–February: sections work on their targets.' },
    STANDARDS_REVIEW: { description: 'March: the directors’ meeting reviews and raises the standards.' },
  } satisfies Record<FiscalPhase, unknown>,
});

/** Fiscal years the platform accepts anywhere an argument names one. */
export const fiscalYearArg = z.number().int().min(1989).max(2100);

interface FiscalYearShape {
  year: number;
  now: Date;
}

export const FiscalYear = builder.objectRef<FiscalYearShape>('FiscalYear').implement({
  description: '年度: a Japanese fiscal year, April 1 to March 31, named after the calendar year it starts in.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The calendar year the fiscal year starts in (2026 = 令和8年度).' }),
    eraName: t.string({
      description: 'The Japanese name, e.g. 令和8年度.',
      resolve: ({ year }) => fiscalYearEraName(year).ja,
    }),
    eraNameEn: t.string({
      description: 'The English name, e.g. "FY2026 (Reiwa 8)".',
      resolve: ({ year }) => fiscalYearEraName(year).en,
    }),
    startsOn: t.field({
      type: 'Date',
      description: 'April 1 of `year`.',
      resolve: ({ year }) => fiscalYearBounds(year).startsOn,
    }),
    endsOn: t.field({
      type: 'Date',
      description: 'March 31 of the following year.',
      resolve: ({ year }) => fiscalYearBounds(year).endsOn,
    }),
    isCurrent: t.boolean({
      description: 'Whether today (in Japan) falls in this fiscal year.',
      resolve: ({ year, now }) => fiscalYearOf(now) === year,
    }),
    phase: t.field({
      type: FiscalPhaseEnum,
      nullable: true,
      description: 'The phase of the yearly cycle today; null unless this is the current fiscal year.',
      resolve: ({ year, now }) => (fiscalYearOf(now) === year ? fiscalPhaseOf(now) : null),
    }),
  }),
});

builder.queryFields((t) => ({
  currentFiscalYear: t.field({
    type: FiscalYear,
    description: 'Public. The fiscal year today falls in (judged by the date in Japan) and its phase.',
    skipTypeScopes: true,
    authScopes: { public: true },
    resolve: (_root, _args, ctx) => {
      const now = ctx.now();
      return { year: fiscalYearOf(now), now };
    },
  }),
  fiscalYear: t.field({
    type: FiscalYear,
    description: 'Public. Any fiscal year, for its names and dates.',
    skipTypeScopes: true,
    authScopes: { public: true },
    args: {
      year: t.arg.int({
        required: true,
        description: 'The calendar year the fiscal year starts in (1989–2100).',
        validate: fiscalYearArg,
      }),
    },
    resolve: (_root, { year }, ctx) => ({ year, now: ctx.now() }),
  }),
  fiscalYears: t.field({
    type: [FiscalYear],
    description:
      'Public. Several fiscal years at once, in the order asked (at most 50), e.g. to name the years a page lets you choose from.',
    skipTypeScopes: true,
    authScopes: { public: true },
    args: {
      years: t.arg.intList({
        required: true,
        description: 'Calendar years the fiscal years start in (1989–2100 each, at most 50).',
        validate: z.array(fiscalYearArg).max(50),
      }),
    },
    resolve: (_root, { years }, ctx) => {
      const now = ctx.now();
      return years.map((year) => ({ year, now }));
    },
  }),
}));
