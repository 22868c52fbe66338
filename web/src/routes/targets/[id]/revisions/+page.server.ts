// A target's saved revisions, and what changed between two of them (?from=&to=, by number).
// Staff only: the API gives anonymous readers of a published target no revisions.
import { error, redirect } from '@sveltejs/kit';
import { loadOrFail } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { requireIdOf } from '$lib/server/record-page';
import { TargetRevisions, type RevisionRow } from '$lib/server/queries/target-form';
import { signInUrl } from '$lib/server/redirect';
import { diffText, type DiffPart } from '$lib/targets/text-diff';
import type { PageServerLoad } from './$types';

const FIELDS = [
  'title',
  'description',
  'indicatorName',
  'unit',
  'baselineValue',
  'targetValue',
  'milestone',
  'dueDate',
] as const;
type Field = (typeof FIELDS)[number];

function fieldText(content: Record<string, unknown>, field: Field): string {
  const value = content[field];
  if (value === null || value === undefined) return '';
  return field === 'dueDate' ? String(value).slice(0, 10) : String(value);
}

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    if (!event.locals.viewer) redirect(303, signInUrl(event.url, event.locals.sessionExpired));
    // A malformed id is a 404 before the API is asked; an unreadable target comes back null.
    requireIdOf(event.params.id, 'ImprovementTarget');
    const { node } = await execute(event, TargetRevisions, { id: event.params.id });
    if (!node || node.__typename !== 'ImprovementTarget') error(404, { message: 'Not found', reason: 'not-found' });
    const target = node as Extract<typeof node, { revisions: unknown }>;
    const revisions: RevisionRow[] = target.revisions?.edges.map((e) => e.node) ?? [];
    const numbers = revisions.map((r) => r.number);
    const newest = numbers[0] ?? 1;
    const from = Number(event.url.searchParams.get('from')) || Math.max(1, newest - 1);
    const to = Number(event.url.searchParams.get('to')) || newest;
    const a = revisions.find((r) => r.number === from);
    const b = revisions.find((r) => r.number === to);
    let changes: { field: Field; before: string; after: string; parts: DiffPart[] }[] | null = null;
    if (a && b && from !== to) {
      const before = JSON.parse(a.content) as Record<string, unknown>;
      const after = JSON.parse(b.content) as Record<string, unknown>;
      changes = FIELDS.map((field) => {
        const x = fieldText(before, field);
        const y = fieldText(after, field);
        return { field, before: x, after: y, parts: x === y ? [] : diffText(x, y) };
      }).filter((c) => c.before !== c.after);
    }
    return {
      target: { id: target.id, title: target.title },
      revisions: revisions.map(({ id, number, createdAt, author }) => ({ id, number, createdAt, author })),
      from,
      to,
      changes,
      same: from === to,
    };
  });
