// A target's audit trail. Another ward's unpublished target is a 404 (as its own page is);
// a target the viewer reads but whose trail is not theirs (a published one of another ward)
// is a 403.
import { execute } from '$lib/server/graphql';
import { TargetHistory } from '$lib/server/queries/audit';
import { loadRecord, notFound, requireIdOf } from '$lib/server/record-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireIdOf(event.params.id, 'ImprovementTarget');
  const after = event.url.searchParams.get('after');
  return loadRecord(event, async () => {
    const { node } = await execute(event, TargetHistory, { id: event.params.id, after: after || null });
    if (!node || node.__typename !== 'ImprovementTarget' || !node.auditTrail || !node.section) notFound();
    const name = (n: { name: string; nameEn: string }) => (event.locals.locale === 'en' ? n.nameEn : n.name);
    return {
      target: {
        id: event.params.id,
        title: node.title ?? '',
        place: `${name(node.section.ward)} ${name(node.section)}`,
      },
      entries: node.auditTrail.edges.map((e) => e.node),
      nextCursor: node.auditTrail.pageInfo.hasNextPage ? node.auditTrail.pageInfo.endCursor : null,
      paged: Boolean(after),
    };
  });
};
