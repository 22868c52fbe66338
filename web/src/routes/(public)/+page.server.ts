import { error } from '@sveltejs/kit';
import { GraphQLRequestError } from '$lib/server/graphql';
import { loadHomeGuideline } from '$lib/server/queries/home-guideline';
import type { PageServerLoad } from './$types';

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
