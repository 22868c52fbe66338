import type { Handle, HandleServerError } from '@sveltejs/kit';
import { LOCALE_COOKIE, resolveLocale } from '$lib/i18n';
import { GraphQLRequestError } from '$lib/server/graphql';
import { loadViewer, SESSION_COOKIE } from '$lib/server/queries/viewer';

export const handle: Handle = async ({ event, resolve }) => {
  const locale = resolveLocale(event.cookies.get(LOCALE_COOKIE), event.request.headers.get('accept-language'));
  event.locals.locale = locale;
  event.locals.viewer = null;
  event.locals.sessionExpired = false;

  // The session is resolved once per request, and only when there is one to resolve:
  // public pages for anonymous visitors make no extra call to the API.
  if (event.cookies.get(SESSION_COOKIE)) {
    try {
      event.locals.viewer = await loadViewer(event);
      // The API clears an expired or revoked session's cookie (relayed to the browser).
      event.locals.sessionExpired = event.locals.viewer === null;
    } catch (cause) {
      // An unreachable API is reported by the page's own load (a 503 page); here the
      // visitor is simply not known.
      if (!(cause instanceof GraphQLRequestError)) throw cause;
      console.error(`[web] ${cause.message}`);
    }
  }

  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%shishin.lang%', locale),
  });
  // The same URL answers in either language, chosen from these two headers.
  if (response.headers.get('content-type')?.startsWith('text/html')) {
    response.headers.set('content-language', locale);
    response.headers.append('vary', 'Cookie, Accept-Language');
    // Pages of a signed-in person are theirs alone.
    if (event.locals.viewer) response.headers.set('cache-control', 'private, no-store');
  }
  return response;
};

/**
 * Unexpected errors are logged here with an id and never shown: the visitor gets a calm
 * page (+error.svelte), not a stack trace.
 */
export const handleError: HandleServerError = ({ error, event, status }) => {
  const id = crypto.randomUUID();
  if (status !== 404) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`[web] ${event.request.method} ${event.url.pathname} failed (${id}): ${detail}`);
  }
  return { message: `Error ${id}`, reason: status === 404 ? 'not-found' : 'unexpected' };
};
