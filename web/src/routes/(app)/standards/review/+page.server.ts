// The review workspace: open the coming year's review, see every standard in force with what
// the review proposes for it, and go on to propose, adopt, retire and publish.
import { fail, redirect } from '@sveltejs/kit';
import { messagesFor } from '$lib/i18n';
import { loadOrFail, pageForApiError } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { OpenStandardsReview, ReviewWorkspace } from '$lib/server/queries/standards';
import { apiRefusal, requireManager, reviewYears } from './review.server';
import { plannedChanges } from './summary';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    requireManager(event);
    const { current, next } = await reviewYears(event);
    const data = await execute(event, ReviewWorkspace, { year: next, current });
    const standards = data.standards.edges.map((e) => e.node);
    return {
      next: data.next,
      current: data.current,
      review: data.standardsReview,
      standards,
      changes: data.standardsReview ? plannedChanges(data.standardsReview, standards) : [],
      notice: event.url.searchParams.get('done'),
    };
  });

export const actions: Actions = {
  open: async (event) => {
    requireManager(event);
    const { next } = await reviewYears(event);
    try {
      await execute(event, OpenStandardsReview, { input: { fiscalYear: next } });
    } catch (cause) {
      // Someone opened it first: the workspace shows it either way.
      if (apiRefusal(cause)?.code !== 'CONFLICT') {
        const refusal = apiRefusal(cause);
        if (refusal) return fail(400, { message: messagesFor(event.locals.locale).standards.propose.errors.summary });
        pageForApiError(event, cause);
      }
    }
    redirect(303, '/standards/review?done=opened');
  },
};
