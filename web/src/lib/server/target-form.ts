// Reading the target form: what the person typed (kept as typed, to show it again) and the
// input for the API, with field messages in the page's language. The API checks the same
// rules again; these only spare a round trip and give messages a person can read.
import { messagesFor, type Locale } from '$lib/i18n';
import type { TargetFields } from './queries/target-form';

export interface TargetFormValues {
  sectionId: string;
  fiscalYear: string;
  expectedVersion: string;
  title: string;
  description: string;
  standardIds: string[];
  principleIds: string[];
  indicatorName: string;
  unit: string;
  baselineValue: string;
  targetValue: string;
  milestone: string;
  dueDate: string;
}

const DECIMAL = /^-?\d{1,12}(\.\d{1,6})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Full-width digits and separators typed with a Japanese IME become ASCII (１５．５ → 15.5). */
function asciiNumber(value: string): string {
  return value.replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[,，\s]/g, '');
}

export function readTargetForm(form: FormData): TargetFormValues {
  const text = (name: string) => String(form.get(name) ?? '');
  return {
    sectionId: text('sectionId'),
    fiscalYear: text('fiscalYear'),
    expectedVersion: text('expectedVersion'),
    title: text('title'),
    description: text('description'),
    standardIds: form.getAll('standardIds').map(String),
    principleIds: form.getAll('principleIds').map(String),
    indicatorName: text('indicatorName'),
    unit: text('unit'),
    baselineValue: text('baselineValue'),
    targetValue: text('targetValue'),
    milestone: text('milestone'),
    dueDate: text('dueDate'),
  };
}

export function checkTargetForm(
  values: TargetFormValues,
  locale: Locale,
): { errors: Record<string, string>; fields: TargetFields } {
  const m = messagesFor(locale).targets.form.errors;
  const errors: Record<string, string> = {};
  const title = values.title.trim();
  if (!title) errors.title = m.titleRequired;
  else if (title.length > 200) errors.title = m.titleTooLong;
  if (values.description.length > 10_000) errors.description = m.descriptionTooLong;
  if (values.indicatorName.length > 200) errors.indicatorName = m.indicatorTooLong;
  if (values.unit.length > 20) errors.unit = m.unitTooLong;
  if (values.milestone.length > 2_000) errors.milestone = m.milestoneTooLong;
  if (values.standardIds.length > 20) errors.standardIds = m.tooMany;
  if (values.principleIds.length > 20) errors.principleIds = m.tooMany;
  const number = (field: 'baselineValue' | 'targetValue') => {
    const raw = asciiNumber(values[field]);
    if (!raw) return null;
    if (!DECIMAL.test(raw)) {
      errors[field] = m.notANumber;
      return null;
    }
    return raw;
  };
  const baselineValue = number('baselineValue');
  const targetValue = number('targetValue');
  if (!errors.targetValue && targetValue === null && !values.milestone.trim()) errors.targetValue = m.measureRequired;
  let dueDate: string | null = null;
  if (values.dueDate) {
    const valid = DATE.test(values.dueDate) && !Number.isNaN(new Date(`${values.dueDate}T00:00:00Z`).getTime());
    if (valid) dueDate = values.dueDate;
    else errors.dueDate = m.dateInvalid;
  }
  const optional = (value: string) => (value.trim() ? value.trim() : null);
  return {
    errors,
    fields: {
      title,
      description: values.description,
      standardIds: values.standardIds,
      principleIds: values.principleIds,
      indicatorName: optional(values.indicatorName),
      unit: optional(values.unit),
      baselineValue,
      targetValue,
      milestone: optional(values.milestone),
      dueDate,
    },
  };
}
