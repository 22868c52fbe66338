import { loadOrFail } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { PublicWards } from '$lib/server/queries/ward-public';
import type { PageServerLoad } from './$types';

// A pure-read public page: rendered on the server, no JavaScript shipped.
export const csr = false;

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const data = await execute(event, PublicWards);
    return {
      wards: data.wards.edges.map((e) => e.node).sort((a, b) => a.position - b.position),
      currentFiscalYear: data.currentFiscalYear,
    };
  });
