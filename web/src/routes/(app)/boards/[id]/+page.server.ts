// The live board. Its content travels over the /boards socket; what must not be in the shared
// document (dot votes, revealing private notes) and what makes records or history goes through
// these form actions to GraphQL. Each action guards itself: the API re-checks the viewer.
import { fail, type RequestEvent } from '@sveltejs/kit';
import { pageForApiError } from '$lib/server/api-errors';
import { boardUser, loadBoard } from '$lib/server/boards/board-page';
import { execute, GraphQLRequestError } from '$lib/server/graphql';
import {
  boardGlobalId,
  CastBoardVote,
  CloseBoardVote,
  CreateBoardSnapshot,
  GuidelineVersionChoices,
  OpenBoardVote,
  PROMOTION_KINDS,
  PromoteBoardNotes,
  RestoreBoardSnapshot,
  RevealPrivateNotes,
  WithdrawBoardVote,
  type PromotionKind,
} from '$lib/server/queries/boards';
import { requireBoardUuid } from '$lib/server/boards/board-page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const board = await loadBoard(event, event.params.id);
  // Principle drafts go into a draft guideline version, and only the policy department puts them there.
  const draftVersions = board.viewerCanPromotePrinciple
    ? (await execute(event, GuidelineVersionChoices, {})).guidelineVersions.edges
        .map((e) => e.node)
        .filter((v) => v.status === 'DRAFT')
    : [];
  return { board, user: boardUser(event), draftVersions };
};

type Event = RequestEvent<{ id: string }>;

/** Runs one mutation; expected refusals come back as `fail` with the API's message in the page's language. */
async function run<T>(event: Event, action: string, call: (boardId: string) => Promise<T>) {
  const boardId = boardGlobalId(requireBoardUuid(event.params.id));
  try {
    return { action, ok: true as const, result: await call(boardId) };
  } catch (cause) {
    if (
      cause instanceof GraphQLRequestError &&
      ['BAD_USER_INPUT', 'FORBIDDEN', 'INVALID_STATE', 'CONFLICT', 'NOT_FOUND'].includes(cause.code ?? '')
    ) {
      return fail(cause.code === 'FORBIDDEN' ? 403 : 400, {
        action,
        ok: false as const,
        code: cause.code!,
        message: cause.errors[0]?.message ?? cause.message,
      });
    }
    pageForApiError(event, cause);
  }
}

const field = async (event: Event, name: string) => String((await event.request.clone().formData()).get(name) ?? '');

export const actions: Actions = {
  castVote: async (event) => {
    const noteId = await field(event, 'noteId');
    if (!noteId) return fail(400, { action: 'castVote', ok: false as const, code: 'BAD_USER_INPUT', message: '' });
    return run(
      event,
      'castVote',
      async (boardId) => (await execute(event, CastBoardVote, { boardId, noteId })).castBoardVote,
    );
  },
  withdrawVote: async (event) => {
    const noteId = await field(event, 'noteId');
    if (!noteId) return fail(400, { action: 'withdrawVote', ok: false as const, code: 'BAD_USER_INPUT', message: '' });
    return run(
      event,
      'withdrawVote',
      async (boardId) => (await execute(event, WithdrawBoardVote, { boardId, noteId })).withdrawBoardVote,
    );
  },
  openVote: async (event) => {
    const votesPerPerson = Number(await field(event, 'votesPerPerson'));
    if (!Number.isInteger(votesPerPerson) || votesPerPerson < 1 || votesPerPerson > 20) {
      return fail(400, {
        action: 'openVote',
        ok: false as const,
        code: 'BAD_USER_INPUT',
        message: '',
        field: 'votesPerPerson',
      });
    }
    return run(
      event,
      'openVote',
      async (boardId) => (await execute(event, OpenBoardVote, { boardId, votesPerPerson })).openBoardVote,
    );
  },
  closeVote: (event) =>
    run(event, 'closeVote', async (boardId) => (await execute(event, CloseBoardVote, { boardId })).closeBoardVote),
  reveal: (event) =>
    run(event, 'reveal', async (boardId) => (await execute(event, RevealPrivateNotes, { boardId })).revealPrivateNotes),
  snapshot: async (event) => {
    const name = (await field(event, 'name')).trim();
    if (!name || name.length > 200) {
      return fail(400, {
        action: 'snapshot',
        ok: false as const,
        code: 'BAD_USER_INPUT',
        message: '',
        field: 'name',
        name,
      });
    }
    return run(
      event,
      'snapshot',
      async (boardId) => (await execute(event, CreateBoardSnapshot, { boardId, name })).createBoardSnapshot,
    );
  },
  restore: async (event) => {
    const snapshotId = await field(event, 'snapshotId');
    return run(
      event,
      'restore',
      async () => (await execute(event, RestoreBoardSnapshot, { snapshotId })).restoreBoardSnapshot,
    );
  },
  promote: async (event) => {
    const form = await event.request.formData();
    const as = String(form.get('as') ?? '') as PromotionKind;
    const source = String(form.get('source') ?? '');
    const noteIds = form.getAll('noteIds').map(String).filter(Boolean);
    const title = String(form.get('title') ?? '').trim();
    if (!PROMOTION_KINDS.includes(as)) {
      return fail(400, { action: 'promote', ok: false as const, code: 'BAD_USER_INPUT', message: '', field: 'as' });
    }
    const clusterId = source.startsWith('cluster:') ? source.slice('cluster:'.length) : null;
    const draftId = source.startsWith('draft:') ? source.slice('draft:'.length) : null;
    if (draftId) {
      const guidelineVersionId = String(form.get('guidelineVersionId') ?? '');
      const principleKey = String(form.get('principleKey') ?? '').trim();
      const principleNameEn = String(form.get('principleNameEn') ?? '').trim();
      if (as !== 'PRINCIPLE_DRAFT' || !guidelineVersionId) {
        return fail(400, {
          action: 'promote',
          ok: false as const,
          code: 'BAD_USER_INPUT',
          message: '',
          field: 'guidelineVersionId',
        });
      }
      return run(
        event,
        'promote',
        async (boardId) =>
          (
            await execute(event, PromoteBoardNotes, {
              input: {
                boardId,
                as,
                draftId,
                guidelineVersionId,
                ...(principleKey ? { principleKey } : {}),
                ...(principleNameEn ? { principleNameEn } : {}),
                ...(title ? { title } : {}),
              },
            })
          ).promoteBoardNotes,
      );
    }
    if (!clusterId && noteIds.length === 0) {
      return fail(400, { action: 'promote', ok: false as const, code: 'BAD_USER_INPUT', message: '', field: 'source' });
    }
    return run(
      event,
      'promote',
      async (boardId) =>
        (
          await execute(event, PromoteBoardNotes, {
            input: { boardId, as, ...(clusterId ? { clusterId } : { noteIds }), ...(title ? { title } : {}) },
          })
        ).promoteBoardNotes,
    );
  },
};
