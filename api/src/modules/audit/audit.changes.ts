// Turns an audit record's before/after snapshots into field-by-field changes a person can read.
//
// CONCERNS:
// - Snapshots differ by action: a creation has only `after`; an update's `after` holds only the
//   fields written (target.update_text), while its `before` may hold more. So when both exist,
//   the fields compared are those in `after`: a field only in `before` was not changed.
// - Ids of public reference data (standards, principles, wards, sections) are shown as their
//   code or name in the request's language; they are looked up once per request, whatever the
//   page size, so a trail costs a fixed number of SQL statements.
import type { Context, Locale } from '../../context.ts';

export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** Bookkeeping columns every snapshot carries; they say nothing a reader needs. */
const IGNORED = new Set(['id', 'createdAt', 'updatedAt', 'isSample', 'authorId', 'requestId', 'origin']);

type Labels = Map<string, string>;
type Kind = 'standard' | 'principle' | 'ward' | 'section';

const ID_FIELDS: Record<string, Kind> = {
  standardId: 'standard',
  standardIds: 'standard',
  unlinkedStandardIds: 'standard',
  principleIds: 'principle',
  wardId: 'ward',
  originWardId: 'ward',
  sectionId: 'section',
};

const cache = new WeakMap<Context, Promise<Record<Kind, Labels>>>();

function labelsFor(ctx: Context): Promise<Record<Kind, Labels>> {
  let labels = cache.get(ctx);
  if (!labels) {
    const pick = (row: { name: string; nameEn: string }, locale: Locale) => (locale === 'en' ? row.nameEn : row.name);
    labels = Promise.all([
      ctx.db.standard.findMany({ select: { id: true, code: true } }),
      ctx.db.principle.findMany({ select: { id: true, name: true, nameEn: true } }),
      ctx.db.ward.findMany({ select: { id: true, name: true, nameEn: true } }),
      ctx.db.section.findMany({ select: { id: true, name: true, nameEn: true } }),
    ]).then(([standards, principles, wards, sections]) => ({
      standard: new Map(standards.map((s) => [s.id, s.code])),
      principle: new Map(principles.map((p) => [p.id, pick(p, ctx.locale)])),
      ward: new Map(wards.map((w) => [w.id, pick(w, ctx.locale)])),
      section: new Map(sections.map((s) => [s.id, pick(s, ctx.locale)])),
    }));
    cache.set(ctx, labels);
  }
  return labels;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function display(value: unknown, labels: Labels | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    // Sorted, so the same set in another order is no change.
    return value
      .map((item) => display(item, labels) ?? '')
      .sort()
      .join(', ');
  }
  if (typeof value === 'string') return labels?.get(value) ?? value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function needsLabels(before: unknown, after: unknown): boolean {
  return [asObject(before), asObject(after)].some((o) => o && Object.keys(o).some((k) => k in ID_FIELDS));
}

export async function auditChanges(ctx: Context, before: unknown, after: unknown): Promise<AuditChange[]> {
  const b = asObject(before);
  const a = asObject(after);
  // JSONB keeps keys in its own order (shorter first); the version counter goes last.
  const fields = (a ? Object.keys(a) : b ? Object.keys(b) : []).sort(
    (x, y) => Number(x === 'version') - Number(y === 'version'),
  );
  const labels = needsLabels(b, a) ? await labelsFor(ctx) : null;
  const changes: AuditChange[] = [];
  for (const field of fields) {
    if (IGNORED.has(field)) continue;
    const kind = ID_FIELDS[field];
    const map = kind && labels ? labels[kind] : undefined;
    const change = { field, before: display(b?.[field], map), after: display(a?.[field], map) };
    if (change.before !== change.after) changes.push(change);
  }
  return changes;
}
