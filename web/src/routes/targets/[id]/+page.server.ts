import { error } from '@sveltejs/kit';
import { loadOrFail } from '$lib/server/api-errors';
import { execute } from '$lib/server/graphql';
import { TargetPage, type TargetPageData } from '$lib/server/queries/target';
import type { PageServerLoad } from './$types';

type Target = Extract<NonNullable<TargetPageData['node']>, { title: string }>;

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const { node } = await execute(event, TargetPage, { id: event.params.id });
    if (!node || node.__typename !== 'ImprovementTarget') error(404, { message: 'Not found', reason: 'not-found' });
    return { target: node as Target };
  });
