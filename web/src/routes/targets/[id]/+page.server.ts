// The target page: public for a published target, everything else for the ward's staff (the
// API answers null otherwise, as for an id that names nothing: a 404). Every step of the cycle is a form action
// guarding itself: the API decides, the page shows only what viewerCan* says is possible.
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { messagesFor } from '$lib/i18n';
import { actionFailure } from '$lib/server/action-failure';
import { loadOrFail } from '$lib/server/api-errors';
import { commentActions, loadCommentThread } from '$lib/server/comment-thread';
import { execute, type Operation } from '$lib/server/graphql';
import { requireIdOf } from '$lib/server/record-page';
import {
  ApproveTarget,
  CarryOver,
  ConfirmResult,
  PublishResult,
  PublishTarget,
  RecordReview,
  ReportResult,
  RequestChanges,
  SubmitTarget,
  TargetPage,
  TargetYear,
  type AchievementLevel,
  type ReviewDecision,
  type TargetView,
} from '$lib/server/queries/target';
import type { Actions, PageServerLoad } from './$types';

const notFound = () => error(404, { message: 'Not found', reason: 'not-found' });

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    // A malformed id is a 404 before the API is asked; an unreadable target comes back null.
    requireIdOf(event.params.id, 'ImprovementTarget');
    const { node: year } = await execute(event, TargetYear, { id: event.params.id });
    const targetYear = year?.__typename === 'ImprovementTarget' ? year.fiscalYear : undefined;
    if (targetYear === undefined) notFound();
    const [{ node, fiscalYear, previousFiscalYear }, thread] = await Promise.all([
      execute(event, TargetPage, { id: event.params.id, fiscalYear: targetYear!, previousYear: targetYear! - 1 }),
      loadCommentThread(event, event.params.id),
    ]);
    if (!node || node.__typename !== 'ImprovementTarget') notFound();
    return {
      target: node as TargetView,
      fiscalYear,
      previousFiscalYear,
      thread,
      saved: event.url.searchParams.has('saved'),
    };
  });

type Step =
  | 'submit'
  | 'review'
  | 'approve'
  | 'requestChanges'
  | 'publish'
  | 'reportResult'
  | 'confirmResult'
  | 'publishResult'
  | 'carryOver';

/** Runs one step; its answer is under `step` so the page knows which form it belongs to. */
async function step<TData>(event: RequestEvent, name: Step, values: Record<string, string>, run: () => Promise<TData>) {
  if (!event.locals.viewer) {
    return fail(401, { step: name, ...values, errors: {}, message: null, sessionExpired: true, conflict: false });
  }
  try {
    const data = await run();
    return { step: name, done: true, data: data as unknown };
  } catch (cause) {
    return actionFailure(event, cause, { step: name, ...values });
  }
}

const byRef =
  <TData>(name: Step, operation: Operation<TData, { input: { id: string } }>) =>
  (event: RequestEvent) =>
    step(event, name, {}, () => execute(event, operation, { input: { id: event.params.id! } }));

const DECISIONS: ReviewDecision[] = ['APPROVE', 'COMMENT', 'REQUEST_CHANGES'];
const LEVELS: AchievementLevel[] = ['GREATLY_EXCEEDED', 'EXCEEDED', 'ACHIEVED', 'BELOW', 'GREATLY_BELOW'];

export const actions: Actions = {
  submit: async (event) => {
    const form = await event.request.formData();
    const expectedVersion = Number(form.get('expectedVersion'));
    const dueDate = String(form.get('dueDate') ?? '');
    return step(event, 'submit', { dueDate }, () =>
      execute(event, SubmitTarget, {
        input: { id: event.params.id, expectedVersion, ...(dueDate ? { dueDate } : {}) },
      }),
    );
  },
  review: async (event) => {
    const form = await event.request.formData();
    const roundId = String(form.get('roundId') ?? '');
    const decision = String(form.get('decision') ?? '') as ReviewDecision;
    const body = String(form.get('body') ?? '');
    const m = messagesFor(event.locals.locale).targets.review;
    const errors: Record<string, string> = {};
    if (!DECISIONS.includes(decision)) errors.decision = m.decisionRequired;
    if (body.length > 10_000) errors.body = m.bodyTooLong;
    if (Object.keys(errors).length) {
      return fail(400, { step: 'review', decision, body, errors, message: null, sessionExpired: false });
    }
    return step(event, 'review', { decision, body }, () =>
      execute(event, RecordReview, { input: { roundId, decision, ...(body ? { body } : {}) } }),
    );
  },
  approve: byRef('approve', ApproveTarget),
  requestChanges: async (event) => {
    const note = String((await event.request.formData()).get('note') ?? '');
    return step(event, 'requestChanges', { note }, () =>
      execute(event, RequestChanges, { input: { id: event.params.id, ...(note.trim() ? { note } : {}) } }),
    );
  },
  publish: byRef('publish', PublishTarget),
  reportResult: async (event) => {
    const form = await event.request.formData();
    const values = {
      achievementLevel: String(form.get('achievementLevel') ?? ''),
      actualValue: String(form.get('actualValue') ?? ''),
      evidence: String(form.get('evidence') ?? ''),
      lateReason: String(form.get('lateReason') ?? ''),
    };
    const m = messagesFor(event.locals.locale).targets;
    const errors: Record<string, string> = {};
    if (!LEVELS.includes(values.achievementLevel as AchievementLevel))
      errors.achievementLevel = m.result.errors.levelRequired;
    if (!values.evidence.trim()) errors.evidence = m.result.errors.evidenceRequired;
    else if (values.evidence.length > 5_000) errors.evidence = m.result.errors.evidenceTooLong;
    const actual = values.actualValue.trim();
    if (actual && !/^-?\d{1,12}(\.\d{1,6})?$/.test(actual)) errors.actualValue = m.form.errors.notANumber;
    if (form.get('late') === '1' && !values.lateReason.trim()) errors.lateReason = m.result.errors.lateReasonRequired;
    if (Object.keys(errors).length) {
      return fail(400, { step: 'reportResult', ...values, errors, message: null, sessionExpired: false });
    }
    return step(event, 'reportResult', values, () =>
      execute(event, ReportResult, {
        input: {
          id: event.params.id,
          achievementLevel: values.achievementLevel as AchievementLevel,
          actualValue: actual || null,
          evidence: values.evidence,
          lateReason: values.lateReason.trim() || null,
        },
      }),
    );
  },
  confirmResult: byRef('confirmResult', ConfirmResult),
  publishResult: byRef('publishResult', PublishResult),
  carryOver: byRef('carryOver', CarryOver),
  ...commentActions((event) => event.params.id!),
};
