// Sign-out: a POST from the header's form (a link could be triggered by another site).
// The API ends the session on the server and clears the cookie.
import { redirect } from '@sveltejs/kit';
import { execute, GraphQLRequestError } from '$lib/server/graphql';
import { SESSION_COOKIE, SignOut } from '$lib/server/queries/viewer';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
  try {
    await execute(event, SignOut);
  } catch (cause) {
    if (!(cause instanceof GraphQLRequestError)) throw cause;
    console.error(`[web] ${cause.message}`);
  }
  // Whatever the API answered, this browser forgets the session.
  event.cookies.delete(SESSION_COOKIE, { path: '/' });
  redirect(303, '/');
};
