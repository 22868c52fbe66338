// How server-side code reaches the API: GraphQL over HTTP, from this process to the API's
// /graphql. In production the API process serves this app too (it mounts build/handler.js),
// so by default the URL is the API's own port on loopback; SHISHIN_API_URL overrides it.
//
// CONCERNS:
// - The visitor's cookies are forwarded, so the API sees the same viewer the browser is;
//   cookies the API sets (a renewed or cleared session) are passed back to the browser.
// - The API refuses cookie-authenticated POSTs without `x-shishin-csrf` (CSRF protection for
//   browsers); this server is not a browser, so it always sends it.
// - Every call has a deadline: a hung API must turn into an error page, not a hung page.
import type { Cookies } from '@sveltejs/kit';
import type { Locale } from '$lib/i18n';

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Read on every call, not at import: the API may learn its port after this module loads. */
export function apiUrl(): string {
  return process.env.SHISHIN_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 4000}/graphql`;
}

function timeoutMs(): number {
  const configured = Number(process.env.SHISHIN_API_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_TIMEOUT_MS;
}

export type Variables = Record<string, unknown>;

/**
 * A GraphQL operation with the types of its result and variables attached, so that
 * `execute(event, operation, variables)` is checked at compile time.
 */
export interface Operation<TData, TVariables extends Variables = Record<string, never>> {
  readonly name: string;
  readonly document: string;
  /** Never set: carries the types only. */
  readonly __types?: { data: TData; variables: TVariables };
}

export function defineOperation<TData, TVariables extends Variables = Record<string, never>>(
  document: string,
): Operation<TData, TVariables> {
  const name = /\b(?:query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(document)?.[1];
  if (!name) throw new Error('A GraphQL operation needs a name (query Name { … }).');
  return { name, document };
}

/** An error as the API sends it; `extensions.messages` carries both languages. */
export interface GraphQLErrorEntry {
  message: string;
  path?: readonly (string | number)[];
  extensions?: {
    code?: string;
    messages?: { ja: string; en: string };
    [key: string]: unknown;
  };
}

export type GraphQLRequestErrorKind =
  /** The API could not be reached at all (refused, reset, DNS). */
  | 'unreachable'
  /** The API did not answer before the deadline. */
  | 'timeout'
  /** The API answered with an HTTP error and no GraphQL errors. */
  | 'http'
  /** The API answered with GraphQL errors (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT …). */
  | 'graphql'
  /** The API answered something that is not a GraphQL response. */
  | 'invalid-response';

export class GraphQLRequestError extends Error {
  readonly kind: GraphQLRequestErrorKind;
  readonly operationName: string;
  readonly status: number | undefined;
  readonly errors: readonly GraphQLErrorEntry[];

  constructor(
    kind: GraphQLRequestErrorKind,
    operationName: string,
    message: string,
    details: { status?: number; errors?: readonly GraphQLErrorEntry[]; cause?: unknown } = {},
  ) {
    super(`${operationName}: ${message}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'GraphQLRequestError';
    this.kind = kind;
    this.operationName = operationName;
    this.status = details.status;
    this.errors = details.errors ?? [];
  }

  /** The first error's machine-readable code, e.g. UNAUTHENTICATED. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }

  /** True when the API itself is down or failing, as opposed to refusing this request. */
  get apiUnavailable(): boolean {
    return (
      this.kind === 'unreachable' ||
      this.kind === 'timeout' ||
      this.kind === 'invalid-response' ||
      (this.kind === 'http' && (this.status ?? 0) >= 500)
    );
  }
}

/** What a call needs from the SvelteKit request event. */
export interface ApiCaller {
  request: Request;
  cookies: Cookies;
  locals: { locale: Locale };
  /** The visitor's address, so the API's per-address sign-in throttle counts visitors, not this server. */
  getClientAddress: () => string;
}

type Rest<TVariables extends Variables> =
  Record<string, never> extends TVariables
    ? [variables?: TVariables, options?: ExecuteOptions]
    : [variables: TVariables, options?: ExecuteOptions];

export interface ExecuteOptions {
  timeoutMs?: number;
}

export async function execute<TData, TVariables extends Variables>(
  caller: ApiCaller,
  operation: Operation<TData, TVariables>,
  ...[variables, options]: Rest<TVariables>
): Promise<TData> {
  const headers: Record<string, string> = {
    accept: 'application/graphql-response+json, application/json;q=0.9',
    'content-type': 'application/json',
    'x-shishin-csrf': '1',
    // The API writes its error messages in the language of the page that asked.
    'accept-language': caller.locals.locale,
  };
  const cookie = caller.request.headers.get('cookie');
  if (cookie) headers.cookie = cookie;
  try {
    headers['x-forwarded-for'] = caller.getClientAddress();
  } catch {
    // Prerendering and some adapters have no client address; the API then sees this server's.
  }

  let response: Response;
  try {
    response = await fetch(apiUrl(), {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: operation.document, operationName: operation.name, variables: variables ?? {} }),
      signal: AbortSignal.timeout(options?.timeoutMs ?? timeoutMs()),
      redirect: 'error',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new GraphQLRequestError('timeout', operation.name, 'the API did not answer in time', { cause: error });
    }
    throw new GraphQLRequestError('unreachable', operation.name, 'the API could not be reached', { cause: error });
  }

  relayCookies(response.headers, caller.cookies);

  let body: { data?: TData | null; errors?: GraphQLErrorEntry[] } | undefined;
  try {
    const text = await response.text();
    body = text ? (JSON.parse(text) as typeof body) : undefined;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new GraphQLRequestError('timeout', operation.name, 'the API did not answer in time', { cause: error });
    }
    body = undefined;
  }

  if (body?.errors && body.errors.length > 0) {
    throw new GraphQLRequestError('graphql', operation.name, body.errors.map((e) => e.message).join('; '), {
      status: response.status,
      errors: body.errors,
    });
  }
  if (!response.ok) {
    throw new GraphQLRequestError('http', operation.name, `the API answered HTTP ${response.status}`, {
      status: response.status,
    });
  }
  if (!body || body.data === undefined || body.data === null) {
    throw new GraphQLRequestError('invalid-response', operation.name, 'the API answered without data', {
      status: response.status,
    });
  }
  return body.data;
}

/**
 * Passes the API's Set-Cookie headers on to the browser. The API sets plain cookies
 * (Path, HttpOnly, SameSite, Max-Age, Secure), which is all this reads.
 */
function relayCookies(headers: Headers, cookies: Cookies): void {
  for (const line of headers.getSetCookie()) {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const separator = pair.indexOf('=');
    if (separator <= 0) continue;
    const name = pair.slice(0, separator);
    const value = decodeURIComponent(pair.slice(separator + 1));
    const options: Parameters<Cookies['set']>[2] = { path: '/', httpOnly: false, secure: false };
    for (const attribute of attributes) {
      const [key = '', attributeValue = ''] = attribute.split('=');
      switch (key.toLowerCase()) {
        case 'path':
          options.path = attributeValue || '/';
          break;
        case 'httponly':
          options.httpOnly = true;
          break;
        case 'secure':
          options.secure = true;
          break;
        case 'max-age':
          options.maxAge = Number(attributeValue);
          break;
        case 'samesite':
          options.sameSite = attributeValue.toLowerCase() as 'lax' | 'strict' | 'none';
          break;
      }
    }
    cookies.set(name, value, options);
  }
}
