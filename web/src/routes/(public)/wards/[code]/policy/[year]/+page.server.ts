import { error, type RequestEvent } from '@sveltejs/kit';
import { commentActions, loadCommentThread } from '$lib/server/comment-thread';
import { fiscalYearParam } from '$lib/server/fiscal-year-param';
import { loadOrFail } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { WardPolicy } from '$lib/server/queries/policy';
import type { Actions, PageServerLoad } from './$types';

// Reading a policy needs no JavaScript, and public pages ship none. The committee's comment
// thread on a draft works as plain forms here (each post reloads the page); its live updates
// would need JavaScript on this public URL, over the public pages' budget.
export const csr = false;

async function policyOf(event: RequestEvent) {
  const year = fiscalYearParam(event.params.year ?? null, 0);
  return (await execute(event, WardPolicy, { code: event.params.code!, year })).ward?.improvementPolicy ?? null;
}

export const actions: Actions = {
  ...commentActions(async (event) => {
    const policy = await policyOf(event);
    if (!policy) error(404, { message: 'Not found', reason: 'not-found' });
    return policy.id;
  }),
};

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
    const policy = ward.improvementPolicy;
    return {
      thread: policy && policy.status === 'DRAFT' ? await loadCommentThread(event, policy.id) : null,
      ward: { id: ward.id, code: ward.code, name: ward.name, nameEn: ward.nameEn },
      fiscalYear,
      policy: ward.improvementPolicy,
      isMayor,
      justPublished: event.url.searchParams.get('published') === '1',
    };
  });
