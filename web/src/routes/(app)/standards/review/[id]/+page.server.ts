// One standard in the open review: propose its levels for the coming year (raise the
// minimum, rewrite the aspirational level, change the indicator's values) or stage its
// retirement. Two named actions, each checking who is asking and what was typed.
import { error, fail, redirect } from '@sveltejs/kit';
import { messagesFor } from '$lib/i18n';
import { loadOrFail, pageForApiError } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import {
  ProposeStandard,
  ProposeStandardRevision,
  RetireStandard,
  ReviewWorkspace,
} from '$lib/server/queries/standards';
import { apiRefusal, readRevision, requireManager, reviewYears, type RevisionValues } from '../review.server';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function context(event: RequestEvent | Parameters<PageServerLoad>[0]) {
  requireManager(event);
  if (!/^[A-Z]-\d{2,3}$/.test(event.params.id)) error(404, { message: 'Not found', reason: 'not-found' });
  const { current, next } = await reviewYears(event);
  const [{ standard }, workspace] = await Promise.all([
    execute(event, ProposeStandard, { code: event.params.id, year: next, current }),
    execute(event, ReviewWorkspace, { year: next, current }),
  ]);
  if (!standard) error(404, { message: 'Not found', reason: 'not-found' });
  return { standard, review: workspace.standardsReview, next: workspace.next, current: workspace.current };
}

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const { standard, review, next, current } = await context(event);
    // Staff see a revision proposed for exactly the coming year; otherwise the one in force.
    const proposal =
      standard.proposal && standard.proposal.fiscalYear === next.year && standard.proposal.status === 'PROPOSED'
        ? standard.proposal
        : null;
    const start = proposal ?? standard.revision;
    const initial: RevisionValues = {
      title: start?.title ?? '',
      titleEn: start?.titleEn ?? '',
      minimumLevel: start?.minimumLevel ?? '',
      minimumLevelEn: start?.minimumLevelEn ?? '',
      aspirationalLevel: start?.aspirationalLevel ?? '',
      aspirationalLevelEn: start?.aspirationalLevelEn ?? '',
      indicatorName: start?.indicatorName ?? '',
      unit: start?.unit ?? '',
      minimumValue: start?.minimumValue == null ? '' : String(Number(start.minimumValue)),
      aspirationalValue: start?.aspirationalValue == null ? '' : String(Number(start.aspirationalValue)),
      direction: start?.direction ?? '',
      changeNote: proposal?.changeNote ?? '',
    };
    const retirement = review?.retirements.find((r) => r.standard.id === standard.id) ?? null;
    return { standard, review, next, current, proposal, initial, retirement };
  });

export const actions: Actions = {
  propose: async (event) => {
    const { standard, review } = await loadOrFail(event, () => context(event));
    const m = messagesFor(event.locals.locale).standards.propose.errors;
    const form = await event.request.formData();
    const { values, errors, input } = readRevision(form, event.locals.locale);
    if (!review || review.status !== 'OPEN') return fail(409, { action: 'propose', values, errors, message: m.state });
    if (!input) return fail(400, { action: 'propose', values, errors, message: m.summary });
    try {
      await execute(event, ProposeStandardRevision, {
        input: { reviewId: review.id, standardId: standard.id, revision: input },
      });
    } catch (cause) {
      const refusal = apiRefusal(cause);
      if (!refusal) pageForApiError(event, cause);
      return fail(refusal.code === 'INVALID_STATE' ? 409 : 400, {
        action: 'propose',
        values,
        errors,
        message: refusal.code === 'INVALID_STATE' ? m.state : m.summary,
      });
    }
    redirect(303, '/standards/review?done=saved');
  },
  retire: async (event) => {
    const { standard, review } = await loadOrFail(event, () => context(event));
    const m = messagesFor(event.locals.locale).standards.propose.errors;
    const form = await event.request.formData();
    const reason = String(form.get('reason') ?? '').trim();
    const reasonError = !reason ? m.required : reason.length > 2000 ? m.tooLong(2000) : null;
    if (!review || review.status !== 'OPEN')
      return fail(409, { action: 'retire', reason, reasonError, message: m.state });
    if (reasonError) return fail(400, { action: 'retire', reason, reasonError, message: m.summary });
    try {
      await execute(event, RetireStandard, { input: { reviewId: review.id, standardId: standard.id, reason } });
    } catch (cause) {
      const refusal = apiRefusal(cause);
      if (!refusal) pageForApiError(event, cause);
      return fail(409, { action: 'retire', reason, reasonError: null, message: m.state });
    }
    redirect(303, '/standards/review?done=retired');
  },
};
