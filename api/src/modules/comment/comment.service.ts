// Threaded comments on targets and policies: add, edit, resolve/reopen a thread, delete.
// Mentions (@name) and replies notify, inside the same transaction; events after commit.
import type { PolicyStatus, Prisma, TargetState } from '@shishin/prisma';
import { viewerForUser } from '../../auth/authenticate.ts';
import { recordAudit } from '../../audit.ts';
import type { Context } from '../../context.ts';
import { AppError, messages } from '../../errors.ts';
import type { Topics } from '../../pubsub.ts';
import { announceNotifications, notify } from '../notification/notification.service.ts';
import {
  canComment,
  canEditComment,
  canReadComments,
  canResolveThread,
  type CommentSubject,
} from './comment.policy.ts';

type Tx = Prisma.TransactionClient;
type Change = Topics['commentChanged']['change'];

export const subjectInclude = {
  target: {
    select: {
      id: true,
      state: true,
      sectionId: true,
      section: { select: { wardId: true } },
      title: true,
      description: true,
    },
  },
  policy: { select: { id: true, status: true, wardId: true, title: true, body: true } },
} as const;

type WithSubject = {
  target: {
    id: string;
    state: TargetState;
    sectionId: string;
    section: { wardId: string };
    title: string;
    description: string;
  } | null;
  policy: { id: string; status: PolicyStatus; wardId: string; title: string; body: string } | null;
};

export function subjectOf(row: WithSubject): (CommentSubject & { text: string }) | null {
  if (row.target)
    return { kind: 'ImprovementTarget', ...row.target, text: `${row.target.title}\n${row.target.description}` };
  if (row.policy) return { kind: 'ImprovementPolicy', ...row.policy, text: `${row.policy.title}\n${row.policy.body}` };
  return null;
}

async function loadSubject(tx: Tx, kind: string, id: string): Promise<(CommentSubject & { text: string }) | null> {
  if (kind === 'ImprovementTarget') {
    const target = await tx.improvementTarget.findUnique({ where: { id }, select: subjectInclude.target.select });
    return target ? subjectOf({ target, policy: null }) : null;
  }
  if (kind === 'ImprovementPolicy') {
    const policy = await tx.improvementPolicy.findUnique({ where: { id }, select: subjectInclude.policy.select });
    return policy ? subjectOf({ target: null, policy }) : null;
  }
  return null;
}

const MENTION = /@([\p{L}\p{N}_.-]+)/gu;

/** Users named with @displayName or @email-local-part who may read the subject. */
async function mentionedUsers(ctx: Context, tx: Tx, body: string, subject: CommentSubject): Promise<string[]> {
  const names = [...new Set([...body.matchAll(MENTION)].map((m) => m[1]!))].slice(0, 20);
  if (names.length === 0) return [];
  const candidates = await tx.user.findMany({
    where: {
      OR: [{ displayName: { in: names } }, ...names.map((n) => ({ email: { startsWith: `${n}@` } }))],
      disabledAt: null,
    },
    select: { id: true },
  });
  const readers: string[] = [];
  for (const { id } of candidates) {
    // The transaction's own client: on the embedded database another connection would wait for this one.
    const viewer = await viewerForUser(tx, id);
    if (viewer && canReadComments(viewer, subject)) readers.push(id);
  }
  return readers;
}

function announce(ctx: Context, commentId: string, change: Change, subject: CommentSubject) {
  ctx.pubsub.publish('commentChanged', { commentId, change, subjectType: subject.kind, subjectId: subject.id });
}

export async function addComment(
  ctx: Context,
  input: { subjectType: string; subjectId: string; parentId: string | null; body: string; quote: string | null },
): Promise<{ id: string }> {
  const done = await ctx.db.$transaction(async (tx) => {
    let subjectType = input.subjectType;
    let subjectId = input.subjectId;
    let parent: { id: string; authorId: string | null; parentId: string | null } | null = null;
    if (input.parentId) {
      // Replies join the thread's root and take its subject.
      const row = await tx.comment.findUnique({ where: { id: input.parentId }, include: subjectInclude });
      const subject = row ? subjectOf(row) : null;
      if (!row || !subject || !canReadComments(ctx.viewer, subject)) throw new AppError('NOT_FOUND', messages.notFound);
      parent = { id: row.parentId ?? row.id, authorId: row.authorId, parentId: row.parentId };
      subjectType = subject.kind;
      subjectId = subject.id;
    }
    const subject = await loadSubject(tx, subjectType, subjectId);
    if (!subject || !canReadComments(ctx.viewer, subject)) throw new AppError('NOT_FOUND', messages.notFound);
    if (!canComment(ctx.viewer, subject)) {
      throw subject.kind === 'ImprovementPolicy' &&
        subject.status !== 'DRAFT' &&
        ctx.viewer.hasWardRole(subject.wardId, [
          'COMMITTEE_MEMBER',
          'COMMITTEE_CHAIR',
          'WARD_COORDINATOR',
          'WARD_MAYOR',
        ])
        ? new AppError('INVALID_STATE', messages.invalidState, { state: subject.status })
        : new AppError('FORBIDDEN', messages.forbidden);
    }
    if (input.quote && !subject.text.includes(input.quote)) {
      throw new AppError('BAD_USER_INPUT', messages.quoteNotFound, { field: 'quote' });
    }
    const comment = await tx.comment.create({
      data: {
        authorId: ctx.viewer.user!.id,
        parentId: parent?.id ?? null,
        body: input.body,
        quote: input.quote,
        ...(subject.kind === 'ImprovementTarget' ? { targetId: subject.id } : { policyId: subject.id }),
      },
    });
    await recordAudit(tx, ctx, {
      action: 'comment.add',
      subjectType: 'Comment',
      subjectId: comment.id,
      after: { body: input.body, quote: input.quote },
    });
    const mentioned = await mentionedUsers(ctx, tx, input.body, subject);
    const notifications = await notify(tx, ctx, {
      userIds: mentioned,
      kind: 'MENTION',
      subjectType: subject.kind,
      subjectId: subject.id,
      payload: { commentId: comment.id },
    });
    if (parent) {
      const participants = await tx.comment.findMany({
        where: { OR: [{ id: parent.id }, { parentId: parent.id }], authorId: { not: null } },
        select: { authorId: true },
      });
      const others = participants.map((p) => p.authorId!).filter((id) => !mentioned.includes(id));
      notifications.push(
        ...(await notify(tx, ctx, {
          userIds: others,
          kind: 'COMMENT_REPLY',
          subjectType: subject.kind,
          subjectId: subject.id,
          payload: { commentId: comment.id },
        })),
      );
    }
    return { comment, subject, notifications };
  });
  announce(ctx, done.comment.id, 'ADDED', done.subject);
  announceNotifications(ctx, done.notifications);
  return { id: done.comment.id };
}

async function loadComment(ctx: Context, tx: Tx, id: string) {
  const row = await tx.comment.findUnique({ where: { id }, include: subjectInclude });
  const subject = row ? subjectOf(row) : null;
  if (!row || !subject || !canReadComments(ctx.viewer, subject)) throw new AppError('NOT_FOUND', messages.notFound);
  return { row, subject };
}

export async function editComment(ctx: Context, input: { id: string; body: string }): Promise<{ id: string }> {
  const { row, subject } = await ctx.db.$transaction(async (tx) => {
    const { row, subject } = await loadComment(ctx, tx, input.id);
    if (!canEditComment(ctx.viewer, row)) throw new AppError('FORBIDDEN', messages.forbidden);
    await tx.comment.update({ where: { id: row.id }, data: { body: input.body, editedAt: ctx.now() } });
    await recordAudit(tx, ctx, {
      action: 'comment.edit',
      subjectType: 'Comment',
      subjectId: row.id,
      before: { body: row.body },
      after: { body: input.body },
    });
    return { row, subject };
  });
  announce(ctx, row.id, 'EDITED', subject);
  return { id: row.id };
}

export async function deleteComment(ctx: Context, input: { id: string }): Promise<{ id: string }> {
  const { row, subject } = await ctx.db.$transaction(async (tx) => {
    const { row, subject } = await loadComment(ctx, tx, input.id);
    if (!canEditComment(ctx.viewer, row)) throw new AppError('FORBIDDEN', messages.forbidden);
    // Soft delete: the thread keeps its shape; the text is gone (kept in the audit record).
    await tx.comment.update({ where: { id: row.id }, data: { body: '', quote: null, deletedAt: ctx.now() } });
    await recordAudit(tx, ctx, {
      action: 'comment.delete',
      subjectType: 'Comment',
      subjectId: row.id,
      before: { body: row.body },
    });
    return { row, subject };
  });
  announce(ctx, row.id, 'DELETED', subject);
  return { id: row.id };
}

export async function setThreadResolved(
  ctx: Context,
  input: { id: string; resolved: boolean },
): Promise<{ id: string }> {
  const { row, subject } = await ctx.db.$transaction(async (tx) => {
    const { row, subject } = await loadComment(ctx, tx, input.id);
    if (row.parentId) throw new AppError('BAD_USER_INPUT', messages.notThreadRoot, { field: 'id' });
    if (!canResolveThread(ctx.viewer, row, subject)) throw new AppError('FORBIDDEN', messages.forbidden);
    if ((row.resolvedAt !== null) === input.resolved) {
      throw new AppError('INVALID_STATE', messages.invalidState, { state: row.resolvedAt ? 'RESOLVED' : 'OPEN' });
    }
    await tx.comment.update({
      where: { id: row.id },
      data: input.resolved
        ? { resolvedAt: ctx.now(), resolvedById: ctx.viewer.user!.id }
        : { resolvedAt: null, resolvedById: null },
    });
    await recordAudit(tx, ctx, {
      action: input.resolved ? 'comment.resolve' : 'comment.reopen',
      subjectType: 'Comment',
      subjectId: row.id,
    });
    return { row, subject };
  });
  announce(ctx, row.id, input.resolved ? 'RESOLVED' : 'REOPENED', subject);
  return { id: row.id };
}
