// GraphiQL: for signed-in people only (it runs with their session); others are asked to sign
// in here rather than redirected, so the page still says what it is.
import { exampleByKey, examples } from '$lib/developers/examples';
import { loadOrFail } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { DeveloperFiscalYear } from '$lib/server/queries/developers';
import { signInUrl } from '$lib/server/redirect';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
  if (!event.locals.viewer) {
    return { signedIn: false as const, signInHref: signInUrl(event.url, event.locals.sessionExpired) };
  }
  return loadOrFail(event, async () => {
    const { currentFiscalYear } = await execute(event, DeveloperFiscalYear);
    const first = exampleByKey(event.url.searchParams.get('example')) ?? examples[0]!;
    const ordered = [first, ...examples.filter((e) => e !== first)];
    return {
      signedIn: true as const,
      tabs: ordered.map((example) => ({
        key: example.key,
        query: example.query,
        variables: JSON.stringify(example.variables(currentFiscalYear.year), null, 2),
      })),
      // With trusted documents enforced for browsers, GraphiQL's own queries would be refused.
      trustedOnly: process.env.SHISHIN_TRUSTED_DOCUMENTS === 'browsers',
    };
  });
};
