// Threaded comments on targets and policies, and their live events.
import { z } from 'zod';
import { builder } from '../../builder.ts';
import type { Context } from '../../context.ts';
import { AppError, messages } from '../../errors.ts';
import { sharedPerEvent } from '../../event-cache.ts';
import type { Topics } from '../../pubsub.ts';
import { ImprovementPolicy } from '../policy/policy.schema.ts';
import { ImprovementTarget } from '../target/target.schema.ts';
import { canComment, canEditComment, canReadComments, canResolveThread } from './comment.policy.ts';
import {
  addComment,
  deleteComment,
  editComment,
  findCommentWithSubject,
  loadSubjectRow,
  loadSubjectRowBatched,
  setThreadResolved,
  subjectInclude,
  subjectOf,
  type WithSubject,
} from './comment.service.ts';

export const Comment = builder.prismaNode('Comment', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description: 'A comment in a thread on a target or a policy. Internal to the staff who may read the subject.',
  include: subjectInclude,
  authScopes: (comment, ctx) => {
    const subject = subjectOf(comment);
    return subject !== null && canReadComments(ctx.viewer, subject);
  },
  fields: (t) => ({
    body: t.string({
      description: 'The text; empty once deleted.',
      resolve: (comment) => (comment.deletedAt ? '' : comment.body),
    }),
    quote: t.exposeString('quote', {
      nullable: true,
      description: 'The part of the subject’s text the comment quotes.',
    }),
    isDeleted: t.boolean({
      description: 'Whether the author deleted it (the thread keeps its place).',
      resolve: (c) => c.deletedAt !== null,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was written.' }),
    editedAt: t.expose('editedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When its author last edited it.',
    }),
    resolvedAt: t.expose('resolvedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'For a thread’s first comment: when the thread was resolved.',
    }),
    author: t.relation('author', { nullable: true, description: 'Who wrote it.' }),
    resolvedBy: t.relation('resolvedBy', { nullable: true, description: 'Who resolved the thread.' }),
    parent: t.relation('parent', { nullable: true, description: 'The thread’s first comment, for a reply.' }),
    replies: t.relation('replies', {
      description: 'Replies, oldest first (for a thread’s first comment).',
      query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    }),
    viewerCanEdit: t.boolean({
      description: 'Whether you may edit or delete it (its author).',
      resolve: (comment, _args, ctx) => canEditComment(ctx.viewer, comment),
    }),
    viewerCanResolve: t.boolean({
      description: 'Whether you may resolve or reopen this thread.',
      resolve: (comment, _args, ctx) => {
        const subject = subjectOf(comment);
        return comment.parentId === null && subject !== null && canResolveThread(ctx.viewer, comment, subject);
      },
    }),
  }),
});

const COMMENTS_DESCRIPTION =
  'Staff only (null for others). The comment threads, oldest first; each thread’s replies are under `replies`.';

builder.prismaObjectFields(ImprovementTarget, (t) => ({
  comments: t.relatedConnection('comments', {
    cursor: 'id',
    description: COMMENTS_DESCRIPTION,
    nullable: true,
    authScopes: { staff: true },
    query: { where: { parentId: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
  }),
  viewerCanComment: t.boolean({
    description: 'Whether you may comment on the target.',
    resolve: (target, _args, ctx) => canComment(ctx.viewer, { kind: 'ImprovementTarget', ...target }),
  }),
}));

builder.prismaObjectFields(ImprovementPolicy, (t) => ({
  comments: t.relatedConnection('comments', {
    cursor: 'id',
    description: COMMENTS_DESCRIPTION,
    nullable: true,
    authScopes: { staff: true },
    query: { where: { parentId: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
  }),
  viewerCanComment: t.boolean({
    description:
      'Whether you may comment on the policy (its ward’s committee, coordinator and mayor, while it is a draft).',
    resolve: (policy, _args, ctx) => canComment(ctx.viewer, { kind: 'ImprovementPolicy', ...policy }),
  }),
}));

const body = z.string().trim().min(1).max(10_000);

const AddCommentInput = builder.inputType('AddCommentInput', {
  description: 'A new comment: a new thread on a subject, or a reply in a thread.',
  fields: (t) => ({
    subjectId: t.globalID({
      for: [ImprovementTarget, ImprovementPolicy],
      description: 'The target or policy to comment on (left out for a reply, which takes its thread’s subject).',
    }),
    parentId: t.globalID({ for: Comment, description: 'The comment to reply to.' }),
    body: t.string({
      required: true,
      description: 'The text (1–10,000 characters). @name mentions notify.',
      validate: body,
    }),
    quote: t.string({
      description: 'A passage of the subject’s text to quote (must appear in it; at most 2,000 characters).',
      validate: z.string().min(1).max(2_000),
    }),
  }),
});

const EditCommentInput = builder.inputType('EditCommentInput', {
  description: 'New text for one of your comments.',
  fields: (t) => ({
    id: t.globalID({ for: Comment, required: true, description: 'The comment.' }),
    body: t.string({ required: true, description: 'The new text (1–10,000 characters).', validate: body }),
  }),
});

const CommentRefInput = builder.inputType('CommentRefInput', {
  description: 'The comment to act on.',
  fields: (t) => ({ id: t.globalID({ for: Comment, required: true, description: 'The comment.' }) }),
});

builder.mutationFields((t) => ({
  addComment: t.prismaField({
    type: 'Comment',
    description: 'Comment on a target or a draft policy, or reply in a thread. Mentions and replies notify.',
    args: { input: t.arg({ type: AddCommentInput, required: true, description: 'The comment.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      if (!input.subjectId && !input.parentId) {
        throw new AppError('BAD_USER_INPUT', messages.invalidInput, { field: 'subjectId' });
      }
      const { id, comment, subject } = await addComment(ctx, {
        subjectType: input.subjectId?.typename ?? '',
        subjectId: input.subjectId?.id ?? '',
        parentId: input.parentId?.id ?? null,
        body: input.body,
        quote: input.quote ?? null,
      });
      return findCommentWithSubject(ctx.db, query, id, subject, comment);
    },
  }),
  editComment: t.prismaField({
    type: 'Comment',
    description: 'Edit one of your own comments.',
    args: { input: t.arg({ type: EditCommentInput, required: true, description: 'The new text.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await editComment(ctx, { id: input.id.id, body: input.body });
      return ctx.db.comment.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  deleteComment: t.prismaField({
    type: 'Comment',
    description: 'Delete one of your own comments (its place in the thread remains, without text).',
    args: { input: t.arg({ type: CommentRefInput, required: true, description: 'The comment.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await deleteComment(ctx, { id: input.id.id });
      return ctx.db.comment.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  resolveCommentThread: t.prismaField({
    type: 'Comment',
    description: 'Mark a thread resolved (name its first comment).',
    args: { input: t.arg({ type: CommentRefInput, required: true, description: 'The thread’s first comment.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await setThreadResolved(ctx, { id: input.id.id, resolved: true });
      return ctx.db.comment.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  reopenCommentThread: t.prismaField({
    type: 'Comment',
    description: 'Reopen a resolved thread (name its first comment).',
    args: { input: t.arg({ type: CommentRefInput, required: true, description: 'The thread’s first comment.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await setThreadResolved(ctx, { id: input.id.id, resolved: false });
      return ctx.db.comment.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

export const CommentChangeEnum = builder.enumType('CommentChange', {
  description: 'What happened to a comment.',
  values: {
    ADDED: { description: 'A comment or reply was added.' },
    EDITED: { description: 'Its author edited it.' },
    RESOLVED: { description: 'Its thread was resolved.' },
    REOPENED: { description: 'Its thread was reopened.' },
    DELETED: { description: 'Its author deleted it.' },
  },
});

type CommentEventShape = Topics['commentChanged'];

/** The event's subject (one per event) as it is now: one read per event, shared by all its subscribers. */
function eventSubject(ctx: Context, event: CommentEventShape): Promise<WithSubject | null> {
  return sharedPerEvent(event, 'subject', () => loadSubjectRow(ctx.db, event.subjectType, event.subjectId));
}

/** Whether the viewer may learn of this comment event (its subject's comments are readable now). */
export async function commentEventVisible(ctx: Context, event: CommentEventShape): Promise<boolean> {
  const row = await eventSubject(ctx, event);
  const now = row && subjectOf(row);
  return !!now && canReadComments(ctx.viewer, now);
}

const CommentEvent = builder.objectRef<CommentEventShape>('CommentEvent').implement({
  description: 'A change to a comment on the subject you watch.',
  authScopes: { signedIn: true },
  fields: (t) => ({
    change: t.field({ type: CommentChangeEnum, description: 'What happened.', resolve: (e) => e.change }),
    comment: t.prismaField({
      type: 'Comment',
      description: 'The comment as it is now.',
      // The subject's row was read once for the event, to authorise it (commentEvents'
      // subscribe): the comment's read reuses it and is one statement, shared per event.
      resolve: async (query, event, _args, ctx) => {
        const subject = await eventSubject(ctx, event);
        return sharedPerEvent(event, query, () => findCommentWithSubject(ctx.db, query, event.commentId, subject));
      },
    }),
  }),
});

builder.subscriptionFields((t) => ({
  commentEvents: t.field({
    type: CommentEvent,
    description:
      'Comments added, edited, resolved, reopened or deleted on one target or policy, while you may read them.',
    args: {
      subjectId: t.arg.globalID({
        for: [ImprovementTarget, ImprovementPolicy],
        required: true,
        description: 'The target or policy.',
      }),
    },
    subscribe: async (_root, { subjectId }, ctx) => {
      const row = await loadSubjectRowBatched(ctx.db, subjectId.typename, subjectId.id);
      const subject = row && subjectOf(row);
      if (!subject || !canReadComments(ctx.viewer, subject))
        throw new AppError('NOT_FOUND', messages.notFound).toGraphQLError();
      const source = ctx.pubsub.subscribe('commentChanged');
      return (async function* () {
        try {
          for await (const event of source) {
            if (event.subjectId !== subjectId.id) continue;
            // Authorised on every event: the subject may have become unreadable since.
            if (await commentEventVisible(ctx, event)) yield event;
          }
        } finally {
          await source.return?.();
        }
      })();
    },
    // The pubsub's own event object, not a copy: `comment` shares its read per event object.
    resolve: (event) => event,
  }),
}));
