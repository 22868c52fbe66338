// What a form action answers when the API refuses or fails. Every failure comes back as
// fail() with what the person typed, so the form is shown again with it — never a page that
// loses the text. Only an id that does not exist (or is not yours) becomes a 404 page.
import { error, fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { messagesFor } from '$lib/i18n';
import { defineOperation, execute, GraphQLRequestError, type ApiCaller } from './graphql';
import { SESSION_COOKIE } from './queries/viewer';

/**
 * Signing in again inside a form. Only the outcome's type is asked for: the new session is in
 * the cookie, and the request that signs in is still anonymous, so it may not read the user.
 */
export const SignInAgain = defineOperation<
  { signIn: { __typename: 'SignInPayload' | 'InvalidCredentialsError' | 'TooManyAttemptsError' } },
  { input: { email: string; password: string } }
>(/* GraphQL */ `
  mutation SignInAgain($input: SignInInput!) {
    signIn(input: $input) {
      __typename
    }
  }
`);

export interface ActionProblem {
  /** A message for the whole form (conflict, refusal, API down), in the page's language. */
  message: string | null;
  /** The session ended: the page offers to sign in again without losing the form. */
  sessionExpired: boolean;
  /** A conflict: someone saved first. */
  conflict: boolean;
  /** Messages per field, in the page's language (from the API's field, when it names one). */
  errors: Record<string, string>;
}

/** The API's own message in the page's language (errors carry both). */
export function apiMessage(event: Pick<RequestEvent, 'locals'>, cause: GraphQLRequestError): string {
  const entry = cause.errors[0];
  return entry?.extensions?.messages?.[event.locals.locale] ?? entry?.message ?? cause.message;
}

/**
 * Turns an API failure of an action into fail(status, { ...values, ...problem }); a 404 for
 * an object the viewer may not read. Anything that is not an API failure is rethrown.
 */
export function actionFailure<T extends Record<string, unknown>>(
  event: Pick<RequestEvent, 'locals'>,
  cause: unknown,
  values: T,
): ActionFailure<T & ActionProblem> {
  if (!(cause instanceof GraphQLRequestError)) throw cause;
  const problem: ActionProblem = { message: null, sessionExpired: false, conflict: false, errors: {} };
  const m = messagesFor(event.locals.locale).targets;
  if (cause.apiUnavailable) {
    console.error(`[web] ${cause.message}`);
    return fail(503, { ...values, ...problem, message: m.errors.unavailable });
  }
  switch (cause.code) {
    case 'UNAUTHENTICATED':
    case 'SESSION_EXPIRED':
      return fail(401, { ...values, ...problem, sessionExpired: true });
    case 'NOT_FOUND':
      error(404, { message: 'Not found', reason: 'not-found' });
    // falls through: error() throws
    case 'CONFLICT':
      return fail(409, { ...values, ...problem, conflict: true, message: m.form.conflict });
    case 'BAD_USER_INPUT': {
      const field = cause.errors[0]?.extensions?.field;
      if (typeof field === 'string') {
        return fail(400, { ...values, ...problem, errors: { [field]: apiMessage(event, cause) } });
      }
      return fail(400, { ...values, ...problem, message: apiMessage(event, cause) });
    }
    case 'FORBIDDEN':
    case 'INVALID_STATE':
      return fail(cause.code === 'FORBIDDEN' ? 403 : 409, { ...values, ...problem, message: apiMessage(event, cause) });
  }
  if (cause.kind === 'graphql') return fail(400, { ...values, ...problem, message: apiMessage(event, cause) });
  throw cause;
}

/**
 * A person whose session ended mid-form signs in again from the form itself: the form sends
 * `reauthEmail` and `reauthPassword` with the rest. Signs in, and returns a caller that
 * carries the new session cookie, so the action can go on with the same request. Returns
 * `invalid` when the credentials are wrong, and the event itself when nothing was sent.
 */
export async function reauthenticate(
  event: RequestEvent,
  form: FormData,
): Promise<{ caller: ApiCaller } | { invalid: true }> {
  const email = String(form.get('reauthEmail') ?? '').trim();
  const password = String(form.get('reauthPassword') ?? '');
  if (!email && !password) return { caller: event };
  // The ended session's cookie must not go with the sign-in (the API would refuse the request
  // as an expired session); later calls must send the new one, which execute() relayed to
  // event.cookies.
  const withCookies = (cookie: string): ApiCaller => {
    const headers = new Headers(event.request.headers);
    headers.set('cookie', cookie);
    const request = new Request(event.request.url, { method: 'GET', headers });
    return { request, cookies: event.cookies, locals: event.locals, getClientAddress: event.getClientAddress };
  };
  const others = event.cookies
    .getAll()
    .filter((c) => c.name !== SESSION_COOKIE)
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`);
  const result = (await execute(withCookies(others.join('; ')), SignInAgain, { input: { email, password } })).signIn;
  if (result.__typename !== 'SignInPayload') return { invalid: true };
  const session = event.cookies.get(SESSION_COOKIE);
  if (!session) return { invalid: true };
  const caller = withCookies([...others, `${SESSION_COOKIE}=${encodeURIComponent(session)}`].join('; '));
  return { caller };
}
