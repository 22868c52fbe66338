import { error } from '@sveltejs/kit';
import { fiscalYearParam } from '$lib/server/fiscal-year-param';
import { loadOrFail } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { WardPolicy } from '$lib/server/queries/policy';
import type { PageServerLoad } from './$types';

// Reading a policy needs no JavaScript. The committee's comment thread (lib/comments, built
// elsewhere) will need it: set csr back to true when the thread is mounted below.
export const csr = false;

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const year = fiscalYearParam(event.params.year, 0);
    const { ward, fiscalYear } = await execute(event, WardPolicy, { code: event.params.code, year });
    if (!ward) error(404, { message: 'Not found', reason: 'not-found' });
    const isMayor = (event.locals.viewer?.memberships ?? []).some(
      (m) => m.role === 'WARD_MAYOR' && m.ward?.code === ward.code,
    );
    // No policy (or a draft you may not read, which the API answers the same way): the ward's
    // mayor is offered to draft it; everyone else gets a page that does not exist.
    if (!ward.improvementPolicy && !isMayor) error(404, { message: 'Not found', reason: 'not-found' });
    return {
      ward: { id: ward.id, code: ward.code, name: ward.name, nameEn: ward.nameEn },
      fiscalYear,
      policy: ward.improvementPolicy,
      isMayor,
      justPublished: event.url.searchParams.get('published') === '1',
    };
  });
