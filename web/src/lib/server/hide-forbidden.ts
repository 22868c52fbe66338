// `node(id:)` answers FORBIDDEN for an object that exists but is not the viewer's to read
// (another ward's draft). Pages answer 404 instead, as the API does elsewhere, so an id never
// reveals that something exists.
import { error } from '@sveltejs/kit';
import { GraphQLRequestError } from './graphql';

export async function hideForbidden<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (cause) {
    // A malformed id (BAD_USER_INPUT on `node`) names nothing either.
    if (cause instanceof GraphQLRequestError && (cause.code === 'FORBIDDEN' || cause.code === 'BAD_USER_INPUT')) {
      error(404, { message: 'Not found', reason: 'not-found' });
    }
    throw cause;
  }
}
