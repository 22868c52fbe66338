// The ward mayor drafts, edits and publishes the ward's policy for a fiscal year. Each action
// guards itself (the API checks again); an edit carries the `updatedAt` it started from, so a
// change made meanwhile elsewhere is reported as a conflict, never silently overwritten.
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { fiscalYearParam } from '$lib/server/fiscal-year-param';
import { loadOrFail, pageForApiError } from '$lib/server/api-errors';
import { execute, GraphQLRequestError } from '$lib/server/graphql';
import { CreatePolicy, PublishPolicy, UpdatePolicy, WardPolicy } from '$lib/server/queries/policy';
import type { Actions, PageServerLoad } from './$types';

const TITLE_MAX = 200;
const BODY_MAX = 20_000;

type FieldError = { code: 'required' } | { code: 'tooLong'; length: number };

async function loadPolicy(event: Pick<RequestEvent, 'params' | 'locals' | 'request' | 'cookies' | 'getClientAddress'>) {
  const year = fiscalYearParam(event.params.year ?? '', 0);
  const { ward, fiscalYear } = await execute(event, WardPolicy, { code: event.params.code ?? '', year });
  if (!ward) error(404, { message: 'Not found', reason: 'not-found' });
  const isMayor = (event.locals.viewer?.memberships ?? []).some(
    (m) => m.role === 'WARD_MAYOR' && m.ward?.code === ward.code,
  );
  return { ward, fiscalYear, policy: ward.improvementPolicy, isMayor };
}

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const { ward, fiscalYear, policy, isMayor } = await loadPolicy(event);
    // Only the ward's own mayor writes its policy, and only while it is a draft: a published
    // one is read on its own page.
    if (policy && policy.status !== 'DRAFT' && isMayor) redirect(303, `/wards/${ward.code}/policy/${fiscalYear.year}`);
    if (policy ? !policy.viewerCanEdit : !isMayor) error(403, { message: 'Forbidden', reason: 'forbidden' });
    return { ward: { id: ward.id, code: ward.code, name: ward.name, nameEn: ward.nameEn }, fiscalYear, policy };
  });

function readFields(form: FormData) {
  const values = {
    title: String(form.get('title') ?? '').trim(),
    body: String(form.get('body') ?? '')
      .replace(/\r\n/g, '\n')
      .trim(),
  };
  const errors: { title?: FieldError; body?: FieldError } = {};
  if (!values.title) errors.title = { code: 'required' };
  else if (values.title.length > TITLE_MAX) errors.title = { code: 'tooLong', length: values.title.length };
  if (!values.body) errors.body = { code: 'required' };
  else if (values.body.length > BODY_MAX) errors.body = { code: 'tooLong', length: values.body.length };
  return { values, errors, valid: Object.keys(errors).length === 0 };
}

/** Failures the mayor can act on become messages on the form; anything else is an error page. */
function formFailure(event: RequestEvent, cause: unknown, values: { title: string; body: string }) {
  if (cause instanceof GraphQLRequestError) {
    switch (cause.code) {
      case 'CONFLICT':
        return fail(409, { values, conflict: true as const });
      case 'INVALID_STATE':
        return fail(409, { values, invalidState: true as const });
      case 'BAD_USER_INPUT':
        return fail(400, { values, apiMessage: cause.errors[0]?.message ?? cause.message });
    }
  }
  pageForApiError(event, cause);
}

export const actions: Actions = {
  create: async (event) => {
    const { values, errors, valid } = readFields(await event.request.formData());
    if (!valid) return fail(400, { values, errors });
    try {
      const { ward, fiscalYear, policy, isMayor } = await loadPolicy(event);
      if (policy) return fail(409, { values, exists: true as const });
      if (!isMayor) error(403, { message: 'Forbidden', reason: 'forbidden' });
      await execute(event, CreatePolicy, { input: { wardId: ward.id, fiscalYear: fiscalYear.year, ...values } });
      return { created: true as const };
    } catch (cause) {
      return formFailure(event, cause, values);
    }
  },
  update: async (event) => {
    const form = await event.request.formData();
    const { values, errors, valid } = readFields(form);
    if (!valid) return fail(400, { values, errors });
    const id = String(form.get('id') ?? '');
    const expectedUpdatedAt = String(form.get('updatedAt') ?? '');
    if (!id || !expectedUpdatedAt) return fail(400, { values, conflict: true as const });
    try {
      await execute(event, UpdatePolicy, { input: { id, expectedUpdatedAt, ...values } });
      return { saved: true as const };
    } catch (cause) {
      return formFailure(event, cause, values);
    }
  },
  publish: async (event) => {
    const form = await event.request.formData();
    const id = String(form.get('id') ?? '');
    if (form.get('confirm') !== 'yes') return fail(400, { confirmMissing: true as const });
    try {
      await execute(event, PublishPolicy, { input: { id } });
    } catch (cause) {
      if (cause instanceof GraphQLRequestError && cause.code === 'INVALID_STATE') {
        return fail(409, { invalidState: true as const });
      }
      pageForApiError(event, cause);
    }
    redirect(303, `/wards/${encodeURIComponent(event.params.code)}/policy/${event.params.year}?published=1`);
  },
};
