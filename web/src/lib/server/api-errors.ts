// What a page does when the API refuses or fails: the visitor gets a proper page for it
// (sign in, 403, 404, 503), never a stack trace.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { GraphQLRequestError } from './graphql';
import { signInUrl } from './redirect';

/** Turns an API failure into the page SvelteKit should show; rethrows anything else. */
export function pageForApiError(event: Pick<RequestEvent, 'url'>, cause: unknown): never {
  if (cause instanceof GraphQLRequestError) {
    if (cause.apiUnavailable) {
      console.error(`[web] ${cause.message}`, cause.cause ?? '');
      error(503, { message: 'The API is unavailable', reason: 'api-unavailable' });
    }
    switch (cause.code) {
      case 'UNAUTHENTICATED':
      case 'SESSION_EXPIRED':
        redirect(303, signInUrl(event.url, cause.code === 'SESSION_EXPIRED'));
      // falls through: redirect() throws
      case 'NOT_FOUND':
        error(404, { message: 'Not found', reason: 'not-found' });
      // falls through
      case 'FORBIDDEN':
        error(403, { message: 'Forbidden', reason: 'forbidden' });
    }
  }
  throw cause;
}

/** Runs a page's loads, turning API failures into pages. */
export async function loadOrFail<T>(event: Pick<RequestEvent, 'url'>, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (cause) {
    pageForApiError(event, cause);
  }
}
