// Notifications are written inside the transaction of the change that causes them, and
// announced (notificationAdded) only after that transaction commits.
import type { Prisma } from '@shishin/prisma';
import type { Context } from '../../context.ts';

type Tx = Prisma.TransactionClient;

export type NotificationKind =
  | 'MENTION'
  | 'REVIEW_REQUESTED'
  | 'REVIEW_RECORDED'
  | 'CHANGES_REQUESTED'
  | 'TARGET_APPROVED'
  | 'COMMENT_REPLY'
  | 'COMMENT_ADDED'
  | 'RESULT_CONFIRMED'
  | 'STANDARDS_PUBLISHED';

export interface NewNotification {
  userIds: readonly string[];
  kind: NotificationKind;
  subjectType: string;
  subjectId: string;
  payload?: Prisma.InputJsonValue;
}

/**
 * Creates one notification per recipient (never for the actor themself) and returns their
 * ids; pass them to `announceNotifications` after the transaction commits.
 */
export async function notify(tx: Tx, ctx: Context, input: NewNotification): Promise<{ id: string; userId: string }[]> {
  const actorId = ctx.viewer.user?.id ?? null;
  const recipients = [...new Set(input.userIds)].filter((id) => id !== actorId);
  if (recipients.length === 0) return [];
  // One statement for all recipients (a mention of twenty people is one insert, not twenty).
  return tx.notification.createManyAndReturn({
    data: recipients.map((userId) => ({
      userId,
      kind: input.kind,
      actorId,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      groupKey: `${input.subjectType}:${input.subjectId}`,
      payload: input.payload ?? {},
    })),
    select: { id: true, userId: true },
  });
}

export function announceNotifications(ctx: Context, notifications: readonly { id: string; userId: string }[]): void {
  for (const n of notifications) ctx.pubsub.publish('notificationAdded', { notificationId: n.id, userId: n.userId });
}
