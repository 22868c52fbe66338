// A section drafts a new target. Works without JavaScript; a session that ended while the
// person typed is renewed from the form itself (see saveTargetForm).
import { error } from '@sveltejs/kit';
import { loadOrFail } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { CreateTarget } from '$lib/server/queries/target-form';
import { fiscalYearNames } from '$lib/server/queries/target-list';
import { loadFormOptions, requireViewerUnlessPosted, saveTargetForm } from '$lib/server/target-form-page';
import type { Actions, PageServerLoad } from './$types';

const SECTION_ROLES = new Set(['SECTION_MEMBER', 'SECTION_HEAD']);

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const signedIn = requireViewerUnlessPosted(event);
    const sections = (event.locals.viewer?.memberships ?? [])
      .filter((m) => SECTION_ROLES.has(m.role) && m.section)
      .map((m) => m.section!)
      .filter((s, i, all) => all.findIndex((o) => o.id === s.id) === i);
    if (signedIn && sections.length === 0) error(403, { message: 'Forbidden', reason: 'forbidden' });
    const chosen = sections.find((s) => s.id === event.url.searchParams.get('section')) ?? sections[0];
    const year = Number(event.url.searchParams.get('year')) || null;
    const wardCode = chosen?.ward.code ?? event.url.searchParams.get('ward') ?? '';
    const options = await loadFormOptions(event, year, wardCode);
    const years = [options.fiscalYear.year - 1, options.fiscalYear.year, options.fiscalYear.year + 1];
    return {
      yearNames: await fiscalYearNames(event, years),
      sections: sections.map((s) => ({ id: s.id, name: event.locals.locale === 'en' ? s.nameEn : s.name })),
      sectionId: chosen?.id ?? '',
      wardCode,
      options,
      years,
    };
  });

export const actions: Actions = {
  save: (event) =>
    saveTargetForm(event, async (caller, fields, values) => {
      const fiscalYear = Number(values.fiscalYear);
      const { createImprovementTarget } = await execute(caller, CreateTarget, {
        input: { ...fields, sectionId: values.sectionId, fiscalYear },
      });
      return createImprovementTarget.id;
    }),
};
