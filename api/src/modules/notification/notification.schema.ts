// In-app notifications: a viewer's own list, unread count, marking read, and live delivery.
import { z } from 'zod';
import { builder } from '../../builder.ts';
import { User } from '../user/user.schema.ts';

export const Notification = builder.prismaNode('Notification', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description: 'Something that happened that concerns you: a review request, a mention, a reply, a decision.',
  authScopes: (notification, ctx) => notification.userId === ctx.viewer.user?.id,
  fields: (t) => ({
    kind: t.exposeString('kind', {
      description:
        'What happened: MENTION, REVIEW_REQUESTED, REVIEW_RECORDED, CHANGES_REQUESTED, TARGET_APPROVED, COMMENT_REPLY, COMMENT_ADDED, RESULT_CONFIRMED or STANDARDS_PUBLISHED.',
    }),
    subjectType: t.exposeString('subjectType', {
      description: 'The type of what it is about, e.g. ImprovementTarget.',
    }),
    subjectId: t.string({
      description: 'The global id of what it is about (fetch it with `node`).',
      resolve: (n) => Buffer.from(`${n.subjectType}:${n.subjectId}`).toString('base64'),
    }),
    groupKey: t.exposeString('groupKey', {
      description: 'Notifications with the same key are about the same subject: group them in a digest.',
    }),
    payload: t.string({
      description: 'Details as JSON (e.g. the target’s title, the comment id).',
      resolve: (n) => JSON.stringify(n.payload),
    }),
    actor: t.relation('actor', { nullable: true, description: 'Who caused it.' }),
    readAt: t.expose('readAt', { type: 'DateTime', nullable: true, description: 'When you marked it read.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it happened.' }),
  }),
});

builder.prismaObjectFields(User, (t) => ({
  notifications: t.relatedConnection('notifications', {
    cursor: 'id',
    description: 'Your notifications, newest first (only on your own user).',
    authScopes: (user, _args, ctx) => user.id === ctx.viewer.user?.id,
    args: { unreadOnly: t.arg.boolean({ description: 'Only those not yet read.' }) },
    query: ({ unreadOnly }) => ({
      where: unreadOnly ? { readAt: null } : {},
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    }),
  }),
  notificationGroups: t.field({
    type: [NotificationGroup],
    description:
      'Your notifications grouped by subject (a digest), most recently active first, at most `first` groups (only on your own user).',
    authScopes: (user, _args, ctx) => user.id === ctx.viewer.user?.id,
    args: {
      first: t.arg.int({
        description: 'How many groups (1–50, default 20).',
        validate: z.number().int().min(1).max(50),
      }),
    },
    // Grouped in the database: one statement for the groups, however many notifications there are.
    resolve: async (user, { first }, ctx) => {
      const groups = await ctx.db.notification.groupBy({
        by: ['groupKey'],
        where: { userId: user.id },
        _count: { _all: true },
        _max: { createdAt: true },
        orderBy: { _max: { createdAt: 'desc' } },
        take: first ?? 20,
      });
      const keys = groups.map((g) => g.groupKey);
      const [unread, latest] = await Promise.all([
        ctx.db.notification.groupBy({
          by: ['groupKey'],
          where: { userId: user.id, groupKey: { in: keys }, readAt: null },
          _count: { _all: true },
        }),
        ctx.db.notification.findMany({
          where: { userId: user.id, groupKey: { in: keys } },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          distinct: ['groupKey'],
          select: { id: true, groupKey: true },
        }),
      ]);
      return groups.map((g) => ({
        groupKey: g.groupKey,
        count: g._count._all,
        unreadCount: unread.find((u) => u.groupKey === g.groupKey)?._count._all ?? 0,
        latestId: latest.find((l) => l.groupKey === g.groupKey)!.id,
      }));
    },
  }),
  unreadNotificationCount: t.int({
    description: 'How many of your notifications are unread (only on your own user).',
    authScopes: (user, _args, ctx) => user.id === ctx.viewer.user?.id,
    resolve: (user, _args, ctx) => ctx.db.notification.count({ where: { userId: user.id, readAt: null } }),
  }),
}));

interface NotificationGroupShape {
  groupKey: string;
  count: number;
  unreadCount: number;
  latestId: string;
}

const NotificationGroup = builder.objectRef<NotificationGroupShape>('NotificationGroup').implement({
  description: 'A digest entry: your notifications about one subject, counted, with the latest.',
  authScopes: { signedIn: true },
  fields: (t) => ({
    groupKey: t.exposeString('groupKey', {
      description: 'The subject, as `Type:id` (the same as each notification’s groupKey).',
    }),
    count: t.exposeInt('count', { description: 'How many notifications about it.' }),
    unreadCount: t.exposeInt('unreadCount', { description: 'How many of them are unread.' }),
    latest: t.prismaField({
      type: 'Notification',
      description: 'The newest of them.',
      resolve: (query, group, _args, ctx) =>
        ctx.db.notification.findUniqueOrThrow({ ...query, where: { id: group.latestId } }),
    }),
  }),
});

const MarkNotificationsReadInput = builder.inputType('MarkNotificationsReadInput', {
  description: 'Which notifications to mark read: the given ids, or all.',
  fields: (t) => ({
    ids: t.globalIDList({
      for: Notification,
      description: 'Notifications to mark read (at most 100).',
      validate: z.array(z.unknown()).max(100),
    }),
    all: t.boolean({ description: 'Mark all of your notifications read.' }),
  }),
});

builder.mutationFields((t) => ({
  markNotificationsRead: t.int({
    description: 'Mark some or all of your notifications read; returns how many changed.',
    args: { input: t.arg({ type: MarkNotificationsReadInput, required: true, description: 'Which ones.' }) },
    resolve: async (_root, { input }, ctx) => {
      const userId = ctx.viewer.user!.id;
      const ids = (input.ids ?? []).map((id) => id.id);
      if (!input.all && ids.length === 0) return 0;
      const result = await ctx.db.notification.updateMany({
        where: { userId, readAt: null, ...(input.all ? {} : { id: { in: ids } }) },
        data: { readAt: ctx.now() },
      });
      return result.count;
    },
  }),
}));

builder.subscriptionFields((t) => ({
  notificationAdded: t.prismaField({
    type: 'Notification',
    description: 'Your new notifications, as they happen.',
    subscribe: (_root, _args, ctx) => {
      const userId = ctx.viewer.user!.id;
      const source = ctx.pubsub.subscribe('notificationAdded');
      return (async function* () {
        try {
          for await (const event of source) if (event.userId === userId) yield event;
        } finally {
          await source.return?.();
        }
      })();
    },
    resolve: (query, event, _args, ctx) =>
      ctx.db.notification.findUniqueOrThrow({
        ...query,
        where: { id: (event as { notificationId: string }).notificationId },
      }),
  }),
}));
