// Publishing the review: a confirmation page with the summary of what will change, and one
// action that publishes the whole set in one step (one transaction in the API).
import { fail, redirect } from '@sveltejs/kit';
import { messagesFor } from '$lib/i18n';
import { loadOrFail, pageForApiError } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { PublishStandardsReview, ReviewWorkspace } from '$lib/server/queries/standards';
import { apiRefusal, requireManager, reviewYears } from '../review.server';
import { plannedChanges } from '../summary';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function context(event: RequestEvent | Parameters<PageServerLoad>[0]) {
  requireManager(event);
  const { current, next } = await reviewYears(event);
  const data = await execute(event, ReviewWorkspace, { year: next, current });
  const standards = data.standards.edges.map((e) => e.node);
  const review = data.standardsReview;
  return { review, next: data.next, changes: review ? plannedChanges(review, standards) : [] };
}

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const { review, next, changes } = await context(event);
    if (!review || review.status !== 'OPEN') redirect(303, '/standards/review');
    return { review, next, changes };
  });

export const actions: Actions = {
  publish: async (event) => {
    const { review, changes } = await loadOrFail(event, () => context(event));
    const m = messagesFor(event.locals.locale).standards;
    const form = await event.request.formData();
    // The explicit tick is the confirmation step: without it nothing is published.
    if (form.get('confirm') !== 'yes') return fail(400, { confirmError: m.publish.confirmRequired, message: null });
    if (!review || review.status !== 'OPEN') return fail(409, { confirmError: null, message: m.propose.errors.state });
    if (changes.length === 0) return fail(400, { confirmError: null, message: m.publish.nothing });
    try {
      await execute(event, PublishStandardsReview, { input: { reviewId: review.id } });
    } catch (cause) {
      if (!apiRefusal(cause)) pageForApiError(event, cause);
      return fail(409, { confirmError: null, message: m.propose.errors.state });
    }
    redirect(303, '/standards/review?done=published');
  },
};
