import { error } from '@sveltejs/kit';
import { loadOrFail } from '$lib/server/api-errors';
import { loadDetail, loadForm, saveRecord } from '$lib/server/problems/records';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { record } = await loadDetail(event, 'problem');
  // Readable but not the viewer's to change (a city-wide role's record seen by a section, say).
  if (!record.viewerCanEdit) error(403, { message: 'Forbidden', reason: 'forbidden' });
  return { recordId: record.id, ...(await loadOrFail(event, () => loadForm(event, 'problem', record))) };
};

export const actions: Actions = {
  save: (event) => saveRecord(event, 'problem', event.params.id),
};
