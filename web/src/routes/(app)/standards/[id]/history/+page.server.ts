// A standard's audit trail, for staff (standards are city-wide). An id that is not a
// standard is a 404; a signed-in person who is not staff gets a 403.
import { execute } from '$lib/server/graphql';
import { StandardHistory } from '$lib/server/queries/audit';
import { CurrentYear } from '$lib/server/queries/problems';
import { loadRecord, notFound, requireIdOf } from '$lib/server/record-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireIdOf(event.params.id, 'Standard');
  const after = event.url.searchParams.get('after');
  return loadRecord(event, async () => {
    const { currentFiscalYear } = await execute(event, CurrentYear);
    const { node } = await execute(event, StandardHistory, {
      id: event.params.id,
      after: after || null,
      fiscalYear: currentFiscalYear.year,
    });
    if (!node || node.__typename !== 'Standard' || !node.auditTrail) notFound();
    const revision = node.revision;
    return {
      standard: {
        id: event.params.id,
        code: node.code ?? '',
        title: revision ? (event.locals.locale === 'en' ? revision.titleEn : revision.title) : '',
      },
      entries: node.auditTrail.edges.map((e) => e.node),
      nextCursor: node.auditTrail.pageInfo.hasNextPage ? node.auditTrail.pageInfo.endCursor : null,
      paged: Boolean(after),
    };
  });
};
