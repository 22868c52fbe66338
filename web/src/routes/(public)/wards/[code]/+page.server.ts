import { error } from '@sveltejs/kit';
import { fiscalYearParam } from '$lib/server/fiscal-year-param';
import { loadOrFail } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { PublicWardByCode, PublicWardYear } from '$lib/server/queries/ward-public';
import type { PageServerLoad } from './$types';

// What a ward publishes every April–May, read by anyone and linked from the ward's own
// website: rendered on the server only, so the page ships no JavaScript at all.
export const csr = false;

/** The first fiscal year under the revised guideline (平成24年度): the years offered start there. */
const FIRST_YEAR = 2012;

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const { searchParams } = event.url;
    const { ward, currentFiscalYear } = await execute(event, PublicWardByCode, { code: event.params.code });
    if (!ward) error(404, { message: 'Not found', reason: 'not-found' });
    // The current year comes from the API's clock (Japan time), not this server's.
    const current = currentFiscalYear.year;
    const year = fiscalYearParam(searchParams.get('year'), current);
    if (year <= 1989) error(404, { message: 'Not found', reason: 'not-found' });
    const previousYear = year - 1;
    const offered: number[] = [];
    for (let y = Math.max(current, year); y >= Math.min(FIRST_YEAR, year) && offered.length < 49; y -= 1)
      offered.push(y);

    const data = await execute(event, PublicWardYear, {
      wardId: ward.id,
      year,
      previousYear,
      years: [...new Set([...offered, previousYear])],
      targetsAfter: searchParams.get('targets'),
      resultsAfter: searchParams.get('results'),
    });
    const names = new Map(data.fiscalYears.map((fy) => [fy.year, fy]));
    // A draft never shows on the public page, even to the staff who may read it.
    const policy = data.node?.improvementPolicy?.status === 'PUBLISHED' ? data.node.improvementPolicy : null;

    return {
      ward,
      fiscalYear: names.get(year)!,
      previousYear: names.get(previousYear)!,
      years: offered.map((y) => names.get(y)!),
      policy,
      summary: data.node?.resultSummary ?? [],
      targets: data.targets.edges.map((e) => e.node),
      targetsNext: data.targets.pageInfo.hasNextPage ? data.targets.pageInfo.endCursor : null,
      targetsPaged: searchParams.has('targets'),
      results: data.results.edges.map((e) => e.node),
      resultsNext: data.results.pageInfo.hasNextPage ? data.results.pageInfo.endCursor : null,
      resultsPaged: searchParams.has('results'),
    };
  });
