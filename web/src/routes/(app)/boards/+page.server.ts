// The boards the viewer may read (by committee or ward, 20 at a time) and creating one from a
// template. Creating is for those who run sessions; the API decides, this page only asks.
import { fail, redirect } from '@sveltejs/kit';
import { loadOrFail, pageForApiError } from '$lib/server/api-errors';
import { execute, GraphQLRequestError } from '$lib/server/graphql';
import { BOARD_TEMPLATES, BoardList, boardUuid, CreateBoard, type BoardTemplate } from '$lib/server/queries/boards';
import type { Actions, PageServerLoad } from './$types';

const CREATOR_ROLES = new Set(['POLICY_ADMIN', 'FACILITATOR', 'COMMITTEE_CHAIR', 'WARD_COORDINATOR']);

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const params = event.url.searchParams;
    const committeeId = params.get('committee') || null;
    const wardId = params.get('ward') || null;
    const data = await execute(event, BoardList, { after: params.get('after'), committeeId, wardId });
    const viewer = event.locals.viewer!;
    return {
      boards: data.boards.edges.map((e) => ({ ...e.node, uuid: boardUuid(e.node.documentName) })),
      nextCursor: data.boards.pageInfo.hasNextPage ? data.boards.pageInfo.endCursor : null,
      committees: data.committees.edges.map((e) => e.node),
      wards: data.wards.edges.map((e) => e.node),
      filter: { committeeId, wardId },
      mayCreate: viewer.memberships.some((m) => CREATOR_ROLES.has(m.role)),
    };
  });

export const actions: Actions = {
  create: async (event) => {
    const form = await event.request.formData();
    const title = String(form.get('title') ?? '').trim();
    const template = String(form.get('template') ?? '');
    const scope = String(form.get('scope') ?? '');
    const workshopDate = String(form.get('workshopDate') ?? '').trim();
    const values = { title, template, scope, workshopDate };
    const errors: Partial<Record<'title' | 'template' | 'scope' | 'workshopDate', true>> = {};
    if (!title || title.length > 200) errors.title = true;
    if (!(BOARD_TEMPLATES as readonly string[]).includes(template)) errors.template = true;
    const [kind, scopeId] = scope.split(':');
    if (!scopeId || (kind !== 'committee' && kind !== 'ward')) errors.scope = true;
    if (workshopDate && !/^\d{4}-\d{2}-\d{2}$/.test(workshopDate)) errors.workshopDate = true;
    if (Object.keys(errors).length > 0) return fail(400, { values, errors, forbidden: false });

    let uuid: string;
    try {
      const created = await execute(event, CreateBoard, {
        input: {
          title,
          template: template as BoardTemplate,
          ...(kind === 'committee' ? { committeeId: scopeId } : { wardId: scopeId }),
          ...(workshopDate ? { workshopDate } : {}),
        },
      });
      uuid = boardUuid(created.createBoard.documentName);
    } catch (cause) {
      if (cause instanceof GraphQLRequestError && (cause.code === 'FORBIDDEN' || cause.code === 'NOT_FOUND')) {
        return fail(403, { values, errors: { scope: true } as typeof errors, forbidden: true });
      }
      if (cause instanceof GraphQLRequestError && cause.code === 'BAD_USER_INPUT') {
        const field = String(cause.errors[0]?.extensions?.field ?? '');
        const key = field.includes('section') ? 'template' : field.includes('Date') ? 'workshopDate' : 'title';
        return fail(400, { values, errors: { [key]: true } as typeof errors, forbidden: false });
      }
      pageForApiError(event, cause);
    }
    redirect(303, `/boards/${uuid}`);
  },
};
