import type { Handle, HandleServerError } from '@sveltejs/kit';
import { LOCALE_COOKIE, resolveLocale } from '$lib/i18n';

export const handle: Handle = async ({ event, resolve }) => {
  const locale = resolveLocale(event.cookies.get(LOCALE_COOKIE), event.request.headers.get('accept-language'));
  event.locals.locale = locale;

  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%shishin.lang%', locale),
  });
  // The same URL answers in either language, chosen from these two headers.
  if (response.headers.get('content-type')?.startsWith('text/html')) {
    response.headers.set('content-language', locale);
    response.headers.append('vary', 'Cookie, Accept-Language');
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
