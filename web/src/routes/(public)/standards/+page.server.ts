// The standards catalogue: public, filtered by a plain GET form (works without JavaScript),
// one fiscal year at a time (the current one by default), paged with the API's cursors.
import { loadOrFail } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { FiscalYears, StandardsCatalogue, type Category } from '$lib/server/queries/standards';
import type { PageServerLoad } from './$types';

const CATEGORIES: readonly Category[] = ['SOFT', 'HARD'];

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const params = event.url.searchParams;
    const { currentFiscalYear } = await execute(event, FiscalYears);
    const current = currentFiscalYear.year;
    const requested = Number(params.get('year'));
    // Anything that is not a plausible year falls back to the current one rather than failing.
    const fiscalYear =
      Number.isInteger(requested) && requested >= 1989 && requested <= current + 1 ? requested : current;
    const categoryParam = params.get('category');
    const category = CATEGORIES.includes(categoryParam as Category) ? (categoryParam as Category) : null;
    const principleKey = /^[A-Z_]{1,60}$/.test(params.get('principle') ?? '') ? params.get('principle') : null;
    const after = params.get('after') || null;

    const data = await execute(event, StandardsCatalogue, {
      fiscalYear,
      nextYear: current + 1,
      category,
      principleKey,
      after,
    });
    const first = Math.min(current, ...data.years.edges.map((e) => e.node.introducedFiscalYear));
    // Next year is offered once its set has been published (in March).
    const nextPublished = data.years.edges.some(
      (e) => e.node.next?.fiscalYear === current + 1 && e.node.next.status === 'PUBLISHED',
    );
    const last = nextPublished ? current + 1 : current;
    const years = Array.from({ length: last - first + 1 }, (_, i) => last - i);
    return {
      fiscalYear: data.fiscalYear,
      current,
      years,
      category,
      principleKey,
      after,
      principles: data.currentGuideline?.principles.edges.map((e) => e.node) ?? [],
      standards: data.standards.edges.map((e) => e.node),
      totalCount: data.standards.totalCount,
      pageInfo: data.standards.pageInfo,
    };
  });
