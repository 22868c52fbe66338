import { error } from '@sveltejs/kit';
import { loadOrFail } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { WardPolicies } from '$lib/server/queries/policy';
import { FiscalYearNamesOf, PublicWardByCode } from '$lib/server/queries/ward-public';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const { ward, currentFiscalYear } = await execute(event, PublicWardByCode, { code: event.params.code });
    if (!ward) error(404, { message: 'Not found', reason: 'not-found' });
    const { improvementPolicies } = await execute(event, WardPolicies, {
      wardId: ward.id,
      after: event.url.searchParams.get('after'),
    });
    const isMayor = (event.locals.viewer?.memberships ?? []).some(
      (m) => m.role === 'WARD_MAYOR' && m.ward?.code === ward.code,
    );
    const policies = improvementPolicies.edges.map((e) => e.node);
    // The mayor drafts this year's policy, or next year's once this year's exists.
    const draftYear = isMayor
      ? [currentFiscalYear.year, currentFiscalYear.year + 1].find((y) => !policies.some((p) => p.fiscalYear === y))
      : undefined;
    const draftYearNames = draftYear
      ? (await execute(event, FiscalYearNamesOf, { years: [draftYear] })).fiscalYears[0]!
      : null;
    return {
      ward,
      policies,
      nextCursor: improvementPolicies.pageInfo.hasNextPage ? improvementPolicies.pageInfo.endCursor : null,
      draftYear: draftYearNames,
    };
  });
