import { loadList } from '$lib/server/problems/records';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadList(event, 'problem');
