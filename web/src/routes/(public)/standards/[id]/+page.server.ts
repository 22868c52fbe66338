// A standard and its history: every revision readable to the visitor (published ones for
// everyone; staff also see a proposal of the coming March review), each compared with the
// year before. The id in the URL is the standard's code (S-01), as people cite it.
import { error } from '@sveltejs/kit';
import { loadOrFail } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { StandardPage } from '$lib/server/queries/standards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    if (!/^[A-Z]-\d{2,3}$/.test(event.params.id)) error(404, { message: 'Not found', reason: 'not-found' });
    const { standard, currentFiscalYear } = await execute(event, StandardPage, { code: event.params.id });
    if (!standard) error(404, { message: 'Not found', reason: 'not-found' });
    return { standard, current: currentFiscalYear.year };
  });
