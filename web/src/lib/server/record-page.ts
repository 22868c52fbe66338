// Pages about one record (a problem, a target's history …): what the visitor gets when the
// record cannot be shown.
//
// CONCERNS:
// - An id that is not the page's type, does not exist, or names a record the viewer may not
//   read is a 404: node(id:) answers null for the last two alike, and a page must not reveal
//   that such a record exists (a refusal on the record itself is a 404 too, to be safe).
// - A record the viewer may read, with a part of it refused (the audit trail of a published
//   target for another ward's staff), is a 403: the record's existence is no secret then.
import { error, type RequestEvent } from '@sveltejs/kit';
import { pageForApiError } from './api-errors';
import { GraphQLRequestError } from './graphql';
import { isGlobalIdOf } from './global-id';

export function notFound(): never {
  error(404, { message: 'Not found', reason: 'not-found' });
}

/** 404 unless `id` is a global id of `typename` (checked before any call to the API). */
export function requireIdOf(id: string, typename: string): void {
  if (!isGlobalIdOf(id, typename)) notFound();
}

/**
 * Runs a record page's load. `parts` names fields whose refusal is a 403 (the record itself
 * was readable); any other refusal, and an error on the record itself, is a 404.
 */
export async function loadRecord<T>(
  event: Pick<RequestEvent, 'url'>,
  load: () => Promise<T>,
  parts: readonly string[] = ['auditTrail'],
): Promise<T> {
  try {
    return await load();
  } catch (cause) {
    if (
      cause instanceof GraphQLRequestError &&
      cause.kind === 'graphql' &&
      !['UNAUTHENTICATED', 'SESSION_EXPIRED'].includes(cause.code ?? '')
    ) {
      const refused = cause.errors.find(
        (e) => e.extensions?.code === 'FORBIDDEN' || e.extensions?.code === 'NOT_FOUND',
      );
      if (refused?.path?.some((segment) => typeof segment === 'string' && parts.includes(segment))) {
        error(403, { message: 'Forbidden', reason: 'forbidden' });
      }
      if (refused) notFound();
      // The API answers node(id:) of a well-formed id that names nothing with an unexpected
      // error on ["node"] rather than null; for a page that is a missing record.
      if (cause.errors.every((e) => e.path?.length === 1 && e.path[0] === 'node')) notFound();
    }
    pageForApiError(event, cause);
  }
}
