// Threaded comments on targets and policies: add, edit, resolve/reopen a thread, delete.
// Mentions (@name) and replies notify, inside the same transaction; events after commit.
import { isDeepStrictEqual } from 'node:util';
import type { Comment, PolicyStatus, Prisma, PrismaClient, TargetState } from '@shishin/prisma';
import { viewersForUsers } from '../../auth/authenticate.ts';
import { recordAudit } from '../../audit.ts';
import { batchedLoader } from '../../load-batch.ts';
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

export type WithSubject = {
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Subjects' rows as `subjectInclude` selects them (a target with its section's ward, or a
 * policy), by id, in one SQL statement (Prisma's would be two for targets): it runs inside
 * every comment's transaction, once per event for all of a subject's subscribers, and for
 * every new subscription.
 */
async function loadSubjectRows(db: Tx | PrismaClient, kind: string, ids: string[]): Promise<Map<string, WithSubject>> {
  const valid = ids.filter((id) => UUID.test(id));
  const rows = new Map<string, WithSubject>();
  if (valid.length === 0) return rows;
  if (kind === 'ImprovementTarget') {
    const targets = await db.$queryRaw<(Omit<NonNullable<WithSubject['target']>, 'section'> & { wardId: string })[]>`
      SELECT t.id, t.state::text AS state, t.section_id AS "sectionId", s.ward_id AS "wardId", t.title, t.description
      FROM improvement_target t JOIN section s ON s.id = t.section_id
      WHERE t.id = ANY(${valid}::uuid[])`;
    for (const { wardId, ...target } of targets)
      rows.set(target.id, { target: { ...target, section: { wardId } }, policy: null });
  } else if (kind === 'ImprovementPolicy') {
    const policies = await db.$queryRaw<NonNullable<WithSubject['policy']>[]>`
      SELECT id, status::text AS status, ward_id AS "wardId", title, body
      FROM improvement_policy WHERE id = ANY(${valid}::uuid[])`;
    for (const policy of policies) rows.set(policy.id, { target: null, policy });
  }
  return rows;
}

/** A subject's row (see `loadSubjectRows`); null when there is no such subject. */
export async function loadSubjectRow(db: Tx | PrismaClient, kind: string, id: string): Promise<WithSubject | null> {
  return (await loadSubjectRows(db, kind, [id])).get(id) ?? null;
}

/** The same, with the reads of one turn of the event loop batched (load-batch.ts): for subscribing. */
const loadBatched = batchedLoader(async (db: PrismaClient, keys: string[]) => {
  const found = new Map<string, WithSubject>();
  const kinds = new Map<string, string[]>();
  for (const key of keys) {
    const [kind, id] = key.split(':') as [string, string];
    kinds.set(kind, [...(kinds.get(kind) ?? []), id]);
  }
  for (const [kind, ids] of kinds) {
    for (const [id, row] of await loadSubjectRows(db, kind, ids)) found.set(`${kind}:${id}`, row);
  }
  return found;
});

export async function loadSubjectRowBatched(db: PrismaClient, kind: string, id: string): Promise<WithSubject | null> {
  return (await loadBatched(db, `${kind}:${id}`)) ?? null;
}

type CommentWithSubject = Prisma.CommentGetPayload<{ include: typeof subjectInclude }>;

/**
 * A comment read with a Pothos `query` (whose `include` always carries `subjectInclude`, for
 * the Comment type's own rule) when its subject's row is already at hand: the subject's
 * relations are left out of the read and the row put in their place, so the read is one
 * statement instead of four — none, when the query needs no other relation and the row is
 * given as `written` (what a committed write returned). Any other shape of query, or a
 * comment of another subject, falls back to the plain read.
 */
export async function findCommentWithSubject(
  db: PrismaClient,
  query: { include?: Prisma.CommentInclude; select?: Prisma.CommentSelect },
  id: string,
  subject: WithSubject | null,
  written?: Comment,
): Promise<CommentWithSubject> {
  const include = query.include;
  // Pothos merges the Comment type's `include` into every query of it, so the plain read
  // carries the subject too; the types cannot know that.
  const plain = async () => (await db.comment.findUniqueOrThrow({ ...query, where: { id } })) as CommentWithSubject;
  if (
    !subject ||
    !include ||
    !isDeepStrictEqual(include.target, subjectInclude.target) ||
    !isDeepStrictEqual(include.policy, subjectInclude.policy)
  ) {
    return plain();
  }
  const { target: _target, policy: _policy, ...rest } = include;
  const row =
    written?.id === id && Object.keys(rest).length === 0 && !query.select
      ? written
      : await db.comment.findUniqueOrThrow({ ...query, include: rest, where: { id } });
  if (row.targetId !== (subject.target?.id ?? null) || row.policyId !== (subject.policy?.id ?? null)) return plain();
  return { ...row, ...subject };
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
  // The transaction's own client: on the embedded database another connection would wait for this one.
  const viewers = await viewersForUsers(
    tx,
    candidates.map((c) => c.id),
  );
  return candidates
    .map((c) => c.id)
    .filter((id) => {
      const viewer = viewers.get(id);
      return viewer !== undefined && canReadComments(viewer, subject);
    });
}

function announce(ctx: Context, commentId: string, change: Change, subject: CommentSubject) {
  ctx.pubsub.publish('commentChanged', { commentId, change, subjectType: subject.kind, subjectId: subject.id });
}

export async function addComment(
  ctx: Context,
  input: { subjectType: string; subjectId: string; parentId: string | null; body: string; quote: string | null },
): Promise<{ id: string; comment: Comment; subject: WithSubject }> {
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
    const subjectRow = await loadSubjectRow(tx, subjectType, subjectId);
    const subject = subjectRow && subjectOf(subjectRow);
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
    return { comment, subject, subjectRow, notifications };
  });
  announce(ctx, done.comment.id, 'ADDED', done.subject);
  announceNotifications(ctx, done.notifications);
  // The comment as committed and its subject as the transaction saw it: the mutation's result
  // needs no further read unless it asks for other relations.
  return { id: done.comment.id, comment: done.comment, subject: done.subjectRow };
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
