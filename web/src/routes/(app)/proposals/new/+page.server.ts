import { loadOrFail } from '$lib/server/api-errors';
import { loadForm, saveRecord } from '$lib/server/problems/records';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadOrFail(event, () => loadForm(event, 'proposal'));

export const actions: Actions = {
  save: (event) => saveRecord(event, 'proposal'),
};
