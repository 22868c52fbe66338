// Adopt a ward's practice as a new city-wide standard: from one of its targets whose result
// exceeded the target, keeping the link to the target and its ward (the API records both).
import { fail, redirect } from '@sveltejs/kit';
import { messagesFor } from '$lib/i18n';
import { loadOrFail, pageForApiError } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import {
  AdoptCandidates,
  AdoptPracticeAsStandard,
  ReviewWorkspace,
  type Category,
} from '$lib/server/queries/standards';
import { apiRefusal, readRevision, requireManager, reviewYears, type RevisionValues } from '../review.server';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const GOOD = new Set(['GREATLY_EXCEEDED', 'EXCEEDED']);

async function context(event: RequestEvent | Parameters<PageServerLoad>[0]) {
  requireManager(event);
  const { current, next } = await reviewYears(event);
  const [candidates, workspace] = await Promise.all([
    execute(event, AdoptCandidates, { previousYear: current - 1, currentYear: current }),
    execute(event, ReviewWorkspace, { year: next, current }),
  ]);
  const targets = [...candidates.previous.edges, ...candidates.current.edges]
    .map((e) => e.node)
    .filter((t) => t.result && GOOD.has(t.result.achievementLevel));
  const principles = candidates.currentGuideline?.principles.edges.map((e) => e.node) ?? [];
  return { targets, principles, review: workspace.standardsReview, next: workspace.next };
}

const EMPTY: RevisionValues = {
  title: '',
  titleEn: '',
  minimumLevel: '',
  minimumLevelEn: '',
  aspirationalLevel: '',
  aspirationalLevelEn: '',
  indicatorName: '',
  unit: '',
  minimumValue: '',
  aspirationalValue: '',
  direction: '',
  changeNote: '',
};

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const { targets, principles, review, next } = await context(event);
    return { targets, principles, review, next, initial: EMPTY };
  });

export const actions: Actions = {
  adopt: async (event) => {
    const { targets, principles, review } = await loadOrFail(event, () => context(event));
    const e = messagesFor(event.locals.locale).standards.propose.errors;
    const form = await event.request.formData();
    const { values, errors, input } = readRevision(form, event.locals.locale);
    const originTargetId = String(form.get('originTargetId') ?? '');
    const code = String(form.get('code') ?? '')
      .trim()
      .toUpperCase();
    const category = String(form.get('category') ?? '') as Category;
    const principleIds = form.getAll('principleIds').map(String);
    const chosen = { originTargetId, code, category, principleIds };
    if (!targets.some((t) => t.id === originTargetId)) errors.originTargetId = e.target;
    if (!/^[A-Z]-\d{2,3}$/.test(code)) errors.code = e.code;
    if (category !== 'SOFT' && category !== 'HARD') errors.category = e.category;
    if (principleIds.length === 0 || principleIds.some((id) => !principles.some((p) => p.id === id)))
      errors.principleIds = e.principles;
    if (!review || review.status !== 'OPEN') return fail(409, { values, chosen, errors, message: e.state });
    if (!input || Object.keys(errors).length > 0) return fail(400, { values, chosen, errors, message: e.summary });
    try {
      await execute(event, AdoptPracticeAsStandard, {
        input: { reviewId: review.id, originTargetId, code, category, principleIds, revision: input },
      });
    } catch (cause) {
      const refusal = apiRefusal(cause);
      if (!refusal) pageForApiError(event, cause);
      if (refusal.code === 'CONFLICT' && refusal.field === 'code') {
        return fail(409, { values, chosen, errors: { ...errors, code: e.codeTaken }, message: e.summary });
      }
      return fail(409, { values, chosen, errors, message: refusal.code === 'INVALID_STATE' ? e.state : e.summary });
    }
    redirect(303, `/standards/review?done=adopted:${encodeURIComponent(code)}`);
  },
};
