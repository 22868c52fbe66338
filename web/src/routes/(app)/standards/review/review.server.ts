// What the review's form actions share: who may act (each action checks for itself — a
// layout's load does not run before an action), the years involved, and reading and checking
// a standard's levels from a posted form, with field errors in the page's language.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { messagesFor } from '$lib/i18n';
import { GraphQLRequestError, execute } from '$lib/server/graphql';
import { FiscalYears, type Direction, type RevisionInput } from '$lib/server/queries/standards';
import { signInUrl } from '$lib/server/redirect';

type Event = Pick<RequestEvent, 'locals' | 'url'>;

/** The directors' meeting and the policy department; anyone else signed in gets a 403 page. */
export function requireManager(event: Event): void {
  const viewer = event.locals.viewer;
  if (!viewer) redirect(303, signInUrl(event.url, event.locals.sessionExpired));
  if (!viewer.memberships.some((m) => m.role === 'DIRECTOR' || m.role === 'POLICY_ADMIN')) {
    error(403, { message: 'Forbidden', reason: 'forbidden' });
  }
}

/** The March review sets the coming fiscal year's standards. */
export async function reviewYears(event: Parameters<typeof execute>[0]): Promise<{ current: number; next: number }> {
  const { currentFiscalYear } = await execute(event, FiscalYears);
  return { current: currentFiscalYear.year, next: currentFiscalYear.year + 1 };
}

export const REVISION_FIELDS = [
  'title',
  'titleEn',
  'minimumLevel',
  'minimumLevelEn',
  'aspirationalLevel',
  'aspirationalLevelEn',
  'indicatorName',
  'unit',
  'minimumValue',
  'aspirationalValue',
  'direction',
  'changeNote',
] as const;
export type RevisionField = (typeof REVISION_FIELDS)[number];
export type RevisionValues = Record<RevisionField, string>;
export type FieldErrors = Partial<Record<string, string>>;

const LIMITS: Record<RevisionField, { max: number; required: boolean }> = {
  title: { max: 200, required: true },
  titleEn: { max: 200, required: true },
  minimumLevel: { max: 4000, required: true },
  minimumLevelEn: { max: 4000, required: true },
  aspirationalLevel: { max: 4000, required: true },
  aspirationalLevelEn: { max: 4000, required: true },
  indicatorName: { max: 200, required: false },
  unit: { max: 20, required: false },
  minimumValue: { max: 20, required: false },
  aspirationalValue: { max: 20, required: false },
  direction: { max: 20, required: false },
  // The reason is what the history shows next to the change: a proposal needs one.
  changeNote: { max: 2000, required: true },
};

const DECIMAL = /^-?\d{1,10}(\.\d{1,4})?$/;

export function readRevision(
  form: FormData,
  locale: Parameters<typeof messagesFor>[0],
): { values: RevisionValues; errors: FieldErrors; input: RevisionInput | null } {
  const e = messagesFor(locale).standards.propose.errors;
  const values = Object.fromEntries(
    REVISION_FIELDS.map((field) => [field, String(form.get(field) ?? '').trim()]),
  ) as RevisionValues;
  const errors: FieldErrors = {};
  for (const field of REVISION_FIELDS) {
    const { max, required } = LIMITS[field];
    if (required && !values[field]) errors[field] = e.required;
    else if (values[field].length > max) errors[field] = e.tooLong(max);
  }
  for (const field of ['minimumValue', 'aspirationalValue'] as const) {
    if (values[field] && !errors[field] && !DECIMAL.test(values[field])) errors[field] = e.number;
  }
  const direction = values.direction as Direction | '';
  if (direction && direction !== 'HIGHER_IS_BETTER' && direction !== 'LOWER_IS_BETTER') errors.direction = e.direction;
  if ((values.minimumValue || values.aspirationalValue) && !direction) errors.direction = e.direction;
  if (Object.keys(errors).length > 0) return { values, errors, input: null };
  return {
    values,
    errors,
    input: {
      title: values.title,
      titleEn: values.titleEn,
      minimumLevel: values.minimumLevel,
      minimumLevelEn: values.minimumLevelEn,
      aspirationalLevel: values.aspirationalLevel,
      aspirationalLevelEn: values.aspirationalLevelEn,
      indicatorName: values.indicatorName || null,
      unit: values.unit || null,
      minimumValue: values.minimumValue || null,
      aspirationalValue: values.aspirationalValue || null,
      direction: direction || null,
      changeNote: values.changeNote,
    },
  };
}

/** The API's refusals a person can act on, as a message; anything else is rethrown. */
export function apiRefusal(cause: unknown): { code: string; field: string | null } | null {
  if (!(cause instanceof GraphQLRequestError) || cause.kind !== 'graphql') return null;
  const code = cause.code;
  if (code !== 'CONFLICT' && code !== 'INVALID_STATE' && code !== 'BAD_USER_INPUT') return null;
  const field = cause.errors[0]?.extensions?.field;
  return { code, field: typeof field === 'string' ? field : null };
}
