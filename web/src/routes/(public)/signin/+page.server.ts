// Staff sign-in. A plain form action, so it works without JavaScript; the API sets the
// session cookie and execute() relays it to the browser.
import { fail, redirect } from '@sveltejs/kit';
import { messagesFor } from '$lib/i18n';
import { pageForApiError } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { SignIn } from '$lib/server/queries/viewer';
import { safeRedirect } from '$lib/server/redirect';
import type { Actions, PageServerLoad } from './$types';

type FieldErrors = { email?: string; password?: string };
const NO_ERRORS: FieldErrors = {};

export const load: PageServerLoad = ({ locals, url }) => {
  const next = safeRedirect(url.searchParams.get('redirect'));
  if (locals.viewer) redirect(303, next);
  return {
    redirectTo: next,
    expired: url.searchParams.get('expired') === '1' || locals.sessionExpired,
    required: url.searchParams.has('redirect'),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const form = await event.request.formData();
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const next = safeRedirect(String(form.get('redirect') ?? ''));
    const m = messagesFor(event.locals.locale).auth;

    const errors: FieldErrors = {};
    if (!email) errors.email = m.emailRequired;
    if (!password) errors.password = m.passwordRequired;
    // The password is never sent back to the page.
    if (errors.email || errors.password) return fail(400, { email, errors, message: null as string | null });

    let result;
    try {
      result = (await execute(event, SignIn, { input: { email, password } })).signIn;
    } catch (cause) {
      pageForApiError(event, cause);
    }
    if (result.__typename === 'InvalidCredentialsError') {
      return fail(400, { email, errors: NO_ERRORS, message: m.invalidCredentials });
    }
    if (result.__typename === 'TooManyAttemptsError') {
      return fail(429, {
        email,
        errors: NO_ERRORS,
        message: m.tooManyAttempts(Math.max(1, Math.ceil(result.retryAfterSeconds / 60))),
      });
    }
    redirect(303, next);
  },
};
