// The server side of the problem and proposal pages, shared by /problems and /proposals:
// both kinds have one shape, so each route passes its kind and these do the rest.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { messagesFor } from '$lib/i18n';
import { loadOrFail, pageForApiError } from '../api-errors';
import { execute, GraphQLRequestError } from '../graphql';
import { isGlobalIdOf } from '../global-id';
import {
  AdoptableTargets,
  CreateOperations,
  CurrentYear,
  ListOperations,
  OpenProblems,
  PROBLEM_STATUSES,
  RecordChoices,
  RecordPage,
  StatusOperations,
  UpdateOperations,
  type ChoicesData,
  type ListFilters,
  type ProblemStatus,
  type RecordDetail,
  type RecordInput,
  type RecordKind,
} from '../queries/problems';
import { loadRecord, notFound, requireIdOf } from '../record-page';

export const PAGE_SIZE = 20;
const TYPENAME: Record<RecordKind, 'Problem' | 'Proposal'> = { problem: 'Problem', proposal: 'Proposal' };
export const BASE: Record<RecordKind, '/problems' | '/proposals'> = { problem: '/problems', proposal: '/proposals' };

type Event = RequestEvent;

/** The options of the filters and the form, in the page's language, ready for <select>. */
export interface Choices {
  wards: { id: string; name: string; sections: { id: string; name: string }[] }[];
  standards: { id: string; code: string; title: string }[];
  principles: { id: string; name: string }[];
  fiscalYear: number;
}

function toChoices(data: ChoicesData, locale: 'ja' | 'en'): Choices {
  const name = (n: { name: string; nameEn: string }) => (locale === 'en' ? n.nameEn : n.name);
  return {
    wards: data.wards.edges.map(({ node }) => ({
      id: node.id,
      name: name(node),
      sections: node.sections.edges.map((s) => ({ id: s.node.id, name: name(s.node) })),
    })),
    standards: data.standards.edges.map(({ node }) => ({
      id: node.id,
      code: node.code,
      title: node.revision ? (locale === 'en' ? node.revision.titleEn : node.revision.title) : '',
    })),
    principles: (data.currentGuideline?.principles.edges ?? [])
      .map((e) => e.node)
      .sort((a, b) => a.position - b.position)
      .map((p) => ({ id: p.id, name: name(p) })),
    fiscalYear: data.currentFiscalYear.year,
  };
}

async function loadChoices(event: Event): Promise<Choices> {
  const { currentFiscalYear } = await execute(event, CurrentYear);
  return toChoices(await execute(event, RecordChoices, { fiscalYear: currentFiscalYear.year }), event.locals.locale);
}

/** Filter values from the query string; anything malformed is ignored rather than sent on. */
function filtersFrom(url: URL): ListFilters {
  const id = (key: string, typename: string) => {
    const value = url.searchParams.get(key);
    return value && isGlobalIdOf(value, typename) ? value : null;
  };
  const status = url.searchParams.get('status');
  return {
    wardId: id('ward', 'Ward'),
    sectionId: id('section', 'Section'),
    status: PROBLEM_STATUSES.includes(status as ProblemStatus) ? (status as ProblemStatus) : null,
    standardId: id('standard', 'Standard'),
    principleId: id('principle', 'Principle'),
  };
}

export function loadList(event: Event, kind: RecordKind) {
  return loadOrFail(event, async () => {
    const filters = filtersFrom(event.url);
    const after = event.url.searchParams.get('after');
    const [choices, { records }] = await Promise.all([
      loadChoices(event),
      execute(event, ListOperations[kind], { ...filters, after: after || null, first: PAGE_SIZE }),
    ]);
    return {
      kind,
      filters,
      filtered: Object.values(filters).some((v) => v !== null),
      paged: Boolean(after),
      choices,
      records: records.edges.map((e) => e.node),
      nextCursor: records.pageInfo.hasNextPage ? records.pageInfo.endCursor : null,
    };
  });
}

export async function loadDetail(event: Event, kind: RecordKind) {
  const id = event.params.id ?? '';
  requireIdOf(id, TYPENAME[kind]);
  return loadRecord(event, async () => {
    const { currentFiscalYear } = await execute(event, CurrentYear);
    const { node } = await execute(event, RecordPage, { id, fiscalYear: currentFiscalYear.year });
    if (!node || node.__typename !== TYPENAME[kind]) notFound();
    const record = node as RecordDetail;
    const canAdoptStandard = (event.locals.viewer?.memberships ?? []).some(
      (m) => m.role === 'DIRECTOR' || m.role === 'POLICY_ADMIN',
    );
    let targets: { id: string; title: string; section: string }[] = [];
    let standards: Choices['standards'] = [];
    if (record.viewerCanEdit && record.status === 'OPEN') {
      if (record.ward) {
        const found = await execute(event, AdoptableTargets, {
          wardId: record.ward.id,
          fiscalYear: currentFiscalYear.year,
        });
        const name = (n: { name: string; nameEn: string }) => (event.locals.locale === 'en' ? n.nameEn : n.name);
        targets = found.improvementTargets.edges.map(({ node: t }) => ({
          id: t.id,
          title: t.title,
          section: name(t.section),
        }));
      }
      if (canAdoptStandard) standards = (await loadChoices(event)).standards;
    }
    return { kind, record, targets, standards, canAdoptStandard, fiscalYear: currentFiscalYear.year };
  });
}

// ───────────────────────────── the create and edit form ─────────────────────────────

export type FieldName = 'title' | 'titleEn' | 'body' | 'bodyEn' | 'ward' | 'section' | 'problem' | 'links';
export type FieldErrors = Partial<Record<FieldName, string>>;

/** What the person typed, sent back with the errors so nothing they wrote is lost. */
export interface FormValues {
  title: string;
  titleEn: string;
  body: string;
  bodyEn: string;
  wardId: string;
  sectionId: string;
  problemId: string;
  standardIds: string[];
  principleIds: string[];
}

export async function loadForm(event: Event, kind: RecordKind, existing?: RecordDetail) {
  const choices = await loadChoices(event);
  const problems = kind === 'proposal' ? (await execute(event, OpenProblems)).problems.edges.map((e) => e.node) : [];
  // A new record starts in the viewer's ward (their first ward-scoped membership).
  const memberships = event.locals.viewer?.memberships ?? [];
  const ownWard =
    memberships.map((m) => m.ward ?? m.section?.ward ?? m.committee?.ward ?? null).find((w) => w !== null) ?? null;
  const fromProblem = event.url.searchParams.get('problem');
  const initial: FormValues = existing
    ? {
        title: existing.title,
        titleEn: existing.titleEn ?? '',
        body: existing.body,
        bodyEn: existing.bodyEn ?? '',
        wardId: existing.ward?.id ?? '',
        sectionId: existing.section?.id ?? '',
        problemId: existing.problem?.id ?? '',
        standardIds: existing.standards.map((s) => s.id),
        principleIds: existing.principles.map((p) => p.id),
      }
    : {
        title: '',
        titleEn: '',
        body: '',
        bodyEn: '',
        wardId: ownWard?.id ?? '',
        sectionId: memberships.find((m) => m.section)?.section?.id ?? '',
        problemId: fromProblem && problems.some((p) => p.id === fromProblem) ? fromProblem : '',
        standardIds: [],
        principleIds: [],
      };
  return { kind, choices, problems, initial };
}

function readForm(form: FormData): FormValues {
  const text = (key: string) => String(form.get(key) ?? '');
  return {
    title: text('title'),
    titleEn: text('titleEn'),
    body: text('body'),
    bodyEn: text('bodyEn'),
    wardId: text('wardId'),
    sectionId: text('sectionId'),
    problemId: text('problemId'),
    standardIds: form.getAll('standardIds').map(String),
    principleIds: form.getAll('principleIds').map(String),
  };
}

function validate(values: FormValues, choices: Choices, locale: 'ja' | 'en'): FieldErrors {
  const e = messagesFor(locale).problems.errors;
  const errors: FieldErrors = {};
  const title = values.title.trim();
  if (!title) errors.title = e.titleRequired;
  else if ([...title].length > 200) errors.title = e.titleTooLong([...title].length);
  if ([...values.titleEn.trim()].length > 200) errors.titleEn = e.titleEnTooLong;
  if ([...values.body].length > 10_000) errors.body = e.bodyTooLong;
  if ([...values.bodyEn].length > 10_000) errors.bodyEn = e.bodyTooLong;
  const ward = choices.wards.find((w) => w.id === values.wardId);
  if (values.wardId && !ward) errors.ward = e.unknownLink;
  if (values.sectionId) {
    const owner = choices.wards.find((w) => w.sections.some((s) => s.id === values.sectionId));
    if (!owner) errors.section = e.unknownLink;
    else if (ward && owner.id !== ward.id) errors.section = e.sectionNotInWard;
  }
  return errors;
}

function toInput(kind: RecordKind, values: FormValues, choices: Choices): RecordInput {
  // A section decides the ward; without one, the ward chosen (or none: city-wide).
  const sectionWard = choices.wards.find((w) => w.sections.some((s) => s.id === values.sectionId));
  return {
    title: values.title.trim(),
    titleEn: values.titleEn.trim() || null,
    body: values.body,
    bodyEn: values.bodyEn || null,
    wardId: sectionWard?.id ?? (values.wardId || null),
    sectionId: values.sectionId || null,
    standardIds: values.standardIds,
    principleIds: values.principleIds,
    ...(kind === 'proposal' ? { problemId: values.problemId || null } : {}),
  };
}

/** The create and edit actions: validate, save, go to the record; or show what to fix. */
export async function saveRecord(event: Event, kind: RecordKind, id?: string) {
  const values = readForm(await event.request.formData());
  const locale = event.locals.locale;
  const e = messagesFor(locale).problems.errors;
  let choices: Choices;
  try {
    choices = await loadChoices(event);
  } catch (cause) {
    pageForApiError(event, cause);
  }
  const errors = validate(values, choices, locale);
  if (Object.keys(errors).length > 0) return fail(400, { values, errors, message: null as string | null });
  const input = toInput(kind, values, choices);
  let saved: { id: string };
  try {
    saved = id
      ? (await execute(event, UpdateOperations[kind], { input: { ...input, id } })).record
      : (await execute(event, CreateOperations[kind], { input })).record;
  } catch (cause) {
    if (cause instanceof GraphQLRequestError && cause.kind === 'graphql') {
      const code = cause.code;
      if (code === 'FORBIDDEN')
        return fail(403, { values, errors: { ward: e.wardForbidden } as FieldErrors, message: null });
      if (code === 'BAD_USER_INPUT') {
        return fail(400, { values, errors: {} as FieldErrors, message: cause.errors[0]?.message ?? null });
      }
      if (code === 'NOT_FOUND' && !id)
        return fail(400, { values, errors: { links: e.unknownLink } as FieldErrors, message: null });
    }
    if (id) return loadRecord(event, () => Promise.reject(cause));
    pageForApiError(event, cause);
  }
  redirect(303, `${BASE[kind]}/${encodeURIComponent(saved.id)}?saved=1`);
}

// ───────────────────────────── decisions ─────────────────────────────

export type DecisionField = 'target' | 'standard' | 'reason';

async function decide(event: Event, kind: RecordKind, status: ProblemStatus) {
  const id = event.params.id ?? '';
  requireIdOf(id, TYPENAME[kind]);
  const form = await event.request.formData();
  const e = messagesFor(event.locals.locale).problems.errors;
  const reason = String(form.get('reason') ?? '').trim();
  const targetId = String(form.get('targetId') ?? '');
  const standardId = String(form.get('standardId') ?? '');
  const failWith = (field: DecisionField | null, message: string, code = 400) =>
    fail(code, { decision: status, field, message, reason });
  if (status === 'DECLINED') {
    if (!reason) return failWith('reason', e.reasonRequired);
    if ([...reason].length > 2000) return failWith('reason', e.reasonTooLong);
  }
  if (status === 'ADOPTED_AS_TARGET' && !isGlobalIdOf(targetId, 'ImprovementTarget')) {
    return failWith('target', e.targetRequired);
  }
  if (status === 'ADOPTED_AS_STANDARD' && !isGlobalIdOf(standardId, 'Standard')) {
    return failWith('standard', e.standardRequired);
  }
  try {
    await execute(event, StatusOperations[kind], {
      input: {
        id,
        status,
        ...(status === 'DECLINED' ? { reason } : {}),
        ...(status === 'ADOPTED_AS_TARGET' ? { targetId } : {}),
        ...(status === 'ADOPTED_AS_STANDARD' ? { standardId } : {}),
      },
    });
  } catch (cause) {
    if (cause instanceof GraphQLRequestError && cause.kind === 'graphql') {
      switch (cause.code) {
        case 'INVALID_STATE': {
          const taken = /already adopted|既に別の/.test(JSON.stringify(cause.errors[0]?.extensions?.messages ?? ''));
          return failWith(taken ? 'target' : null, taken ? e.targetTaken : e.changedMeanwhile, 409);
        }
        case 'FORBIDDEN':
          return failWith(null, e.forbidden, 403);
        case 'NOT_FOUND':
          if (status === 'ADOPTED_AS_TARGET') return failWith('target', e.unknownLink);
          if (status === 'ADOPTED_AS_STANDARD') return failWith('standard', e.unknownLink);
          break;
        case 'BAD_USER_INPUT':
          return failWith(status === 'DECLINED' ? 'reason' : null, cause.errors[0]?.message ?? e.unknownLink);
      }
    }
    return loadRecord(event, () => Promise.reject(cause));
  }
  return { decided: status };
}

export function decisionActions(kind: RecordKind) {
  return {
    adoptAsTarget: (event: Event) => decide(event, kind, 'ADOPTED_AS_TARGET'),
    adoptAsStandard: (event: Event) => decide(event, kind, 'ADOPTED_AS_STANDARD'),
    decline: (event: Event) => decide(event, kind, 'DECLINED'),
    reopen: (event: Event) => decide(event, kind, 'OPEN'),
  };
}
