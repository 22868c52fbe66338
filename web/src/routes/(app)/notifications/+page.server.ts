import { fail } from '@sveltejs/kit';
import { loadOrFail, pageForApiError } from '$lib/server/api-errors';
import { execute, GraphQLRequestError } from '$lib/server/graphql';
import { MarkNotificationsRead, ViewerNotifications } from '$lib/server/queries/notifications';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    const { viewer } = await execute(event, ViewerNotifications, { after: event.url.searchParams.get('after') });
    return {
      unread: viewer?.unreadNotificationCount ?? 0,
      notifications: viewer?.notifications.edges.map((e) => e.node) ?? [],
      nextCursor: viewer?.notifications.pageInfo.hasNextPage ? viewer.notifications.pageInfo.endCursor : null,
    };
  });

async function mark(event: Parameters<Actions['all']>[0], input: { all?: boolean; ids?: string[] }) {
  try {
    return { marked: (await execute(event, MarkNotificationsRead, { input })).markNotificationsRead };
  } catch (cause) {
    if (cause instanceof GraphQLRequestError && cause.code === 'BAD_USER_INPUT') {
      return fail(400, { message: cause.errors[0]?.message ?? cause.message });
    }
    pageForApiError(event, cause);
  }
}

export const actions: Actions = {
  all: (event) => mark(event, { all: true }),
  one: async (event) => {
    const id = String((await event.request.formData()).get('id') ?? '');
    if (!id) return fail(400, { message: null });
    return mark(event, { ids: [id] });
  },
};
