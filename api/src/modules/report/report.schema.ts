// Aggregates: how many targets by state and by achievement level, sliced by year, ward,
// section and standard, and each ward's compliance with each standard. Designed for the
// directors' meeting's pages and for reporting tools alike: plain lists of counted rows
// (bounded by the number of wards, sections and standards), never per-target data.
import { z } from 'zod';
import { builder } from '../../builder.ts';
import { fiscalYearArg } from '../fiscal-year/fiscal-year.schema.ts';
import { Section, Ward } from '../organisation/organisation.schema.ts';
import { Standard, StandardCategoryEnum } from '../standard/standard.schema.ts';
import { AchievementLevelEnum, TargetStateEnum } from '../target/target.schema.ts';
import { AppError, messages } from '../../errors.ts';
import { dateInJapan } from '../schedule/schedule.ts';
import {
  achievementRates,
  COMPLIANCE_LEVELS,
  complianceMatrix,
  countTargets,
  overdueCounts,
  REPORT_DIMENSIONS,
  reviewRoundCompletion,
  TARGET_DIMENSIONS,
  type AchievementFigures,
  type AchievementRow,
  type ComplianceRow,
  type OverdueRow,
  type ReportDimension,
  type RoundCompletionRow,
  type TargetCountRow,
  type TargetDimension,
  type WardRow,
} from './report.service.ts';
import { scalarsOnly } from '../../loaded-row.ts';

const TargetDimensionEnum = builder.enumType('TargetDimension', {
  description: 'What `targetCounts` groups by. Dimensions left out are summed over (and null in the rows).',
  values: {
    FISCAL_YEAR: { description: 'The target’s fiscal year.' },
    WARD: { description: 'The ward of the target’s section.' },
    SECTION: { description: 'The section (所属) that set the target.' },
    STANDARD: {
      description:
        'Each standard the target serves: a target serving two standards counts under both; one serving none under null.',
    },
    STATE: { description: 'The target’s state (draft … published).' },
    ACHIEVEMENT_LEVEL: {
      description: 'The achievement level of its year-end result; null when no result is reported or readable.',
    },
  } satisfies Record<TargetDimension, unknown>,
});

interface GroupShape {
  fiscalYear: number | null;
  wardId: string | null;
  ward: WardRow | null;
  sectionId: string | null;
  standardId: string | null;
}

// The group's fields, the same on every row type: the ward, section and standard are read
// by id (Prisma batches the rows' findUnique calls into one IN query per type).
type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;
function groupFields<T extends GroupShape>(t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, T>) {
  return {
    fiscalYear: t.int({
      nullable: true,
      description: 'The fiscal year (FISCAL_YEAR).',
      resolve: (r: T) => r.fiscalYear,
    }),
    ward: t.prismaField({
      type: 'Ward',
      nullable: true,
      description: 'The ward (WARD).',
      resolve: (query, r: T, _args, ctx) =>
        r.ward && scalarsOnly(query)
          ? r.ward
          : r.wardId
            ? ctx.db.ward.findUnique({ ...query, where: { id: r.wardId } })
            : null,
    }),
    section: t.prismaField({
      type: 'Section',
      nullable: true,
      description: 'The section (SECTION).',
      resolve: (query, r: T, _args, ctx) =>
        r.sectionId ? ctx.db.section.findUnique({ ...query, where: { id: r.sectionId } }) : null,
    }),
    standard: t.prismaField({
      type: 'Standard',
      nullable: true,
      description: 'The standard (STANDARD); null for targets serving none.',
      resolve: (query, r: T, _args, ctx) =>
        r.standardId ? ctx.db.standard.findUnique({ ...query, where: { id: r.standardId } }) : null,
    }),
  };
}

const TargetCount = builder.objectRef<TargetCountRow>('TargetCount').implement({
  description:
    'A number of improvement targets sharing the grouped dimensions. Fields of dimensions not grouped by are null.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    ...groupFields(t),
    state: t.field({
      type: TargetStateEnum,
      nullable: true,
      description: 'The targets’ state (STATE).',
      resolve: (r) => r.state as never,
    }),
    achievementLevel: t.field({
      type: AchievementLevelEnum,
      nullable: true,
      description: 'The results’ achievement level (ACHIEVEMENT_LEVEL); null for targets without a readable result.',
      resolve: (r) => r.achievementLevel as never,
    }),
    count: t.exposeInt('count', { description: 'How many targets.' }),
  }),
});

export const ComplianceLevelEnum = builder.enumType('ComplianceLevel', {
  description:
    'Where a ward stands against a standard in a fiscal year, from its results (the rule is in docs/api.md, "Compliance").',
  values: {
    BELOW_MINIMUM: { description: '最低基準未達: below the minimum level.' },
    AT_MINIMUM: { description: '最低基準: keeps the minimum level, less than halfway to the aspirational level.' },
    TOWARDS_ASPIRATIONAL: {
      description: '目指すべき姿へ: halfway or more from the minimum towards the aspirational level.',
    },
    ASPIRATIONAL: { description: '目指すべき姿: reaches the aspirational level.' },
  } satisfies Record<(typeof COMPLIANCE_LEVELS)[number], unknown>,
});

const ComplianceCell = builder.objectRef<ComplianceRow>('StandardCompliance').implement({
  description: 'One ward against one standard in force in a fiscal year: a cell of the compliance matrix.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    ward: t.prismaField({
      type: 'Ward',
      description: 'The ward.',
      resolve: (query, r, _args, ctx) => ctx.db.ward.findUniqueOrThrow({ ...query, where: { id: r.wardId } }),
    }),
    standard: t.prismaField({
      type: 'Standard',
      description: 'The standard.',
      resolve: (query, r, _args, ctx) => ctx.db.standard.findUniqueOrThrow({ ...query, where: { id: r.standardId } }),
    }),
    revision: t.prismaField({
      type: 'StandardRevision',
      description: 'The standard’s revision in force that year: the levels the results were measured against.',
      resolve: (query, r, _args, ctx) =>
        ctx.db.standardRevision.findUniqueOrThrow({ ...query, where: { id: r.revisionId } }),
    }),
    level: t.field({
      type: ComplianceLevelEnum,
      nullable: true,
      description: 'The ward’s level: that of its weakest counted result; null when it has none for the standard.',
      resolve: (r) => r.level,
    }),
    resultCount: t.exposeInt('resultCount', {
      description: 'How many results were counted (results of targets serving the standard that year).',
    }),
    belowMinimumCount: t.exposeInt('belowMinimumCount', { description: 'Results below the minimum level.' }),
    atMinimumCount: t.exposeInt('atMinimumCount', { description: 'Results at the minimum level.' }),
    towardsAspirationalCount: t.exposeInt('towardsAspirationalCount', {
      description: 'Results halfway or more towards the aspirational level.',
    }),
    aspirationalCount: t.exposeInt('aspirationalCount', { description: 'Results at the aspirational level.' }),
  }),
});

const yearRange = z.number().int().min(1989).max(2100);

/** The filters every aggregate of targets takes (targetCounts and the reports below). */
const targetFilterArgs = builder.args((t) => ({
  fiscalYear: t.int({ description: 'Only this fiscal year (1989–2100).', validate: fiscalYearArg }),
  fromYear: t.int({ description: 'Only this fiscal year and later.', validate: yearRange }),
  toYear: t.int({ description: 'Only this fiscal year and earlier (not before fromYear).', validate: yearRange }),
  wardId: t.globalID({ for: Ward, description: 'Only this ward’s targets.' }),
  sectionId: t.globalID({ for: Section, description: 'Only this section’s targets.' }),
  standardId: t.globalID({ for: Standard, description: 'Only targets serving this standard.' }),
  principleKey: t.string({
    description: 'Only targets linked to this principle (its stable key, e.g. CITIZENS_PERSPECTIVE).',
    validate: z.string().max(100),
  }),
  category: t.field({ type: StandardCategoryEnum, description: 'Only targets serving a standard of this category.' }),
}));

const publishedOnlyArg = builder.args((t) => ({
  publishedOnly: t.boolean({
    description: 'Count only published targets and results, whoever asks (what the public sees).',
  }),
}));

interface FilterArgs {
  fromYear?: number | null;
  toYear?: number | null;
  wardId?: { id: string } | null;
  sectionId?: { id: string } | null;
  standardId?: { id: string } | null;
}

/** The filter a service takes: a year range checked, global ids reduced to row ids. */
function filterOf<A extends FilterArgs>(args: A) {
  if (args.fromYear != null && args.toYear != null && args.fromYear > args.toYear) {
    throw new AppError('BAD_USER_INPUT', messages.yearRange, { field: 'fromYear' });
  }
  return { ...args, wardId: args.wardId?.id, sectionId: args.sectionId?.id, standardId: args.standardId?.id };
}

builder.queryFields((t) => ({
  targetCounts: t.field({
    type: [TargetCount],
    description:
      'Public for published targets and results. Improvement targets counted in the database, grouped by the dimensions you choose (e.g. [WARD, STATE] for targets by state per ward; [SECTION, ACHIEVEMENT_LEVEL] for achievement per section; [FISCAL_YEAR, ACHIEVEMENT_LEVEL] across years). Counts only what you may read: published targets and results for everyone, unpublished ones of the wards you read. The achievement rate is the share of ACHIEVED or better among rows with a level.',
    skipTypeScopes: true,
    authScopes: { public: true },
    args: {
      groupBy: t.arg({
        type: [TargetDimensionEnum],
        required: true,
        description: 'The dimensions to group by (none: one row with the total).',
        validate: z.array(z.enum(TARGET_DIMENSIONS)).max(TARGET_DIMENSIONS.length),
      }),
      ...targetFilterArgs,
      state: t.arg({ type: TargetStateEnum, description: 'Only targets in this state.' }),
      withResult: t.arg.boolean({ description: 'Only targets with a readable year-end result.' }),
      ...publishedOnlyArg,
    },
    resolve: (_root, args, ctx) => countTargets(ctx, args.groupBy, filterOf(args)),
  }),
  standardCompliance: t.field({
    type: [ComplianceCell],
    description:
      'Public. The compliance matrix of a fiscal year: every ward × every standard in force that year, ordered by ward and code, with the ward’s level from its published results (see ComplianceLevel). With `includeUnpublished`, results of the wards you read count too.',
    skipTypeScopes: true,
    authScopes: { public: true },
    args: {
      fiscalYear: t.arg.int({
        required: true,
        description: 'The fiscal year of the results.',
        validate: fiscalYearArg,
      }),
      wardId: t.arg.globalID({ for: Ward, description: 'Only this ward’s row.' }),
      standardId: t.arg.globalID({ for: Standard, description: 'Only this standard’s column.' }),
      principleKey: t.arg.string({
        description: 'Only standards serving this principle (its stable key).',
        validate: z.string().max(100),
      }),
      category: t.arg({ type: StandardCategoryEnum, description: 'Only soft or only hard standards.' }),
      includeUnpublished: t.arg.boolean({
        description: 'Also count results not yet published, of the wards whose unpublished work you read.',
      }),
    },
    resolve: (_root, args, ctx) =>
      complianceMatrix(ctx, {
        ...args,
        wardId: args.wardId?.id,
        standardId: args.standardId?.id,
      }),
  }),
}));

// ── Achievement rates with the year before, review-round completion, overdue work

const ReportDimensionEnum = builder.enumType('ReportDimension', {
  description:
    'What `achievementRates`, `reviewRoundCompletion` and `overdueCounts` group by. Dimensions left out are summed over (and null in the rows).',
  values: {
    FISCAL_YEAR: { description: 'The target’s fiscal year.' },
    WARD: { description: 'The ward of the target’s section.' },
    SECTION: { description: 'The section (所属) that set the target.' },
    STANDARD: {
      description:
        'Each standard the target serves: a target (or its round) serving two standards counts under both; one serving none under null.',
    },
  } satisfies Record<ReportDimension, unknown>,
});

// A group's figures, the same on a year's row and on its previous year.
function figureFields<T extends AchievementFigures>(t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, T>) {
  return {
    targetCount: t.int({ description: 'Targets counted.', resolve: (r: T) => r.targetCount }),
    resultCount: t.int({
      description: 'Of them, targets with a year-end result you may read.',
      resolve: (r: T) => r.resultCount,
    }),
    achievedCount: t.int({
      description: 'Results ACHIEVED, EXCEEDED or GREATLY_EXCEEDED (達成以上).',
      resolve: (r: T) => r.achievedCount,
    }),
    achievementRate: t.float({
      nullable: true,
      description: 'achievedCount ÷ resultCount, from 0 to 1 (unrounded); null when no result is counted.',
      resolve: (r: T) => r.achievementRate,
    }),
  };
}

const AchievementFiguresRef = builder.objectRef<AchievementFigures>('AchievementFigures').implement({
  description: 'How a group’s targets did: targets, results and the share of results ACHIEVED or better.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => figureFields(t),
});

const AchievementRate = builder.objectRef<AchievementRow>('AchievementRate').implement({
  description:
    'A group’s achievement (the figures), with the same group one fiscal year earlier (previousYear) and the change.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    ...groupFields(t),
    ...figureFields(t),
    previousYear: t.field({
      type: AchievementFiguresRef,
      nullable: true,
      description:
        'The same group one fiscal year earlier (year N−1 of a FISCAL_YEAR row; the years asked for, each one earlier, otherwise). Null when neither FISCAL_YEAR is grouped by nor a year given.',
      resolve: (r) => r.previousYear,
    }),
    achievementRateChange: t.float({
      nullable: true,
      description:
        'achievementRate − previousYear.achievementRate (positive: better than the year before); null when either is null.',
      resolve: (r) =>
        r.achievementRate != null && r.previousYear?.achievementRate != null
          ? r.achievementRate - r.previousYear.achievementRate
          : null,
    }),
    targetCountChange: t.int({
      nullable: true,
      description: 'targetCount − previousYear.targetCount; null without a previous year.',
      resolve: (r) => (r.previousYear ? r.targetCount - r.previousYear.targetCount : null),
    }),
  }),
});

const ReviewRoundCompletion = builder.objectRef<RoundCompletionRow>('ReviewRoundCompletion').implement({
  description:
    'Committee review rounds (審査) of a group’s targets: how many are open, closed and overdue, and how many of the reviews asked for were recorded.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    ...groupFields(t),
    roundCount: t.exposeInt('roundCount', { description: 'Rounds opened (every submission opens one).' }),
    openCount: t.exposeInt('openCount', { description: 'Rounds still open.' }),
    closedCount: t.exposeInt('closedCount', { description: 'Rounds the committee closed (approved or sent back).' }),
    overdueCount: t.exposeInt('overdueCount', {
      description: 'Open rounds past their due date on `asOf` (from the day after the due date).',
    }),
    assignedCount: t.exposeInt('assignedCount', {
      description: 'Reviews due: the reviewers assigned to the rounds, summed over rounds.',
    }),
    reviewedCount: t.exposeInt('reviewedCount', { description: 'Of them, assigned reviewers who recorded a review.' }),
    reviewCount: t.exposeInt('reviewCount', {
      description: 'Reviews recorded in the rounds (one per reviewer and round, assigned or not).',
    }),
    completionRate: t.float({
      nullable: true,
      description: 'reviewedCount ÷ assignedCount, from 0 to 1 (unrounded); null when nobody was assigned.',
      resolve: (r) => r.completionRate,
    }),
  }),
});

const OverdueCount = builder.objectRef<OverdueRow>('OverdueCount').implement({
  description: 'A group’s late work on a date, by the yearly schedule’s rules (docs/api.md, "Overdue work").',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    ...groupFields(t),
    targetCount: t.exposeInt('targetCount', { description: 'Targets counted in the group.' }),
    targetsNotSubmitted: t.exposeInt('targetsNotSubmitted', {
      description: 'Targets still drafts after their fiscal year’s planning deadline (May 31).',
    }),
    targetsPastDue: t.exposeInt('targetsPastDue', {
      description: 'Approved or published targets past their own due date (期限) without a result.',
    }),
    resultsMissing: t.exposeInt('resultsMissing', {
      description: 'Approved or published targets of a fiscal year that had ended, without a result.',
    }),
    reviewRoundsOverdue: t.exposeInt('reviewRoundsOverdue', {
      description:
        'Review rounds of the targets still open after their due date (only wards whose unpublished work you read).',
    }),
  }),
});

builder.queryFields((t) => {
  // The filters every one of these aggregates takes, grouped by the report's dimensions.
  const filterArgs = () => ({
    groupBy: t.arg({
      type: [ReportDimensionEnum],
      required: true,
      description: 'The dimensions to group by (none: one row with the total).',
      validate: z.array(z.enum(REPORT_DIMENSIONS)).max(REPORT_DIMENSIONS.length),
    }),
    ...targetFilterArgs,
  });
  const asOfArg = () =>
    t.arg({
      type: 'Date',
      description: 'The date in Japan the deadlines are judged on; today in Japan when left out.',
    });

  return {
    achievementRates: t.field({
      type: [AchievementRate],
      description:
        'Public for published targets and results. Achievement rate (results ACHIEVED or better ÷ results) per group, counted in the database, with the same group one year earlier (year over year). Counts what you may read, as targetCounts does. One row per group with targets in the years asked for, ordered by the dimensions.',
      skipTypeScopes: true,
      authScopes: { public: true },
      args: { ...filterArgs(), ...publishedOnlyArg },
      resolve: (_root, args, ctx) => achievementRates(ctx, args.groupBy, filterOf(args)),
    }),
    reviewRoundCompletion: t.field({
      type: [ReviewRoundCompletion],
      description:
        'Public (an empty list for the public): committee review rounds per group — open, closed, overdue, reviews due and recorded. Rounds are the committee’s working record: counted only for the wards whose unpublished work you read (every ward for city-wide roles), so the public and READ_PUBLISHED tokens get an empty list.',
      skipTypeScopes: true,
      authScopes: { public: true },
      args: { ...filterArgs(), asOf: asOfArg() },
      resolve: (_root, args, ctx) =>
        reviewRoundCompletion(ctx, args.groupBy, { ...filterOf(args), asOf: args.asOf ?? dateInJapan(ctx.now()) }),
    }),
    overdueCounts: t.field({
      type: [OverdueCount],
      description:
        'Public for published targets. Late work per group on a date: drafts not submitted after May 31, targets past their due date without a result, results missing after the fiscal year ended, review rounds past due (the schedule’s rules). “Without a result” means none you may read; rounds count only for wards whose unpublished work you read.',
      skipTypeScopes: true,
      authScopes: { public: true },
      args: {
        ...filterArgs(),
        asOf: asOfArg(),
        publishedOnly: t.arg.boolean({
          description: 'Count only published targets and results, and no rounds, whoever asks (what the public sees).',
        }),
      },
      resolve: (_root, args, ctx) =>
        overdueCounts(ctx, args.groupBy, { ...filterOf(args), asOf: args.asOf ?? dateInJapan(ctx.now()) }),
    }),
  };
});
