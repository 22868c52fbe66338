// Achievement charts (public: published results only, grouped in the database).
import { loadOrFail } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { AchievementPage, ACHIEVEMENT_LEVELS, type AchievementLevel, type LevelRow } from '$lib/server/queries/reports';
import { FiscalYears } from '$lib/server/queries/standards';
import { resultsYear, yearChoices } from '../compliance/year-param';
import type { PageServerLoad } from './$types';

export interface ChartRow {
  key: string;
  label: string;
  labelEn: string;
  values: number[];
}

/** Rows of counts per achievement level, in the order the API returned the groups. */
function pivot<T extends LevelRow>(
  rows: T[],
  keyOf: (row: T) => { key: string; label: string; labelEn: string },
): ChartRow[] {
  const byKey = new Map<string, ChartRow>();
  for (const row of rows) {
    const { key, label, labelEn } = keyOf(row);
    const entry = byKey.get(key) ?? { key, label, labelEn, values: ACHIEVEMENT_LEVELS.map(() => 0) };
    entry.values[ACHIEVEMENT_LEVELS.indexOf(row.achievementLevel as AchievementLevel)]! += row.count;
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const { currentFiscalYear } = await execute(event, FiscalYears);
    const fiscalYear = resultsYear(event.url.searchParams.get('year'), currentFiscalYear.year);
    const data = await execute(event, AchievementPage, { fiscalYear });
    return {
      fiscalYear: data.fiscalYear,
      years: yearChoices(currentFiscalYear.year),
      byWard: pivot(data.byWard, (r) => ({ key: r.ward.id, label: r.ward.name, labelEn: r.ward.nameEn })),
      bySection: pivot(data.bySection, (r) => ({
        key: r.section.id,
        label: `${r.section.ward.name} ${r.section.name}`,
        labelEn: `${r.section.name !== r.section.nameEn ? r.section.nameEn : r.section.name}, ${r.section.ward.nameEn}`,
      })),
      byStandard: pivot(data.byStandard, (r) => ({
        key: r.standard?.id ?? 'none',
        label: r.standard?.code ?? '',
        labelEn: r.standard?.code ?? '',
      })),
      byYear: pivot(data.byYear, (r) => ({
        key: String(r.fiscalYear),
        label: String(r.fiscalYear),
        labelEn: String(r.fiscalYear),
      })),
    };
  });
