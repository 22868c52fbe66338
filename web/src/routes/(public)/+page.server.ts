import { error } from '@sveltejs/kit';
import { GraphQLRequestError } from '$lib/server/graphql';
import { loadHomeGuideline } from '$lib/server/queries/home-guideline';
import type { PageServerLoad } from './$types';

// A pure-read public page: rendered on the server only, so it ships no JavaScript (the issue's
// budget for public pages is 50 KB gzipped; a hydrated page ships more).
export const csr = false;

export const load: PageServerLoad = async (event) => {
  try {
    return { guideline: await loadHomeGuideline(event) };
  } catch (cause) {
    if (cause instanceof GraphQLRequestError && cause.apiUnavailable) {
      console.error(`[web] ${cause.message}`, cause.cause ?? '');
      error(503, { message: 'The API is unavailable', reason: 'api-unavailable' });
    }
    throw cause;
  }
};
