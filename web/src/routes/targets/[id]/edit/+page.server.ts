// The section revises a draft (or a target sent back for changes), holding the version it read.
import { error } from '@sveltejs/kit';
import { loadOrFail } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { requireIdOf } from '$lib/server/record-page';
import { EditTargetQuery, UpdateTarget, type EditableTarget } from '$lib/server/queries/target-form';
import { loadFormOptions, requireViewerUnlessPosted, saveTargetForm } from '$lib/server/target-form-page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    if (!requireViewerUnlessPosted(event)) {
      // Answer to a save whose session had ended: the draft cannot be read now, so the page
      // shows the form from what the person sent (the action's result) and offers to sign in.
      const year = Number(event.url.searchParams.get('year')) || null;
      const options = await loadFormOptions(event, year, event.url.searchParams.get('ward') ?? '');
      return { target: null, options, wardCode: event.url.searchParams.get('ward') ?? '' };
    }
    // A malformed id is a 404 before the API is asked; an unreadable target comes back null.
    requireIdOf(event.params.id, 'ImprovementTarget');
    const { node } = await execute(event, EditTargetQuery, { id: event.params.id });
    if (!node || node.__typename !== 'ImprovementTarget') error(404, { message: 'Not found', reason: 'not-found' });
    const target = node as EditableTarget;
    if (!target.viewerCanEdit) error(403, { message: 'Forbidden', reason: 'forbidden' });
    const options = await loadFormOptions(event, target.fiscalYear, target.section.ward.code);
    return { target, options, wardCode: target.section.ward.code };
  });

export const actions: Actions = {
  save: (event) =>
    saveTargetForm(event, async (caller, fields, values) => {
      const { updateImprovementTarget } = await execute(caller, UpdateTarget, {
        input: {
          // The form sends every field: an emptied one is null, which clears it.
          ...fields,
          id: event.params.id,
          expectedVersion: Number(values.expectedVersion),
        },
      });
      return updateImprovementTarget.id;
    }),
};
