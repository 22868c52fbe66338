// What a form action answers when the API refuses or fails. Every failure comes back as
// fail() with what the person typed, so the form is shown again with it — never a page that
// loses the text. Only an id that does not exist (or is not yours) becomes a 404 page.
import { error, fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { messagesFor } from '$lib/i18n';
import { execute, GraphQLRequestError, type ApiCaller } from './graphql';
import { SignIn } from './queries/viewer';

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
  const result = (await execute(event, SignIn, { input: { email, password } })).signIn;
  if (result.__typename !== 'SignInPayload') return { invalid: true };
  // execute() relayed the new cookie to event.cookies; later calls must send it, not the
  // stale one from the browser's request.
  const headers = new Headers(event.request.headers);
  headers.set(
    'cookie',
    event.cookies
      .getAll()
      .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
      .join('; '),
  );
  const request = new Request(event.request.url, { method: 'GET', headers });
  return { caller: { request, cookies: event.cookies, locals: event.locals, getClientAddress: event.getClientAddress } };
}
