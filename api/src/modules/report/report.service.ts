// Aggregates for the directors' meeting and for reporting tools, computed in the database:
// one grouped statement per question, however many targets and results there are. Nothing
// here writes; the rows come back already counted.
import { Prisma, type Ward } from '@shishin/prisma';
import type { Context } from '../../context.ts';
import { scheduleOn } from '../schedule/schedule.ts';
import { readableResultSql, readableRoundSql, readableTargetSql } from './report.policy.ts';

export const TARGET_DIMENSIONS = ['FISCAL_YEAR', 'WARD', 'SECTION', 'STANDARD', 'STATE', 'ACHIEVEMENT_LEVEL'] as const;
export type TargetDimension = (typeof TARGET_DIMENSIONS)[number];

export interface TargetCountFilter extends TargetFilter {
  state?: string | null;
  withResult?: boolean | null;
  publishedOnly?: boolean | null;
}

/**
 * The ward's row, read with the counts: every column of Ward, so that it can stand in for a
 * Prisma read (a column added to Ward makes wardRow below fail to type-check until added).
 */
export type WardRow = Ward;

type WardColumns = { wardCode?: string; wardName?: string; wardNameEn?: string; wardPosition?: number };

function wardRow(row: { wardId?: string | null } & WardColumns): WardRow | null {
  return row.wardId && row.wardCode !== undefined
    ? { id: row.wardId, code: row.wardCode, name: row.wardName!, nameEn: row.wardNameEn!, position: row.wardPosition! }
    : null;
}

export interface TargetCountRow {
  fiscalYear: number | null;
  wardId: string | null;
  ward: WardRow | null;
  sectionId: string | null;
  standardId: string | null;
  state: string | null;
  achievementLevel: string | null;
  count: number;
}

// Each dimension: what it selects, what it groups and orders by (positions and codes, so the
// rows come in the order people read them: wards east to west, sections as on the chart).
const DIMENSION_SQL: Record<TargetDimension, { select: Prisma.Sql; group: Prisma.Sql[]; order: Prisma.Sql }> = {
  FISCAL_YEAR: {
    select: Prisma.sql`t.fiscal_year AS "fiscalYear"`,
    group: [Prisma.sql`t.fiscal_year`],
    order: Prisma.sql`t.fiscal_year`,
  },
  WARD: {
    // Every column of the ward (a handful), so the rows' `ward` field need not read it again.
    select: Prisma.sql`w.id::text AS "wardId", w.code AS "wardCode", w.name AS "wardName", w.name_en AS "wardNameEn", w.position AS "wardPosition"`,
    group: [Prisma.sql`w.id`, Prisma.sql`w.position`],
    order: Prisma.sql`w.position`,
  },
  SECTION: {
    select: Prisma.sql`s.id::text AS "sectionId"`,
    group: [Prisma.sql`s.id`, Prisma.sql`w.position`, Prisma.sql`s.position`],
    order: Prisma.sql`w.position, s.position`,
  },
  STANDARD: {
    select: Prisma.sql`st.id::text AS "standardId"`,
    group: [Prisma.sql`st.id`, Prisma.sql`st.code`],
    order: Prisma.sql`st.code NULLS LAST`,
  },
  STATE: { select: Prisma.sql`t.state::text AS "state"`, group: [Prisma.sql`t.state`], order: Prisma.sql`t.state` },
  ACHIEVEMENT_LEVEL: {
    select: Prisma.sql`r.achievement_level::text AS "achievementLevel"`,
    group: [Prisma.sql`r.achievement_level`],
    order: Prisma.sql`r.achievement_level NULLS LAST`,
  },
};

/** The target filters every aggregate shares (years, ward, section, standard, principle, category). */
export interface TargetFilter {
  fiscalYear?: number | null;
  fromYear?: number | null;
  toYear?: number | null;
  wardId?: string | null;
  sectionId?: string | null;
  standardId?: string | null;
  principleKey?: string | null;
  category?: 'SOFT' | 'HARD' | null;
}

/** The years asked for, on the expression `year` (a column, or a column shifted by a year). */
function yearConditions(filter: TargetFilter, year: Prisma.Sql): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (filter.fiscalYear != null) where.push(Prisma.sql`${year} = ${filter.fiscalYear}`);
  if (filter.fromYear != null) where.push(Prisma.sql`${year} >= ${filter.fromYear}`);
  if (filter.toYear != null) where.push(Prisma.sql`${year} <= ${filter.toYear}`);
  return where;
}

/**
 * Conditions on the target `t` (section `s`) for the ward, section, principle and standard
 * filters. With the standards joined (`st`, one row per standard served) the standard filters
 * narrow the joined rows; without, they select the targets serving a matching standard.
 */
function targetConditions(filter: TargetFilter, byStandard: boolean): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (filter.wardId) where.push(Prisma.sql`s.ward_id = ${filter.wardId}::uuid`);
  if (filter.sectionId) where.push(Prisma.sql`t.section_id = ${filter.sectionId}::uuid`);
  if (filter.principleKey) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM target_principle tp JOIN principle p ON p.id = tp.principle_id
      WHERE tp.target_id = t.id AND p.key = ${filter.principleKey})`);
  }
  const standardConditions: Prisma.Sql[] = [];
  if (filter.standardId) standardConditions.push(Prisma.sql`st.id = ${filter.standardId}::uuid`);
  if (filter.category) standardConditions.push(Prisma.sql`st.category::text = ${filter.category}`);
  if (byStandard) {
    where.push(...standardConditions);
  } else if (standardConditions.length > 0) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM target_standard ts JOIN standard st ON st.id = ts.standard_id
      WHERE ts.target_id = t.id AND ${Prisma.join(standardConditions, ' AND ')})`);
  }
  return where;
}

const standardJoin = Prisma.sql`LEFT JOIN target_standard ts ON ts.target_id = t.id LEFT JOIN standard st ON st.id = ts.standard_id`;

export async function countTargets(
  ctx: Context,
  groupBy: readonly TargetDimension[],
  filter: TargetCountFilter,
): Promise<TargetCountRow[]> {
  const dims = TARGET_DIMENSIONS.filter((d) => groupBy.includes(d));
  const publishedOnly = filter.publishedOnly ?? false;
  // With STANDARD as a dimension the standard filters narrow the joined rows (a target serving
  // two standards is counted under each); without it they only select targets.
  const byStandard = dims.includes('STANDARD');
  const where: Prisma.Sql[] = [
    readableTargetSql(ctx.viewer, publishedOnly),
    ...yearConditions(filter, Prisma.sql`t.fiscal_year`),
    ...targetConditions(filter, byStandard),
  ];
  if (filter.state) where.push(Prisma.sql`t.state::text = ${filter.state}`);
  if (filter.withResult) where.push(Prisma.sql`r.id IS NOT NULL`);

  const selects = dims.map((d) => DIMENSION_SQL[d].select);
  const groups = dims.flatMap((d) => DIMENSION_SQL[d].group);
  const orders = dims.map((d) => DIMENSION_SQL[d].order);
  // A target has at most one result, so only the join to its standards can repeat a target:
  // without it every row is a distinct target and COUNT(*) spares the database a sort per group.
  const count = byStandard ? Prisma.sql`COUNT(DISTINCT t.id)::int AS "count"` : Prisma.sql`COUNT(*)::int AS "count"`;
  const rows = await ctx.db.$queryRaw<(Partial<TargetCountRow> & WardColumns)[]>`
    SELECT ${Prisma.join([...selects, count])}
    FROM improvement_target t
    JOIN section s ON s.id = t.section_id
    JOIN ward w ON w.id = s.ward_id
    LEFT JOIN target_result r ON r.target_id = t.id AND ${readableResultSql(ctx.viewer, publishedOnly)}
    ${byStandard ? standardJoin : Prisma.empty}
    WHERE ${Prisma.join(where, ' AND ')}
    ${groups.length > 0 ? Prisma.sql`GROUP BY ${Prisma.join(groups)}` : Prisma.empty}
    ${orders.length > 0 ? Prisma.sql`ORDER BY ${Prisma.join(orders)}` : Prisma.empty}
  `;
  return rows.map((row) => ({
    fiscalYear: row.fiscalYear ?? null,
    wardId: row.wardId ?? null,
    ward: wardRow(row),
    sectionId: row.sectionId ?? null,
    standardId: row.standardId ?? null,
    state: row.state ?? null,
    achievementLevel: row.achievementLevel ?? null,
    count: row.count ?? 0,
  }));
}

export const COMPLIANCE_LEVELS = ['BELOW_MINIMUM', 'AT_MINIMUM', 'TOWARDS_ASPIRATIONAL', 'ASPIRATIONAL'] as const;
export type ComplianceLevel = (typeof COMPLIANCE_LEVELS)[number];

export interface ComplianceFilter {
  fiscalYear: number;
  /** With toYear: every fiscal year from fiscalYear to toYear (both included), one matrix each. */
  toYear?: number | null;
  wardId?: string | null;
  standardId?: string | null;
  principleKey?: string | null;
  category?: 'SOFT' | 'HARD' | null;
  includeUnpublished?: boolean | null;
}

export interface ComplianceRow {
  fiscalYear: number;
  wardId: string;
  standardId: string;
  revisionId: string;
  level: ComplianceLevel | null;
  resultCount: number;
  belowMinimumCount: number;
  atMinimumCount: number;
  towardsAspirationalCount: number;
  aspirationalCount: number;
}

/**
 * Every ward × every standard in force in the year, with where the ward stands. The rule
 * (docs/api.md, "Compliance"): each result on a target of that year serving the standard gets
 * a level — from its actual value against the revision's minimum and aspirational values when
 * the target measures in the standard's unit, else from its achievement level — and the
 * ward's cell is its weakest result's level (a ward keeps a standard only where every
 * section does). One statement: the cross join of wards and standards, left-joined to results;
 * for a range of years (the exports), the same per year, still one statement.
 */
export async function complianceMatrix(
  ctx: Pick<Context, 'db' | 'viewer'>,
  filter: ComplianceFilter,
): Promise<ComplianceRow[]> {
  const fromYear = filter.fiscalYear;
  const toYear = filter.toYear ?? filter.fiscalYear;
  const standardWhere: Prisma.Sql[] = [
    Prisma.sql`st.introduced_fiscal_year <= y.year`,
    Prisma.sql`(st.retired_fiscal_year IS NULL OR st.retired_fiscal_year > y.year)`,
  ];
  if (filter.standardId) standardWhere.push(Prisma.sql`st.id = ${filter.standardId}::uuid`);
  if (filter.category) standardWhere.push(Prisma.sql`st.category::text = ${filter.category}`);
  if (filter.principleKey) {
    standardWhere.push(Prisma.sql`EXISTS (SELECT 1 FROM standard_principle sp JOIN principle p ON p.id = sp.principle_id
      WHERE sp.standard_id = st.id AND p.key = ${filter.principleKey})`);
  }
  const resultReadable = readableResultSql(ctx.viewer, !filter.includeUnpublished);
  const rows = await ctx.db.$queryRaw<(Omit<ComplianceRow, 'level'> & { level: number | null })[]>`
    WITH in_force AS (
      SELECT y.year, st.id AS standard_id, st.code, rv.id AS revision_id, rv.unit,
        -- Signed so that larger is always better: LOWER_IS_BETTER values are negated.
        CASE rv.direction WHEN 'LOWER_IS_BETTER' THEN -1 ELSE 1 END AS sign,
        rv.direction IS NOT NULL AND rv.minimum_value IS NOT NULL AS measurable,
        rv.minimum_value, rv.aspirational_value
      FROM generate_series(${fromYear}::int, ${toYear}::int) AS y(year)
      JOIN standard st ON TRUE
      JOIN LATERAL (
        SELECT r.* FROM standard_revision r
        WHERE r.standard_id = st.id AND r.status = 'PUBLISHED' AND r.fiscal_year <= y.year
        ORDER BY r.fiscal_year DESC LIMIT 1
      ) rv ON TRUE
      WHERE ${Prisma.join(standardWhere, ' AND ')}
    ),
    result_level AS (
      SELECT f.year, s.ward_id, f.standard_id,
        CASE
          WHEN f.measurable AND r.actual_value IS NOT NULL AND t.unit IS NOT DISTINCT FROM f.unit THEN
            CASE
              WHEN f.sign * r.actual_value < f.sign * f.minimum_value THEN 1
              WHEN f.aspirational_value IS NOT NULL AND f.sign * r.actual_value >= f.sign * f.aspirational_value THEN 4
              WHEN f.aspirational_value IS NOT NULL
                AND 2 * f.sign * (r.actual_value - f.minimum_value) >= f.sign * (f.aspirational_value - f.minimum_value) THEN 3
              ELSE 2
            END
          ELSE
            CASE r.achievement_level
              WHEN 'GREATLY_EXCEEDED' THEN 4 WHEN 'EXCEEDED' THEN 3 WHEN 'ACHIEVED' THEN 2 ELSE 1
            END
        END AS level
      FROM improvement_target t
      JOIN section s ON s.id = t.section_id
      JOIN target_result r ON r.target_id = t.id
      JOIN target_standard ts ON ts.target_id = t.id
      JOIN in_force f ON f.standard_id = ts.standard_id AND f.year = t.fiscal_year
      WHERE t.fiscal_year BETWEEN ${fromYear}::int AND ${toYear}::int AND ${resultReadable}
    )
    SELECT f.year AS "fiscalYear", w.id::text AS "wardId", f.standard_id::text AS "standardId",
      f.revision_id::text AS "revisionId",
      MIN(rl.level)::int AS "level",
      COUNT(rl.level)::int AS "resultCount",
      COUNT(*) FILTER (WHERE rl.level = 1)::int AS "belowMinimumCount",
      COUNT(*) FILTER (WHERE rl.level = 2)::int AS "atMinimumCount",
      COUNT(*) FILTER (WHERE rl.level = 3)::int AS "towardsAspirationalCount",
      COUNT(*) FILTER (WHERE rl.level = 4)::int AS "aspirationalCount"
    FROM ward w
    CROSS JOIN in_force f
    LEFT JOIN result_level rl ON rl.ward_id = w.id AND rl.standard_id = f.standard_id AND rl.year = f.year
    ${filter.wardId ? Prisma.sql`WHERE w.id = ${filter.wardId}::uuid` : Prisma.empty}
    GROUP BY f.year, w.id, w.position, f.standard_id, f.code, f.revision_id
    ORDER BY f.year, w.position, f.code
  `;
  return rows.map((row) => ({ ...row, level: row.level == null ? null : COMPLIANCE_LEVELS[row.level - 1]! }));
}

// ── Achievement, review progress and overdue work, sliced by year, ward, section, standard

export const REPORT_DIMENSIONS = ['FISCAL_YEAR', 'WARD', 'SECTION', 'STANDARD'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

interface GroupKey {
  fiscalYear: number | null;
  wardId: string | null;
  ward: WardRow | null;
  sectionId: string | null;
  standardId: string | null;
}

/** The grouped dimensions' SELECT, GROUP BY and ORDER BY parts; `year` is the year expression. */
function grouping(
  groupBy: readonly ReportDimension[],
  year: Prisma.Sql = Prisma.sql`t.fiscal_year`,
): { dims: ReportDimension[]; selects: Prisma.Sql[]; groupSql: Prisma.Sql; orderSql: Prisma.Sql } {
  const dims = REPORT_DIMENSIONS.filter((d) => groupBy.includes(d));
  const parts = dims.map((d) =>
    d === 'FISCAL_YEAR'
      ? { select: Prisma.sql`${year} AS "fiscalYear"`, group: [year], order: year }
      : DIMENSION_SQL[d],
  );
  const groups = parts.flatMap((p) => p.group);
  const orders = parts.map((p) => p.order);
  return {
    dims,
    selects: parts.map((p) => p.select),
    groupSql: groups.length > 0 ? Prisma.sql`GROUP BY ${Prisma.join(groups)}` : Prisma.empty,
    orderSql: orders.length > 0 ? Prisma.sql`ORDER BY ${Prisma.join(orders)}` : Prisma.empty,
  };
}

function groupKey(row: Partial<GroupKey> & WardColumns): GroupKey {
  return {
    fiscalYear: row.fiscalYear ?? null,
    wardId: row.wardId ?? null,
    ward: wardRow(row),
    sectionId: row.sectionId ?? null,
    standardId: row.standardId ?? null,
  };
}

export interface AchievementFigures {
  targetCount: number;
  resultCount: number;
  achievedCount: number;
  achievementRate: number | null;
}

export interface AchievementRow extends GroupKey, AchievementFigures {
  previousYear: AchievementFigures | null;
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * Achievement per group: targets, readable results, results ACHIEVED or better, and their
 * share; and the same figures of the year before (`previousYear`). One statement: each target
 * row is read twice (shift 0 for its own year, shift 1 as the year before of the next year),
 * and the years asked for are applied to year + shift, so the previous figures are those of
 * exactly one year earlier, group by group. Without FISCAL_YEAR grouping or a year filter
 * there is no "year before": previousYear is null.
 */
export async function achievementRates(
  ctx: Context,
  groupBy: readonly ReportDimension[],
  filter: TargetFilter & { publishedOnly?: boolean | null },
): Promise<AchievementRow[]> {
  const year = Prisma.sql`(t.fiscal_year + k.shift)`;
  const { dims, selects, groupSql, orderSql } = grouping(groupBy, year);
  const byStandard = dims.includes('STANDARD');
  const years = yearConditions(filter, year);
  const compares = dims.includes('FISCAL_YEAR') || years.length > 0;
  const publishedOnly = filter.publishedOnly ?? false;
  const achieved = Prisma.sql`r.achievement_level IN ('GREATLY_EXCEEDED', 'EXCEEDED', 'ACHIEVED')`;
  const rows = await ctx.db.$queryRaw<(Partial<GroupKey> & WardColumns & Record<string, number>)[]>`
    SELECT ${Prisma.join([
      ...selects,
      Prisma.sql`COUNT(*) FILTER (WHERE k.shift = 0)::int AS "targetCount"`,
      Prisma.sql`COUNT(r.id) FILTER (WHERE k.shift = 0)::int AS "resultCount"`,
      Prisma.sql`COUNT(r.id) FILTER (WHERE k.shift = 0 AND ${achieved})::int AS "achievedCount"`,
      Prisma.sql`COUNT(*) FILTER (WHERE k.shift = 1)::int AS "previousTargetCount"`,
      Prisma.sql`COUNT(r.id) FILTER (WHERE k.shift = 1)::int AS "previousResultCount"`,
      Prisma.sql`COUNT(r.id) FILTER (WHERE k.shift = 1 AND ${achieved})::int AS "previousAchievedCount"`,
    ])}
    FROM improvement_target t
    CROSS JOIN (VALUES ${compares ? Prisma.sql`(0), (1)` : Prisma.sql`(0)`}) AS k(shift)
    JOIN section s ON s.id = t.section_id
    JOIN ward w ON w.id = s.ward_id
    LEFT JOIN target_result r ON r.target_id = t.id AND ${readableResultSql(ctx.viewer, publishedOnly)}
    ${byStandard ? standardJoin : Prisma.empty}
    WHERE ${Prisma.join(
      [readableTargetSql(ctx.viewer, publishedOnly), ...years, ...targetConditions(filter, byStandard)],
      ' AND ',
    )}
    ${groupSql}
    HAVING COUNT(*) FILTER (WHERE k.shift = 0) > 0
    ${orderSql}
  `;
  return rows.map((row) => {
    const figures = (prefix: '' | 'previous'): AchievementFigures => {
      const get = (name: string) => row[prefix ? `${prefix}${name[0]!.toUpperCase()}${name.slice(1)}` : name] ?? 0;
      const results = get('resultCount');
      const achievedCount = get('achievedCount');
      return {
        targetCount: get('targetCount'),
        resultCount: results,
        achievedCount,
        achievementRate: rate(achievedCount, results),
      };
    };
    return { ...groupKey(row), ...figures(''), previousYear: compares ? figures('previous') : null };
  });
}

export interface RoundCompletionRow extends GroupKey {
  roundCount: number;
  openCount: number;
  closedCount: number;
  overdueCount: number;
  assignedCount: number;
  reviewedCount: number;
  reviewCount: number;
  completionRate: number | null;
}

/** YYYY-MM-DD of a Date scalar's value (00:00 UTC of a date in Japan), for a `::date` parameter. */
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Committee review rounds per group (the group of the round's target): open, closed, overdue
 * (open after the due date as of `asOf`: the schedule's rule), reviews due (assigned
 * reviewers) and recorded, and the share of assigned reviewers who reviewed. Only rounds of
 * wards whose unpublished work the viewer reads (ReviewRound's rule): none for the public.
 */
export async function reviewRoundCompletion(
  ctx: Context,
  groupBy: readonly ReportDimension[],
  filter: TargetFilter & { asOf: Date },
): Promise<RoundCompletionRow[]> {
  const { dims, selects, groupSql, orderSql } = grouping(groupBy);
  const byStandard = dims.includes('STANDARD');
  const asOf = isoDay(filter.asOf);
  const rows = await ctx.db.$queryRaw<(Partial<GroupKey> & WardColumns & Record<string, number>)[]>`
    SELECT ${Prisma.join([
      ...selects,
      Prisma.sql`COUNT(*)::int AS "roundCount"`,
      Prisma.sql`COUNT(*) FILTER (WHERE rr.status = 'OPEN')::int AS "openCount"`,
      Prisma.sql`COUNT(*) FILTER (WHERE rr.status = 'CLOSED')::int AS "closedCount"`,
      Prisma.sql`COUNT(*) FILTER (WHERE rr.status = 'OPEN' AND rr.due_date < ${asOf}::date)::int AS "overdueCount"`,
      Prisma.sql`COALESCE(SUM(a.assigned), 0)::int AS "assignedCount"`,
      Prisma.sql`COALESCE(SUM(a.reviewed), 0)::int AS "reviewedCount"`,
      Prisma.sql`COALESCE(SUM(v.reviews), 0)::int AS "reviewCount"`,
    ])}
    FROM review_round rr
    JOIN improvement_target t ON t.id = rr.target_id
    JOIN section s ON s.id = t.section_id
    JOIN ward w ON w.id = s.ward_id
    ${byStandard ? standardJoin : Prisma.empty}
    LEFT JOIN LATERAL (
      SELECT COUNT(*) AS assigned,
        COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM review x WHERE x.round_id = ra.round_id AND x.reviewer_id = ra.user_id)) AS reviewed
      FROM review_assignment ra WHERE ra.round_id = rr.id
    ) a ON TRUE
    LEFT JOIN LATERAL (SELECT COUNT(*) AS reviews FROM review x WHERE x.round_id = rr.id) v ON TRUE
    WHERE ${Prisma.join(
      [
        readableRoundSql(ctx.viewer),
        ...yearConditions(filter, Prisma.sql`t.fiscal_year`),
        ...targetConditions(filter, byStandard),
      ],
      ' AND ',
    )}
    ${groupSql}
    ${orderSql}
  `;
  return rows.map((row) => ({
    ...groupKey(row),
    roundCount: row.roundCount ?? 0,
    openCount: row.openCount ?? 0,
    closedCount: row.closedCount ?? 0,
    overdueCount: row.overdueCount ?? 0,
    assignedCount: row.assignedCount ?? 0,
    reviewedCount: row.reviewedCount ?? 0,
    reviewCount: row.reviewCount ?? 0,
    completionRate: rate(row.reviewedCount ?? 0, row.assignedCount ?? 0),
  }));
}

export interface OverdueRow extends GroupKey {
  targetCount: number;
  targetsNotSubmitted: number;
  targetsPastDue: number;
  resultsMissing: number;
  reviewRoundsOverdue: number;
}

/**
 * Late work per group as of a date, by the schedule module's rules (schedule.ts):
 * - targetsNotSubmitted: still drafts after their year's planning deadline (May 31);
 * - targetsPastDue: approved or published, their own due date (期限) passed, no result;
 * - resultsMissing: approved or published, of a fiscal year that had ended, no result;
 * - reviewRoundsOverdue: rounds still open after their due date.
 * "No result" means none the viewer may read (for the public: none published). Targets as
 * in targetCounts; rounds only of wards whose unpublished work the viewer reads.
 */
export async function overdueCounts(
  ctx: Context,
  groupBy: readonly ReportDimension[],
  filter: TargetFilter & { asOf: Date; publishedOnly?: boolean | null },
): Promise<OverdueRow[]> {
  const { dims, selects, groupSql, orderSql } = grouping(groupBy);
  const byStandard = dims.includes('STANDARD');
  const asOf = isoDay(filter.asOf);
  const dueThrough = scheduleOn(filter.asOf).resultsDueThroughFiscalYear;
  const publishedOnly = filter.publishedOnly ?? false;
  const done = Prisma.sql`t.state IN ('APPROVED', 'PUBLISHED') AND r.id IS NULL`;
  const rows = await ctx.db.$queryRaw<(Partial<GroupKey> & WardColumns & Record<string, number>)[]>`
    SELECT ${Prisma.join([
      ...selects,
      Prisma.sql`COUNT(*)::int AS "targetCount"`,
      Prisma.sql`COUNT(*) FILTER (WHERE t.state = 'DRAFT' AND make_date(t.fiscal_year, 5, 31) < ${asOf}::date)::int AS "targetsNotSubmitted"`,
      Prisma.sql`COUNT(*) FILTER (WHERE ${done} AND t.due_date < ${asOf}::date)::int AS "targetsPastDue"`,
      Prisma.sql`COUNT(*) FILTER (WHERE ${done} AND t.fiscal_year <= ${dueThrough})::int AS "resultsMissing"`,
      Prisma.sql`COALESCE(SUM(o.rounds), 0)::int AS "reviewRoundsOverdue"`,
    ])}
    FROM improvement_target t
    JOIN section s ON s.id = t.section_id
    JOIN ward w ON w.id = s.ward_id
    LEFT JOIN target_result r ON r.target_id = t.id AND ${readableResultSql(ctx.viewer, publishedOnly)}
    ${byStandard ? standardJoin : Prisma.empty}
    LEFT JOIN LATERAL (
      SELECT COUNT(*) AS rounds FROM review_round rr
      WHERE rr.target_id = t.id AND rr.status = 'OPEN' AND rr.due_date < ${asOf}::date
        AND ${publishedOnly ? Prisma.sql`FALSE` : readableRoundSql(ctx.viewer)}
    ) o ON TRUE
    WHERE ${Prisma.join(
      [
        readableTargetSql(ctx.viewer, publishedOnly),
        ...yearConditions(filter, Prisma.sql`t.fiscal_year`),
        ...targetConditions(filter, byStandard),
      ],
      ' AND ',
    )}
    ${groupSql}
    ${orderSql}
  `;
  return rows.map((row) => ({
    ...groupKey(row),
    targetCount: row.targetCount ?? 0,
    targetsNotSubmitted: row.targetsNotSubmitted ?? 0,
    targetsPastDue: row.targetsPastDue ?? 0,
    resultsMissing: row.resultsMissing ?? 0,
    reviewRoundsOverdue: row.reviewRoundsOverdue ?? 0,
  }));
}
