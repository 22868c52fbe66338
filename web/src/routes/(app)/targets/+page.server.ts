// The staff list of targets: filters in the query string (a GET form, so it works without
// JavaScript and a filtered list can be bookmarked), Relay cursors for the pages.
import { loadOrFail } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { fiscalYearNames, TargetFilters, TargetList, type TargetListFilters } from '$lib/server/queries/target-list';
import type { TargetState } from '$lib/server/queries/staff-home';
import type { PageServerLoad } from './$types';

const STATES: TargetState[] = ['DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'PUBLISHED'];
const PAGE_SIZE = 20;

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const q = event.url.searchParams;
    const viewer = event.locals.viewer!;
    // A person's own ward is the sensible first view; "all" is one choice away.
    const ownWard = viewer.memberships
      .map((m) => m.ward ?? m.section?.ward ?? m.committee?.ward ?? null)
      .find((w) => w !== null);
    const wardId = q.has('ward') ? q.get('ward') || null : (ownWard?.id ?? null);
    const yearParam = q.get('year');
    const state = q.get('state') as TargetState | null;
    const options = await execute(event, TargetFilters, {
      wardId,
      fiscalYear: Number(yearParam) || new Date().getFullYear(),
    });
    const current = options.currentFiscalYear.year;
    const fiscalYear = yearParam === '' ? null : Number(yearParam) || (q.has('year') ? null : current);
    const filters: TargetListFilters = {
      fiscalYear,
      wardId,
      sectionId: q.get('section') || null,
      state: state && STATES.includes(state) ? state : null,
      standardId: q.get('standard') || null,
    };
    const before = q.get('before');
    const after = q.get('after');
    const years = [current + 1, current, current - 1, current - 2];
    const [{ improvementTargets }, yearNames] = await Promise.all([
      execute(event, TargetList, {
        ...filters,
        first: before ? null : PAGE_SIZE,
        after: before ? null : after,
        last: before ? PAGE_SIZE : null,
        before,
      }),
      fiscalYearNames(event, years),
    ]);
    const canCreate = viewer.memberships.some((m) => m.role === 'SECTION_MEMBER' || m.role === 'SECTION_HEAD');
    return {
      filters,
      rows: improvementTargets.edges.map((e) => e.node),
      pageInfo: improvementTargets.pageInfo,
      // Without a cursor this is the first page, whatever the API says about earlier items.
      isFirstPage: !after && !before,
      years,
      yearNames,
      wards: options.wards.edges.map((e) => e.node),
      sections: options.sections.edges.map((e) => e.node),
      standards: options.standards.edges.map((e) => e.node),
      states: STATES,
      canCreate,
    };
  });
