// What the new-target and edit-target pages share on the server: the options the form offers,
// and saving with a sign-in on the spot when the session ended while the person was typing.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { localized, messagesFor } from '$lib/i18n';
import { actionFailure, reauthenticate } from './action-failure';
import { execute } from './graphql';
import { CurrentYear, TargetFormOptionsQuery, type TargetFields } from './queries/target-form';
import { loadViewer } from './queries/viewer';
import { signInUrl } from './redirect';
import { checkTargetForm, readTargetForm, type TargetFormValues } from './target-form';

export interface FormOptions {
  fiscalYear: { year: number; name: string };
  standards: { id: string; code: string; category: 'SOFT' | 'HARD'; title: string }[];
  principles: { id: string; position: number; name: string }[];
  policy: { id: string; title: string } | null;
}

export async function loadFormOptions(
  event: RequestEvent,
  year: number | null,
  wardCode: string,
): Promise<FormOptions> {
  const fiscalYear = year ?? (await execute(event, CurrentYear)).currentFiscalYear.year;
  const data = await execute(event, TargetFormOptionsQuery, { fiscalYear, wardCode });
  const locale = event.locals.locale;
  return {
    fiscalYear: { year: fiscalYear, name: locale === 'en' ? data.fiscalYear.eraNameEn : data.fiscalYear.eraName },
    standards: data.standards.edges.map(({ node }) => ({
      id: node.id,
      code: node.code,
      category: node.category,
      title: node.revision ? localized(node.revision, 'title', locale) : node.code,
    })),
    principles: (data.currentGuideline?.principles.edges ?? []).map(({ node }) => ({
      id: node.id,
      position: node.position,
      name: localized(node, 'name', locale),
    })),
    policy: data.ward?.improvementPolicy ?? null,
  };
}

/**
 * A page of a form reached by a person who is not signed in goes to the sign-in page — except
 * when it is the answer to their own POST: the session ended while they typed, and the page
 * must come back with their text (the action's result carries it).
 */
export function requireViewerUnlessPosted(event: RequestEvent): boolean {
  if (event.locals.viewer) return true;
  if (event.request.method === 'POST') return false;
  redirect(303, signInUrl(event.url, event.locals.sessionExpired));
}

export type SaveFailure = TargetFormValues & {
  message: string | null;
  sessionExpired: boolean;
  conflict: boolean;
  reauthFailed?: boolean;
  errors: Record<string, string>;
};

/** Reads, checks and saves the form; on success redirects to the target's page. */
export async function saveTargetForm(
  event: RequestEvent,
  save: (caller: Parameters<typeof execute>[0], fields: TargetFields, values: TargetFormValues) => Promise<string>,
) {
  const form = await event.request.formData();
  const values = readTargetForm(form);
  const { errors, fields } = checkTargetForm(values, event.locals.locale);
  const base = { ...values, message: null, sessionExpired: false, conflict: false, errors };
  if (Object.keys(errors).length > 0) {
    return fail(400, { ...base, message: messagesFor(event.locals.locale).targets.form.errorSummary });
  }
  let caller: Parameters<typeof execute>[0] = event;
  let id: string;
  try {
    const auth = await reauthenticate(event, form);
    if ('invalid' in auth) {
      return fail(401, {
        ...base,
        sessionExpired: true,
        reauthFailed: true,
        message: messagesFor(event.locals.locale).targets.session.invalid,
      });
    }
    caller = auth.caller;
    if (caller !== event) event.locals.viewer = await loadViewer(caller);
    id = await save(caller, fields, values);
  } catch (cause) {
    return actionFailure(event, cause, base);
  }
  redirect(303, `/targets/${encodeURIComponent(id)}?saved=1`);
}
