// The server half of a comment thread, for any page whose subject takes comments (a target,
// a ward policy). A page loads the thread with loadCommentThread and spreads
// commentActions(subjectIdOf) into its `actions`; CommentThread.svelte renders both.
//
// Every action's answer is under the `comments` key (so it never collides with the page's
// own forms): { comments: { action, ok } } or fail(status, { comments: { action, id, body,
// quote, errors, message, sessionExpired } }), keeping what the person wrote.
import { fail, type RequestEvent } from '@sveltejs/kit';
import { messagesFor } from '$lib/i18n';
import { actionFailure } from './action-failure';
import { execute, type Variables } from './graphql';
import type { Operation } from './graphql';
import {
  AddComment,
  CommentThreads,
  DeleteComment,
  EditComment,
  ReopenThread,
  ResolveThread,
  type ThreadView,
} from './queries/comments';

export interface CommentThreadData {
  subjectId: string;
  /** Null for visitors who may not read comments (anonymous, tokens for published data). */
  threads: ThreadView[] | null;
  canComment: boolean;
  nextCursor: string | null;
  viewerId: string | null;
}

export async function loadCommentThread(event: RequestEvent, subjectId: string): Promise<CommentThreadData> {
  const viewerId = event.locals.viewer?.id ?? null;
  if (!viewerId) return { subjectId, threads: null, canComment: false, nextCursor: null, viewerId };
  const { node } = await execute(event, CommentThreads, {
    subjectId,
    after: event.url.searchParams.get('commentsAfter'),
  });
  const comments = node?.comments ?? null;
  return {
    subjectId,
    threads: comments ? comments.edges.map((e) => e.node) : null,
    canComment: node?.viewerCanComment ?? false,
    nextCursor: comments?.pageInfo.hasNextPage ? comments.pageInfo.endCursor : null,
    viewerId,
  };
}

export type CommentAction = 'comment' | 'reply' | 'editComment' | 'deleteComment' | 'resolveThread' | 'reopenThread';

interface Sent {
  action: CommentAction;
  id: string;
  body: string;
  quote: string;
}

function problem(event: RequestEvent, sent: Sent, status: number, errors: Record<string, string>) {
  return fail(status, {
    comments: { ...sent, errors, message: null as string | null, sessionExpired: false, ok: false },
  });
}

async function run<TData, TVariables extends Variables>(
  event: RequestEvent,
  sent: Sent,
  operation: Operation<TData, TVariables>,
  variables: TVariables,
) {
  try {
    await execute(event, operation as Operation<TData, Variables>, variables as Variables);
  } catch (cause) {
    const failure = actionFailure(event, cause, {});
    const { message, sessionExpired, errors } = failure.data;
    return fail(failure.status, { comments: { ...sent, errors, message, sessionExpired, ok: false } });
  }
  return { comments: { ...sent, body: '', quote: '', ok: true, errors: {}, message: null, sessionExpired: false } };
}

/**
 * The thread's form actions; `subjectIdOf` names the page's subject (from its params, or looked
 * up from them: a ward policy is addressed by ward and year).
 */
export function commentActions(subjectIdOf: (event: RequestEvent) => string | Promise<string>) {
  const read = async (event: RequestEvent, action: CommentAction): Promise<Sent> => {
    const form = await event.request.formData();
    return {
      action,
      id: String(form.get('id') ?? ''),
      body: String(form.get('body') ?? ''),
      quote: String(form.get('quote') ?? ''),
    };
  };
  const checkBody = (event: RequestEvent, sent: Sent): Record<string, string> => {
    const m = messagesFor(event.locals.locale).comments;
    const errors: Record<string, string> = {};
    if (!sent.body.trim()) errors.body = m.bodyRequired;
    else if (sent.body.length > 10_000) errors.body = m.bodyTooLong;
    if (sent.quote.length > 2_000) errors.quote = m.quoteTooLong;
    return errors;
  };

  return {
    comment: async (event: RequestEvent) => {
      const sent = await read(event, 'comment');
      const errors = checkBody(event, sent);
      if (Object.keys(errors).length) return problem(event, sent, 400, errors);
      const quote = sent.quote.trim();
      return run(event, sent, AddComment, {
        input: { subjectId: await subjectIdOf(event), body: sent.body, ...(quote ? { quote } : {}) },
      });
    },
    reply: async (event: RequestEvent) => {
      const sent = await read(event, 'reply');
      const errors = checkBody(event, sent);
      if (Object.keys(errors).length) return problem(event, sent, 400, errors);
      return run(event, sent, AddComment, { input: { parentId: sent.id, body: sent.body } });
    },
    editComment: async (event: RequestEvent) => {
      const sent = await read(event, 'editComment');
      const errors = checkBody(event, sent);
      if (Object.keys(errors).length) return problem(event, sent, 400, errors);
      return run(event, sent, EditComment, { input: { id: sent.id, body: sent.body } });
    },
    deleteComment: async (event: RequestEvent) => {
      const sent = await read(event, 'deleteComment');
      return run(event, sent, DeleteComment, { input: { id: sent.id } });
    },
    resolveThread: async (event: RequestEvent) => {
      const sent = await read(event, 'resolveThread');
      return run(event, sent, ResolveThread, { input: { id: sent.id } });
    },
    reopenThread: async (event: RequestEvent) => {
      const sent = await read(event, 'reopenThread');
      return run(event, sent, ReopenThread, { input: { id: sent.id } });
    },
  };
}
