import { decisionActions, loadDetail } from '$lib/server/problems/records';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadDetail(event, 'proposal');

export const actions: Actions = decisionActions('proposal');
