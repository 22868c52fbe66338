// The language switch: /lang?to=en&redirect=/ remembers the choice in the `lang` cookie and
// goes back to the page the visitor was on. A plain link, so it works without JavaScript.
import { redirect } from '@sveltejs/kit';
import { defaultLocale, isLocale, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE } from '$lib/i18n';
import { safeRedirect } from '$lib/server/redirect';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, cookies }) => {
  const to = url.searchParams.get('to');
  const locale = isLocale(to) ? to : defaultLocale;
  cookies.set(LOCALE_COOKIE, locale, {
    path: '/',
    maxAge: LOCALE_COOKIE_MAX_AGE,
    sameSite: 'lax',
    httpOnly: true,
    secure: url.protocol === 'https:',
  });
  redirect(303, safeRedirect(url.searchParams.get('redirect'), '/'));
};
