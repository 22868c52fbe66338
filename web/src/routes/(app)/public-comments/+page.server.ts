// The policy department's moderation of public comments: publish or reject what is pending
// (a reason is required to reject), and attach the city's response to published comments.
// Each action guards itself; the API refuses anyone else, and a comment someone else has
// already dealt with is reported, not an error page.
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { loadOrFail, pageForApiError } from '$lib/server/api-errors';
import { execute, GraphQLRequestError } from '$lib/server/graphql';
import {
  CommentSummary,
  ModeratePublicComment,
  ModerationPage,
  ModerationVersions,
  RespondToPublicComment,
} from '$lib/server/queries/guideline';
import type { Actions, PageServerLoad } from './$types';

const STATUSES = ['PENDING', 'PUBLISHED', 'REJECTED'] as const;
type Status = (typeof STATUSES)[number];

function requireModerator(event: Pick<RequestEvent, 'locals'>) {
  if (!(event.locals.viewer?.memberships ?? []).some((m) => m.role === 'POLICY_ADMIN')) {
    error(403, { message: 'Forbidden', reason: 'forbidden' });
  }
}

export const load: PageServerLoad = (event) =>
  loadOrFail(event, async () => {
    requireModerator(event);
    const { searchParams } = event.url;
    // Versions that were ever put out for comment: those with a period.
    const versions = (await execute(event, ModerationVersions)).guidelineVersions.edges
      .map((e) => e.node)
      .filter((v) => v.commentPeriod !== 'NONE');
    const status: Status = STATUSES.find((s) => s === searchParams.get('status')) ?? 'PENDING';
    const code =
      searchParams.get('version') ?? (versions.find((v) => v.status === 'PUBLIC_COMMENT') ?? versions[0])?.code;
    if (!code) return { versions, version: null, status, comments: [], nextCursor: null, summary: null };

    const { guidelineVersion } = await execute(event, ModerationPage, {
      code,
      status,
      after: searchParams.get('after'),
    });
    if (!guidelineVersion) error(404, { message: 'Not found', reason: 'not-found' });
    const { publicComments, ...version } = guidelineVersion;
    const { publicCommentSummary } = await execute(event, CommentSummary, { versionId: version.id });
    return {
      versions,
      version,
      status,
      comments: publicComments.edges.map((e) => e.node),
      nextCursor: publicComments.pageInfo.hasNextPage ? publicComments.pageInfo.endCursor : null,
      summary: publicCommentSummary,
    };
  });

/** A decision on a comment that is no longer pending (or gone) is news for the moderator, not a failure page. */
function moderationFailure(event: RequestEvent, cause: unknown, id: string) {
  if (cause instanceof GraphQLRequestError && ['INVALID_STATE', 'NOT_FOUND', 'CONFLICT'].includes(cause.code ?? '')) {
    return fail(409, { id, alreadyDone: true as const });
  }
  if (cause instanceof GraphQLRequestError && cause.code === 'BAD_USER_INPUT') {
    return fail(400, { id, apiMessage: cause.errors[0]?.message ?? cause.message });
  }
  pageForApiError(event, cause);
}

export const actions: Actions = {
  publish: async (event) => {
    requireModerator(event);
    const id = String((await event.request.formData()).get('id') ?? '');
    try {
      await execute(event, ModeratePublicComment, { input: { id, decision: 'PUBLISH' } });
      return { id, done: 'published' as const };
    } catch (cause) {
      return moderationFailure(event, cause, id);
    }
  },
  reject: async (event) => {
    requireModerator(event);
    const form = await event.request.formData();
    const id = String(form.get('id') ?? '');
    const reason = String(form.get('reason') ?? '').trim();
    if (!reason) return fail(400, { id, reason, reasonError: 'required' as const });
    if (reason.length > 2_000) return fail(400, { id, reason, reasonError: 'tooLong' as const });
    try {
      await execute(event, ModeratePublicComment, { input: { id, decision: 'REJECT', reason } });
      return { id, done: 'rejected' as const };
    } catch (cause) {
      return moderationFailure(event, cause, id);
    }
  },
  respond: async (event) => {
    requireModerator(event);
    const form = await event.request.formData();
    const id = String(form.get('id') ?? '');
    const response = String(form.get('response') ?? '')
      .replace(/\r\n/g, '\n')
      .trim();
    if (!response) return fail(400, { id, response, responseError: 'required' as const });
    if (response.length > 10_000) return fail(400, { id, response, responseError: 'tooLong' as const });
    try {
      await execute(event, RespondToPublicComment, { input: { id, response } });
      return { id, done: 'responded' as const };
    } catch (cause) {
      return moderationFailure(event, cause, id);
    }
  },
};
