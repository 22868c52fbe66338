// Every page in (app) is for signed-in staff: others go to the sign-in page and come back.
import { redirect } from '@sveltejs/kit';
import { signInUrl } from '$lib/server/redirect';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
  if (!locals.viewer) redirect(303, signInUrl(url, locals.sessionExpired));
  return { viewer: locals.viewer };
};
