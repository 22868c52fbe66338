// The change feed as a query: what changed after the last event id a client saw, for clients
// coming back from a dropped socket, a restarted instance or a Redis outage (at-most-once
// delivery). Each event is shown only to a viewer its subscription would have delivered it to:
// the same per-event rules, exported by each module, decide both.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.ts';
import type { Context } from '../../context.ts';
import { AppError, messages } from '../../errors.ts';
import type { LoggedEvent } from '../../event-log.ts';
import type { TopicName, Topics } from '../../pubsub.ts';
import { commentEventVisible } from '../comment/comment.schema.ts';
import { guidelineVersionEventVisible } from '../guideline/guideline.schema.ts';
import { policyEventVisible } from '../policy/policy.schema.ts';
import { problemEventVisible } from '../problem/problem.schema.ts';
import { publicCommentEventVisible } from '../public-comment/public-comment.schema.ts';
import { reviewRoundEventVisible } from '../review/review.schema.ts';
import { targetEventVisible } from '../target/target.schema.ts';

interface ChangeShape {
  eventId: string;
  topic: FeedTopic;
  change: string | null;
  subjectType: string;
  subjectId: string;
  at: Date;
}

/** For each topic a subscription delivers: who may see an event, and what it is about. */
const FEED = {
  targetChanged: {
    description: 'An improvement target changed (improvementTargetChanged).',
    visible: targetEventVisible,
    subject: (e: Topics['targetChanged']) => ['ImprovementTarget', e.targetId, null],
  },
  commentChanged: {
    description: 'A comment was added, edited, resolved, reopened or deleted (commentEvents).',
    visible: commentEventVisible,
    subject: (e: Topics['commentChanged']) => ['Comment', e.commentId, e.change],
  },
  reviewRoundChanged: {
    description: 'A review round opened, received a review or closed (reviewRoundChanged).',
    visible: reviewRoundEventVisible,
    subject: (e: Topics['reviewRoundChanged']) => ['ReviewRound', e.roundId, null],
  },
  policyChanged: {
    description: 'An improvement policy was created, edited or published (improvementPolicyChanged).',
    visible: policyEventVisible,
    subject: (e: Topics['policyChanged']) => ['ImprovementPolicy', e.policyId, null],
  },
  standardsReviewPublished: {
    description: 'The directors’ meeting published a year’s standards (standardsReviewPublished; staff).',
    visible: (ctx: Context) => ctx.viewer.isStaff,
    subject: (e: Topics['standardsReviewPublished']) => ['StandardReview', e.reviewId, null],
  },
  notificationAdded: {
    description: 'You received a notification (notificationAdded).',
    visible: (ctx: Context, e: Topics['notificationAdded']) => ctx.viewer.user?.id === e.userId,
    subject: (e: Topics['notificationAdded']) => ['Notification', e.notificationId, null],
  },
  guidelineVersionChanged: {
    description: 'A guideline version was drafted, edited, put out for comment, published or superseded.',
    visible: guidelineVersionEventVisible,
    subject: (e: Topics['guidelineVersionChanged']) => ['GuidelineVersion', e.versionId, e.change],
  },
  publicCommentChanged: {
    description: 'A public comment was submitted, published, rejected or answered (publicCommentChanged).',
    visible: publicCommentEventVisible,
    subject: (e: Topics['publicCommentChanged']) => ['PublicComment', e.commentId, e.change],
  },
  problemChanged: {
    description: 'A problem or proposal was recorded, edited, adopted, declined or reopened (staff).',
    visible: problemEventVisible,
    subject: (e: Topics['problemChanged']) => [e.kind, e.id, e.change],
  },
} satisfies {
  [T in TopicName]?: {
    description: string;
    visible: (ctx: Context, event: Topics[T]) => boolean | Promise<boolean>;
    subject: (event: Topics[T]) => [string, string, string | null];
  };
};

type FeedTopic = keyof typeof FEED;

const ChangeTopicEnum = builder.enumType('ChangeTopic', {
  description: 'The kind of event a change in the feed comes from (one per subscription family).',
  values: Object.fromEntries(
    Object.entries(FEED).map(([name, { description }]) => [
      name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase(),
      { value: name as FeedTopic, description },
    ]),
  ) as Record<string, { value: FeedTopic; description: string }>,
});

const Change = builder.objectRef<ChangeShape>('Change').implement({
  description: 'One event of the change feed that you may see: which object changed, not its contents.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    eventId: t.exposeID('eventId', {
      description:
        'The event’s id: the same value subscription results carry in `extensions.eventId`. Ids increase in the order events happened, across all instances.',
    }),
    topic: t.expose('topic', { type: ChangeTopicEnum, description: 'Which kind of event it is.' }),
    change: t.exposeString('change', {
      nullable: true,
      description: 'What happened, as the subscription’s `change` field names it (null where it has none).',
    }),
    subjectType: t.exposeString('subjectType', {
      description: 'The GraphQL type of the changed object, e.g. `ImprovementTarget` or `Comment`.',
    }),
    subjectId: t.exposeID('subjectId', {
      description: 'The changed object’s global id: read it again with `node(id:)` or the page’s own query.',
    }),
    at: t.expose('at', { type: 'DateTime', description: 'When the event was recorded.' }),
  }),
});

interface FeedShape {
  changes: ChangeShape[];
  lastEventId: string | null;
  hasMore: boolean;
  expired: boolean;
}

const ChangeFeed = builder.objectRef<FeedShape>('ChangeFeed').implement({
  description: 'What changed after a given event id, in order, as far as you may see it.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    changes: t.field({
      type: [Change],
      description: 'The changes you may see, oldest first.',
      resolve: (feed) => feed.changes,
    }),
    lastEventId: t.exposeID('lastEventId', {
      nullable: true,
      description:
        'The last event examined (seen by you or not): pass it as `after` next time. Null when the feed is empty.',
    }),
    hasMore: t.exposeBoolean('hasMore', {
      description: 'Whether more events follow `lastEventId`: ask again with it.',
    }),
    expired: t.exposeBoolean('expired', {
      description:
        'Whether events after `after` have already been deleted (the feed keeps seven days): reload what you show instead of applying changes.',
    }),
  }),
});

const MAX_FIRST = 500;

async function visibleChange(ctx: Context, event: LoggedEvent): Promise<ChangeShape | null> {
  const entry = FEED[event.topic as FeedTopic] as
    | {
        visible: (ctx: Context, event: unknown) => boolean | Promise<boolean>;
        subject: (event: unknown) => [string, string, string | null];
      }
    | undefined;
  if (!entry) return null;
  if (!(await entry.visible(ctx, event.payload))) return null;
  const [subjectType, id, change] = entry.subject(event.payload);
  return {
    eventId: event.id,
    topic: event.topic as FeedTopic,
    change,
    subjectType,
    subjectId: encodeGlobalID(subjectType, id),
    at: event.createdAt,
  };
}

builder.queryField('changesSince', (t) =>
  t.field({
    type: ChangeFeed,
    description:
      'Public. The changes after the event id you last saw (from a subscription result’s `extensions.eventId` or an earlier `lastEventId`), so a client that was disconnected learns what to read again. Each change is listed only if its subscription would have delivered it to you; everyone sees public events (published comments, guideline versions), staff see more.',
    skipTypeScopes: true,
    authScopes: { public: true },
    args: {
      after: t.arg.id({
        description: 'The last event id you saw; left out, the feed from its oldest kept event.',
      }),
      first: t.arg.int({
        description: `How many events to examine (default 100, at most ${MAX_FIRST}); fewer changes may be yours.`,
      }),
    },
    resolve: async (_root, args, ctx) => {
      const after = args.after === null || args.after === undefined ? null : String(args.after);
      const first = args.first ?? 100;
      if ((after !== null && !/^\d{1,19}$/.test(after)) || first < 1 || first > MAX_FIRST) {
        throw new AppError('BAD_USER_INPUT', {
          ja: `${messages.invalidInput.ja} after はイベント ID（数字）、first は 1〜${MAX_FIRST} で指定してください。`,
          en: `${messages.invalidInput.en} after must be an event id (digits) and first between 1 and ${MAX_FIRST}.`,
        });
      }
      const events = ctx.events;
      const [batch, oldest] = await Promise.all([events.since(after, first), events.oldestId()]);
      // Nothing before `oldest` is kept: if `after` is older than the event just before it,
      // something in between may have been deleted.
      const expired = after !== null && oldest !== null && BigInt(after) + 1n < BigInt(oldest);
      const changes: ChangeShape[] = [];
      for (const event of batch) {
        const change = await visibleChange(ctx, event);
        if (change) changes.push(change);
      }
      return {
        changes,
        lastEventId: batch.at(-1)?.id ?? after ?? (await events.latestId()),
        hasMore: batch.length === first,
        expired,
      };
    },
  }),
);
