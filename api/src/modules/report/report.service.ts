// Aggregates for the directors' meeting and for reporting tools, computed in the database:
// one grouped statement per question, however many targets and results there are. Nothing
// here writes; the rows come back already counted.
import { Prisma } from '@shishin/prisma';
import type { Context } from '../../context.ts';
import { readableResultSql, readableTargetSql } from './report.policy.ts';

export const TARGET_DIMENSIONS = ['FISCAL_YEAR', 'WARD', 'SECTION', 'STANDARD', 'STATE', 'ACHIEVEMENT_LEVEL'] as const;
export type TargetDimension = (typeof TARGET_DIMENSIONS)[number];

export interface TargetCountFilter {
  fiscalYear?: number | null;
  fromYear?: number | null;
  toYear?: number | null;
  wardId?: string | null;
  sectionId?: string | null;
  standardId?: string | null;
  principleKey?: string | null;
  category?: 'SOFT' | 'HARD' | null;
  state?: string | null;
  withResult?: boolean | null;
  publishedOnly?: boolean | null;
}

export interface TargetCountRow {
  fiscalYear: number | null;
  wardId: string | null;
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
    select: Prisma.sql`w.id::text AS "wardId"`,
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

export async function countTargets(
  ctx: Context,
  groupBy: readonly TargetDimension[],
  filter: TargetCountFilter,
): Promise<TargetCountRow[]> {
  const dims = TARGET_DIMENSIONS.filter((d) => groupBy.includes(d));
  const publishedOnly = filter.publishedOnly ?? false;
  const where: Prisma.Sql[] = [readableTargetSql(ctx.viewer, publishedOnly)];
  if (filter.fiscalYear != null) where.push(Prisma.sql`t.fiscal_year = ${filter.fiscalYear}`);
  if (filter.fromYear != null) where.push(Prisma.sql`t.fiscal_year >= ${filter.fromYear}`);
  if (filter.toYear != null) where.push(Prisma.sql`t.fiscal_year <= ${filter.toYear}`);
  if (filter.wardId) where.push(Prisma.sql`s.ward_id = ${filter.wardId}::uuid`);
  if (filter.sectionId) where.push(Prisma.sql`t.section_id = ${filter.sectionId}::uuid`);
  if (filter.state) where.push(Prisma.sql`t.state::text = ${filter.state}`);
  if (filter.withResult) where.push(Prisma.sql`r.id IS NOT NULL`);
  if (filter.principleKey) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM target_principle tp JOIN principle p ON p.id = tp.principle_id
      WHERE tp.target_id = t.id AND p.key = ${filter.principleKey})`);
  }
  // With STANDARD as a dimension the standard filters narrow the joined rows (a target serving
  // two standards is counted under each); without it they only select targets.
  const standardConditions: Prisma.Sql[] = [];
  if (filter.standardId) standardConditions.push(Prisma.sql`st.id = ${filter.standardId}::uuid`);
  if (filter.category) standardConditions.push(Prisma.sql`st.category::text = ${filter.category}`);
  const byStandard = dims.includes('STANDARD');
  if (byStandard) {
    where.push(...standardConditions);
  } else if (standardConditions.length > 0) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM target_standard ts JOIN standard st ON st.id = ts.standard_id
      WHERE ts.target_id = t.id AND ${Prisma.join(standardConditions, ' AND ')})`);
  }

  const selects = dims.map((d) => DIMENSION_SQL[d].select);
  const groups = dims.flatMap((d) => DIMENSION_SQL[d].group);
  const orders = dims.map((d) => DIMENSION_SQL[d].order);
  // A target has at most one result, so only the join to its standards can repeat a target:
  // without it every row is a distinct target and COUNT(*) spares the database a sort per group.
  const count = byStandard ? Prisma.sql`COUNT(DISTINCT t.id)::int AS "count"` : Prisma.sql`COUNT(*)::int AS "count"`;
  const rows = await ctx.db.$queryRaw<Partial<TargetCountRow>[]>`
    SELECT ${Prisma.join([...selects, count])}
    FROM improvement_target t
    JOIN section s ON s.id = t.section_id
    JOIN ward w ON w.id = s.ward_id
    LEFT JOIN target_result r ON r.target_id = t.id AND ${readableResultSql(ctx.viewer, publishedOnly)}
    ${
      byStandard
        ? Prisma.sql`LEFT JOIN target_standard ts ON ts.target_id = t.id LEFT JOIN standard st ON st.id = ts.standard_id`
        : Prisma.empty
    }
    WHERE ${Prisma.join(where, ' AND ')}
    ${groups.length > 0 ? Prisma.sql`GROUP BY ${Prisma.join(groups)}` : Prisma.empty}
    ${orders.length > 0 ? Prisma.sql`ORDER BY ${Prisma.join(orders)}` : Prisma.empty}
  `;
  return rows.map((row) => ({
    fiscalYear: row.fiscalYear ?? null,
    wardId: row.wardId ?? null,
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
  wardId?: string | null;
  standardId?: string | null;
  principleKey?: string | null;
  category?: 'SOFT' | 'HARD' | null;
  includeUnpublished?: boolean | null;
}

export interface ComplianceRow {
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
 * section does). One statement: the cross join of wards and standards, left-joined to results.
 */
export async function complianceMatrix(ctx: Context, filter: ComplianceFilter): Promise<ComplianceRow[]> {
  const year = filter.fiscalYear;
  const standardWhere: Prisma.Sql[] = [
    Prisma.sql`st.introduced_fiscal_year <= ${year}`,
    Prisma.sql`(st.retired_fiscal_year IS NULL OR st.retired_fiscal_year > ${year})`,
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
      SELECT st.id AS standard_id, st.code, rv.id AS revision_id, rv.unit,
        -- Signed so that larger is always better: LOWER_IS_BETTER values are negated.
        CASE rv.direction WHEN 'LOWER_IS_BETTER' THEN -1 ELSE 1 END AS sign,
        rv.direction IS NOT NULL AND rv.minimum_value IS NOT NULL AS measurable,
        rv.minimum_value, rv.aspirational_value
      FROM standard st
      JOIN LATERAL (
        SELECT r.* FROM standard_revision r
        WHERE r.standard_id = st.id AND r.status = 'PUBLISHED' AND r.fiscal_year <= ${year}
        ORDER BY r.fiscal_year DESC LIMIT 1
      ) rv ON TRUE
      WHERE ${Prisma.join(standardWhere, ' AND ')}
    ),
    result_level AS (
      SELECT s.ward_id, f.standard_id,
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
      JOIN in_force f ON f.standard_id = ts.standard_id
      WHERE t.fiscal_year = ${year} AND ${resultReadable}
    )
    SELECT w.id::text AS "wardId", f.standard_id::text AS "standardId", f.revision_id::text AS "revisionId",
      MIN(rl.level)::int AS "level",
      COUNT(rl.level)::int AS "resultCount",
      COUNT(*) FILTER (WHERE rl.level = 1)::int AS "belowMinimumCount",
      COUNT(*) FILTER (WHERE rl.level = 2)::int AS "atMinimumCount",
      COUNT(*) FILTER (WHERE rl.level = 3)::int AS "towardsAspirationalCount",
      COUNT(*) FILTER (WHERE rl.level = 4)::int AS "aspirationalCount"
    FROM ward w
    CROSS JOIN in_force f
    LEFT JOIN result_level rl ON rl.ward_id = w.id AND rl.standard_id = f.standard_id
    ${filter.wardId ? Prisma.sql`WHERE w.id = ${filter.wardId}::uuid` : Prisma.empty}
    GROUP BY w.id, w.position, f.standard_id, f.code, f.revision_id
    ORDER BY w.position, f.code
  `;
  return rows.map((row) => ({ ...row, level: row.level == null ? null : COMPLIANCE_LEVELS[row.level - 1]! }));
}
