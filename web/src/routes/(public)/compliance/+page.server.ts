// The compliance matrix (public: published results by ward are public information).
import { loadOrFail } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { CompliancePage } from '$lib/server/queries/reports';
import { FiscalYears } from '$lib/server/queries/standards';
import { resultsYear, yearChoices } from './year-param';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const { currentFiscalYear } = await execute(event, FiscalYears);
    const fiscalYear = resultsYear(event.url.searchParams.get('year'), currentFiscalYear.year);
    const data = await execute(event, CompliancePage, { fiscalYear });
    const wards = [...new Map(data.standardCompliance.map((c) => [c.ward.id, c.ward])).values()];
    const standards = [
      ...new Map(data.standardCompliance.map((c) => [c.standard.id, { ...c.standard, revision: c.revision }])).values(),
    ];
    return {
      fiscalYear: data.fiscalYear,
      years: yearChoices(currentFiscalYear.year),
      wards,
      standards,
      cells: data.standardCompliance.map((c) => ({
        wardId: c.ward.id,
        standardId: c.standard.id,
        level: c.level,
        resultCount: c.resultCount,
      })),
    };
  });
