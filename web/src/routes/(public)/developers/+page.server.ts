// The developer guide: public, like the published data it explains. The examples are
// written for the current fiscal year and this site's own address.
import { loadOrFail } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { DeveloperFiscalYear } from '$lib/server/queries/developers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const { currentFiscalYear } = await execute(event, DeveloperFiscalYear);
    return { fiscalYear: currentFiscalYear, origin: event.url.origin };
  });
