import { z } from 'zod';
import { builder } from '../../builder.ts';
import type { Context } from '../../context.ts';
import { AppError, messages } from '../../errors.ts';
import { sharedPerEvent } from '../../event-cache.ts';
import type { Topics } from '../../pubsub.ts';
import { fiscalYearArg } from '../fiscal-year/fiscal-year.schema.ts';
import {
  canEditGuidelineText,
  canManageGuideline,
  canReadGuidelineVersion,
  commentPeriodState,
  isGuidelinePublishable,
  readableGuidelineStatuses,
  type CommentPeriodState,
} from './guideline.policy.ts';
import {
  createGuidelineDraft,
  openPublicComment,
  publishGuidelineVersion,
  removePrinciple,
  updateGuidelineDraft,
  updateGuidelineSection,
  upsertPrinciple,
} from './guideline.service.ts';

export const GuidelineStatusEnum = builder.enumType('GuidelineStatus', {
  description: 'Where a version of the guideline stands.',
  values: {
    DRAFT: { description: 'Being drafted; visible to staff only.' },
    PUBLIC_COMMENT: { description: 'A draft open for public comment (パブリックコメント).' },
    PUBLISHED: { description: 'The version in force.' },
    SUPERSEDED: { description: 'An earlier version, replaced by a later one.' },
  },
});

export const GuidelineSectionKindEnum = builder.enumType('GuidelineSectionKind', {
  description: 'What a numbered section of the guideline is about.',
  values: {
    PURPOSE: { description: '目的: why the guideline exists.' },
    DEFINITION: { description: '定義: what “ward office service” means.' },
    SCOPE: { description: '範囲: what the guideline may change.' },
    AIM: { description: 'めざすもの: what improving ward office service aims for.' },
    PHILOSOPHY: { description: '理念: the philosophy and its principles.' },
    STANDARDS: { description: '基準: the city-wide ward office service standards.' },
    POLICY_AND_TARGETS: { description: '方針・目標: each ward’s policy and each section’s targets.' },
    ORGANISATION: { description: '推進体制: the committees that run the work.' },
    SCHEDULE: { description: '年間スケジュール: the yearly schedule.' },
    OTHER: { description: 'Any other section.' },
  },
});

export const RecordOriginEnum = builder.enumType('RecordOrigin', {
  description: 'Where a record came from.',
  values: {
    DIRECT: { description: 'Entered directly in the app or the API.' },
    BOARD: { description: 'Promoted from notes on a workshop board.' },
    SEED: { description: 'Part of the guideline as adopted, loaded from the guideline document.' },
  },
});

export const CommentPeriodStateEnum = builder.enumType('CommentPeriodState', {
  description: 'Where a guideline version’s public-comment period stands now.',
  values: {
    NONE: { description: 'The version has not been put out for public comment.' },
    SCHEDULED: { description: 'Put out for comment; the period has not opened yet.' },
    OPEN: { description: 'Comments are accepted now.' },
    CLOSED: { description: 'The period has ended; no more comments are accepted.' },
  } satisfies Record<CommentPeriodState, unknown>,
});

export const GuidelineVersion = builder.prismaNode('GuidelineVersion', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description:
    '区役所サービス向上指針: one version of the Ward Office Service Improvement Guidelines (e.g. the March 2012 revision, code H24.3).',
  authScopes: (version, ctx) => canReadGuidelineVersion(ctx.viewer, version),
  fields: (t) => ({
    code: t.exposeString('code', {
      description: 'Short code of the version, from its adoption date in the Japanese era (e.g. H24.3).',
    }),
    title: t.exposeString('title', { description: 'Title in Japanese.' }),
    titleEn: t.exposeString('titleEn', { description: 'Title in English.' }),
    status: t.expose('status', { type: GuidelineStatusEnum, description: 'Where this version stands.' }),
    revisedOn: t.expose('revisedOn', {
      type: 'Date',
      nullable: true,
      description: 'First day of the month the version was adopted.',
    }),
    effectiveFiscalYear: t.exposeInt('effectiveFiscalYear', {
      nullable: true,
      description: 'The first fiscal year the version applies to.',
    }),
    summary: t.exposeString('summary', { description: 'What the version is and why it was made, in Japanese.' }),
    summaryEn: t.exposeString('summaryEn', { description: 'The summary in English.' }),
    aim: t.exposeString('aim', {
      description: 'めざすもの: what improving ward office service aims for, in Japanese.',
    }),
    aimEn: t.exposeString('aimEn', { description: 'The aim in English.' }),
    philosophy: t.exposeString('philosophy', { description: '理念: the philosophy’s preamble, in Japanese.' }),
    philosophyEn: t.exposeString('philosophyEn', { description: 'The philosophy’s preamble in English.' }),
    commentOpensAt: t.expose('commentOpensAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When public comment opens, for drafts put out for comment.',
    }),
    commentClosesAt: t.expose('commentClosesAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When public comment closes.',
    }),
    publishedAt: t.expose('publishedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the version was published in Shishin.',
    }),
    commentPeriod: t.field({
      type: CommentPeriodStateEnum,
      description: 'Where the public-comment period stands now (whether `submitPublicComment` is accepted).',
      resolve: (version, _args, ctx) => commentPeriodState(version, ctx.now()),
    }),
    viewerCanEdit: t.boolean({
      description:
        'Whether you may edit the version’s text now (the policy department, while it is a draft or after its comment period closed).',
      resolve: (version, _args, ctx) => canEditGuidelineText(ctx.viewer, version, ctx.now()),
    }),
    viewerCanOpenPublicComment: t.boolean({
      description: 'Whether you may put this version out for public comment (the policy department, drafts only).',
      resolve: (version, _args, ctx) => canManageGuideline(ctx.viewer) && version.status === 'DRAFT',
    }),
    viewerCanPublish: t.boolean({
      description:
        'Whether you may publish this version now (the policy department; a draft, or after its comment period closed).',
      resolve: (version, _args, ctx) => canManageGuideline(ctx.viewer) && isGuidelinePublishable(version, ctx.now()),
    }),
    supersedes: t.relation('supersedes', { nullable: true, description: 'The version this one replaced.' }),
    supersededBy: t.relation('supersededBy', { nullable: true, description: 'The version that replaced this one.' }),
    sections: t.relation('sections', {
      description:
        'The numbered sections (1 目的 … 9 年間スケジュール), in order. At most a few dozen, so a plain list.',
      query: { orderBy: { number: 'asc' } },
    }),
    principles: t.relatedConnection('principles', {
      cursor: 'id',
      description: 'The principles of the philosophy (理念), in their order.',
      query: { orderBy: { position: 'asc' } },
    }),
  }),
});

export const GuidelineSection = builder.prismaObject('GuidelineSection', {
  description: 'A numbered section of a guideline version.',
  // A section is readable exactly when its version is (drafts are for staff).
  include: { version: { select: { status: true } } },
  authScopes: (section, ctx) => canReadGuidelineVersion(ctx.viewer, section.version),
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'Database id of the section (not a global id; sections are read through their version).',
    }),
    number: t.exposeInt('number', { description: 'Section number as printed (1–9 in H24.3).' }),
    kind: t.expose('kind', { type: GuidelineSectionKindEnum, description: 'What the section is about.' }),
    title: t.exposeString('title', { description: 'Heading in Japanese.' }),
    titleEn: t.exposeString('titleEn', { description: 'Heading in English.' }),
    body: t.exposeString('body', {
      description: 'The section’s text in Japanese, verbatim from the guideline; paragraphs separated by blank lines.',
    }),
    bodyEn: t.exposeString('bodyEn', { description: 'The text in English.' }),
    rationale: t.exposeString('rationale', {
      description: '【考え方】: the reasoning printed under the section, in Japanese; empty when there is none.',
    }),
    rationaleEn: t.exposeString('rationaleEn', { description: 'The reasoning in English.' }),
  }),
});

export const Principle = builder.prismaNode('Principle', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description: 'One principle of the philosophy (理念), as worded in one guideline version.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    key: t.exposeString('key', {
      description:
        'Stable key across versions, e.g. CITIZENS_PERSPECTIVE; use it to follow a principle from one version to the next.',
    }),
    position: t.exposeInt('position', { description: 'Order within the version, from 1.' }),
    name: t.exposeString('name', { description: 'Name in Japanese, e.g. 市民の視点.' }),
    nameEn: t.exposeString('nameEn', { description: 'Name in English.' }),
    text: t.exposeString('text', { description: 'Full text in Japanese.' }),
    textEn: t.exposeString('textEn', { description: 'Full text in English.' }),
    origin: t.expose('origin', { type: RecordOriginEnum, description: 'Where the principle’s text came from.' }),
    version: t.relation('version', { description: 'The guideline version this wording belongs to.' }),
  }),
});

export const HistoryEvent = builder.prismaObject('HistoryEvent', {
  description:
    'An item of the history of ward office service improvement (e.g. the ISO 9001-based guideline of H20.4).',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id of the event.' }),
    occurredOn: t.expose('occurredOn', { type: 'Date', description: 'First day of the month the event happened.' }),
    eraLabel: t.exposeString('eraLabel', { description: 'The date as the guideline writes it, e.g. H19.6～.' }),
    category: t.exposeString('category', { description: 'The heading it is listed under, in Japanese.' }),
    categoryEn: t.exposeString('categoryEn', { description: 'The heading in English.' }),
    title: t.exposeString('title', { description: 'What happened, in Japanese.' }),
    titleEn: t.exposeString('titleEn', { description: 'What happened, in English.' }),
  }),
});

builder.queryFields((t) => ({
  currentGuideline: t.prismaField({
    type: GuidelineVersion,
    nullable: true,
    description: 'Public. The guideline version in force (the latest published one).',
    skipTypeScopes: true,
    authScopes: { public: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.db.guidelineVersion.findFirst({
        ...query,
        where: { status: 'PUBLISHED' },
        orderBy: [{ revisedOn: 'desc' }, { id: 'desc' }],
      }),
  }),
  guidelineVersion: t.prismaField({
    type: GuidelineVersion,
    nullable: true,
    description: 'Public for published versions and drafts out for comment. A version by its code, e.g. "H24.3".',
    skipTypeScopes: true,
    authScopes: { public: true },
    args: { code: t.arg.string({ required: true, description: 'The version code, e.g. H24.3.' }) },
    resolve: (query, _root, { code }, ctx) => ctx.db.guidelineVersion.findUnique({ ...query, where: { code } }),
  }),
  guidelineVersions: t.prismaConnection({
    type: 'GuidelineVersion',
    cursor: 'id',
    description: 'Public. Every version you may read, newest first (drafts only for staff).',
    skipTypeScopes: true,
    authScopes: { public: true },
    resolve: (query, _root, _args, ctx) => {
      const statuses = readableGuidelineStatuses(ctx.viewer);
      return ctx.db.guidelineVersion.findMany({
        ...query,
        where: statuses ? { status: { in: statuses } } : {},
        orderBy: [{ revisedOn: { sort: 'desc', nulls: 'first' } }, { id: 'desc' }],
      });
    },
  }),
  historyEvents: t.prismaField({
    type: [HistoryEvent],
    description:
      'Public. The history of ward office service improvement, in the order the guideline lists it (a short, fixed list).',
    skipTypeScopes: true,
    authScopes: { public: true },
    resolve: (query, _root, _args, ctx) => ctx.db.historyEvent.findMany({ ...query, orderBy: { position: 'asc' } }),
  }),
}));

// ───────────────────────────── drafting a new version ─────────────────────────────

const VERSION_CODE = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.-]{1,20}$/, { error: 'use 1–20 letters, digits, dots or hyphens, e.g. R9.3' });
const title = z.string().trim().min(1).max(200);
const longText = z.string().max(20_000);

const CreateGuidelineDraftInput = builder.inputType('CreateGuidelineDraftInput', {
  description: 'A new guideline version, drafted from a copy of the version in force.',
  fields: (t) => ({
    code: t.string({
      required: true,
      description: 'Short unique code of the new version, e.g. R9.3 (1–20 letters, digits, dots or hyphens).',
      validate: VERSION_CODE,
    }),
    title: t.string({ required: true, description: 'Title in Japanese (1–200 characters).', validate: title }),
    titleEn: t.string({ required: true, description: 'Title in English (1–200 characters).', validate: title }),
  }),
});

const UpdateGuidelineDraftInput = builder.inputType('UpdateGuidelineDraftInput', {
  description: 'New text for a draft version. Fields left out keep their value.',
  fields: (t) => ({
    versionId: t.globalID({ for: GuidelineVersion, required: true, description: 'The draft version to change.' }),
    title: t.string({ description: 'Title in Japanese (1–200 characters).', validate: title }),
    titleEn: t.string({ description: 'Title in English (1–200 characters).', validate: title }),
    summary: t.string({
      description: 'What the version is and why, in Japanese (at most 20,000 characters).',
      validate: longText,
    }),
    summaryEn: t.string({ description: 'The summary in English (at most 20,000 characters).', validate: longText }),
    aim: t.string({ description: 'めざすもの, in Japanese (at most 20,000 characters).', validate: longText }),
    aimEn: t.string({ description: 'The aim in English (at most 20,000 characters).', validate: longText }),
    philosophy: t.string({
      description: '理念’s preamble, in Japanese (at most 20,000 characters).',
      validate: longText,
    }),
    philosophyEn: t.string({ description: 'The preamble in English (at most 20,000 characters).', validate: longText }),
    effectiveFiscalYear: t.int({
      description: 'The first fiscal year the version applies to (1989–2100).',
      validate: fiscalYearArg,
    }),
  }),
});

const UpdateGuidelineSectionInput = builder.inputType('UpdateGuidelineSectionInput', {
  description: 'New text for a section of a draft version. Fields left out keep their value.',
  fields: (t) => ({
    sectionId: t.id({
      required: true,
      description: 'The section’s `id` (a database id, as GuidelineSection.id returns it).',
      validate: z.string().uuid(),
    }),
    title: t.string({ description: 'Heading in Japanese (1–200 characters).', validate: title }),
    titleEn: t.string({ description: 'Heading in English (1–200 characters).', validate: title }),
    body: t.string({ description: 'Text in Japanese (at most 20,000 characters).', validate: longText }),
    bodyEn: t.string({ description: 'Text in English (at most 20,000 characters).', validate: longText }),
    rationale: t.string({ description: '【考え方】 in Japanese (at most 20,000 characters).', validate: longText }),
    rationaleEn: t.string({ description: 'The reasoning in English (at most 20,000 characters).', validate: longText }),
  }),
});

const UpsertPrincipleInput = builder.inputType('UpsertPrincipleInput', {
  description: 'A principle of a draft version, added or rewritten by its stable key.',
  fields: (t) => ({
    versionId: t.globalID({ for: GuidelineVersion, required: true, description: 'The draft version.' }),
    key: t.string({
      required: true,
      description:
        'Stable key (e.g. CITIZENS_PERSPECTIVE): an existing key rewrites that principle, a new key adds one.',
      validate: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, { error: 'use upper-case letters, digits and _' }),
    }),
    position: t.int({
      description: 'Move the principle to this place (1 = first); left out, a new principle goes last.',
      validate: z.number().int().min(1).max(100),
    }),
    name: t.string({ required: true, description: 'Name in Japanese (1–200 characters).', validate: title }),
    nameEn: t.string({ required: true, description: 'Name in English (1–200 characters).', validate: title }),
    text: t.string({
      required: true,
      description: 'Full text in Japanese (1–5,000 characters).',
      validate: z.string().trim().min(1).max(5_000),
    }),
    textEn: t.string({
      required: true,
      description: 'Full text in English (1–5,000 characters).',
      validate: z.string().trim().min(1).max(5_000),
    }),
  }),
});

const RemovePrincipleInput = builder.inputType('RemovePrincipleInput', {
  description: 'A principle to remove from a draft version.',
  fields: (t) => ({
    versionId: t.globalID({ for: GuidelineVersion, required: true, description: 'The draft version.' }),
    key: t.string({ required: true, description: 'The principle’s key.', validate: z.string().min(1).max(64) }),
  }),
});

const OpenPublicCommentInput = builder.inputType('OpenPublicCommentInput', {
  description: 'The public-comment period for a draft version.',
  fields: (t) => ({
    versionId: t.globalID({ for: GuidelineVersion, required: true, description: 'The draft version.' }),
    opensAt: t.field({ type: 'DateTime', required: true, description: 'When comments start to be accepted.' }),
    closesAt: t.field({
      type: 'DateTime',
      required: true,
      description: 'When the period ends (exclusive); after `opensAt`, in the future, and at most a year later.',
    }),
  }),
});

const PublishGuidelineVersionInput = builder.inputType('PublishGuidelineVersionInput', {
  description: 'The version to publish.',
  fields: (t) => ({
    versionId: t.globalID({ for: GuidelineVersion, required: true, description: 'The version to publish.' }),
  }),
});

function defined<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: Exclude<T[K], null | undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v != null)) as never;
}

builder.mutationFields((t) => ({
  createGuidelineDraft: t.prismaField({
    type: GuidelineVersion,
    description:
      'Start a new guideline version as a draft, copying the sections, aim, philosophy and principles (keys kept) of the version in force. Policy department only.',
    args: { input: t.arg({ type: CreateGuidelineDraftInput, required: true, description: 'The new version.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await createGuidelineDraft(ctx, input);
      return ctx.db.guidelineVersion.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateGuidelineDraft: t.prismaField({
    type: GuidelineVersion,
    description:
      'Change a draft version’s title, summary, aim, philosophy or first fiscal year. Policy department only; refused while the version is out for comment and the period has not closed.',
    args: { input: t.arg({ type: UpdateGuidelineDraftInput, required: true, description: 'What to change.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { versionId, ...changes } = input;
      const { id } = await updateGuidelineDraft(ctx, { versionId: versionId.id, changes: defined(changes) });
      return ctx.db.guidelineVersion.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  updateGuidelineSection: t.prismaField({
    type: GuidelineSection,
    description:
      'Change the text of a section of a draft version. Policy department only (same states as updateGuidelineDraft).',
    args: { input: t.arg({ type: UpdateGuidelineSectionInput, required: true, description: 'What to change.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { sectionId, ...changes } = input;
      const { id } = await updateGuidelineSection(ctx, { sectionId: String(sectionId), changes: defined(changes) });
      return ctx.db.guidelineSection.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  upsertPrinciple: t.prismaField({
    type: Principle,
    description:
      'Add a principle to a draft version, or rewrite (and optionally move) the one with the same key. Policy department only.',
    args: { input: t.arg({ type: UpsertPrincipleInput, required: true, description: 'The principle.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await upsertPrinciple(ctx, {
        versionId: input.versionId.id,
        key: input.key,
        ...(input.position != null ? { position: input.position } : {}),
        text: { name: input.name, nameEn: input.nameEn, text: input.text, textEn: input.textEn },
      });
      return ctx.db.principle.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  removePrinciple: t.prismaField({
    type: GuidelineVersion,
    description:
      'Remove a principle from a draft version; the others close up. Refused while targets are linked to it. Policy department only.',
    args: { input: t.arg({ type: RemovePrincipleInput, required: true, description: 'The principle to remove.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      await removePrinciple(ctx, { versionId: input.versionId.id, key: input.key });
      return ctx.db.guidelineVersion.findUniqueOrThrow({ ...query, where: { id: input.versionId.id } });
    },
  }),
  openPublicComment: t.prismaField({
    type: GuidelineVersion,
    description:
      'Put a draft version out for public comment (DRAFT → PUBLIC_COMMENT) with its period; the text becomes public. Policy department only.',
    args: {
      input: t.arg({ type: OpenPublicCommentInput, required: true, description: 'The version and its period.' }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await openPublicComment(ctx, {
        versionId: input.versionId.id,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
      });
      return ctx.db.guidelineVersion.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  publishGuidelineVersion: t.prismaField({
    type: GuidelineVersion,
    description:
      'Publish a version (a draft, or one whose comment period has closed and whose comments are all moderated): it becomes the version in force and the previous one SUPERSEDED. Policy department only.',
    args: {
      input: t.arg({ type: PublishGuidelineVersionInput, required: true, description: 'The version to publish.' }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await publishGuidelineVersion(ctx, { versionId: input.versionId.id });
      return ctx.db.guidelineVersion.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

// ───────────────────────────── live events ─────────────────────────────

export const GuidelineVersionChangeEnum = builder.enumType('GuidelineVersionChange', {
  description: 'What happened to a guideline version.',
  values: {
    CREATED: { description: 'A new draft was started (staff only).' },
    EDITED: { description: 'Its text, a section or a principle changed (drafts: staff only).' },
    PUT_OUT_FOR_COMMENT: { description: 'It was put out for public comment, with its period.' },
    COMMENT_PERIOD_OPENED: { description: 'Its comment period began (`commentOpensAt` came).' },
    COMMENT_PERIOD_CLOSED: { description: 'Its comment period ended (`commentClosesAt` came).' },
    PUBLISHED: { description: 'It was published and is now the version in force.' },
    SUPERSEDED: { description: 'A later version was published in its place.' },
  },
});

type GuidelineVersionEventShape = {
  versionId: string;
  change: Topics['guidelineVersionChanged']['change'] | 'COMMENT_PERIOD_OPENED' | 'COMMENT_PERIOD_CLOSED';
};

const GuidelineVersionEvent = builder.objectRef<GuidelineVersionEventShape>('GuidelineVersionEvent').implement({
  description: 'A change to a guideline version you may read.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    change: t.field({ type: GuidelineVersionChangeEnum, description: 'What happened.', resolve: (e) => e.change }),
    version: t.prismaField({
      type: GuidelineVersion,
      description: 'The version as it is now.',
      resolve: (query, event, _args, ctx) =>
        sharedPerEvent(event, query, () =>
          ctx.db.guidelineVersion.findUniqueOrThrow({ ...query, where: { id: event.versionId } }),
        ),
    }),
  }),
});

/** Longest delay setTimeout takes; a boundary further away is re-armed when this one fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The events of the topic, merged with the comment-period boundaries: no write happens when a
 * period opens or closes, so each subscription arms timers for the periods of the versions it
 * watches (from the server's clock), and re-arms them whenever a version changes.
 */
function withPeriodBoundaries(
  ctx: Context,
  versionId: string | null,
  signal: AbortSignal,
): AsyncIterableIterator<GuidelineVersionEventShape> {
  const queue: GuidelineVersionEventShape[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let wake: (() => void) | undefined;
  let done = false;
  const push = (event: GuidelineVersionEventShape) => {
    queue.push(event);
    wake?.();
  };
  const arm = async () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    const versions = await ctx.db.guidelineVersion.findMany({
      where: { status: 'PUBLIC_COMMENT', ...(versionId ? { id: versionId } : {}) },
      select: { id: true, commentOpensAt: true, commentClosesAt: true },
    });
    const now = ctx.now().getTime();
    for (const version of versions) {
      for (const [at, change] of [
        [version.commentOpensAt, 'COMMENT_PERIOD_OPENED'],
        [version.commentClosesAt, 'COMMENT_PERIOD_CLOSED'],
      ] as const) {
        const delay = (at?.getTime() ?? 0) - now;
        if (!at || delay <= 0 || done) continue;
        const timer = setTimeout(
          () => {
            timers.delete(timer);
            if (delay > MAX_TIMER_MS) void arm();
            else push({ versionId: version.id, change });
          },
          Math.min(delay, MAX_TIMER_MS),
        );
        timer.unref();
        timers.add(timer);
      }
    }
  };
  const source = ctx.pubsub.subscribe('guidelineVersionChanged', signal);
  void (async () => {
    for await (const event of source) {
      if (versionId && event.versionId !== versionId) continue;
      await arm().catch(() => {});
      push(event);
    }
    done = true;
    wake?.();
  })();
  void arm().catch(() => {});
  const stop = () => {
    done = true;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    void source.return?.();
    wake?.();
  };
  signal.addEventListener('abort', stop, { once: true });
  const iterator: AsyncIterableIterator<GuidelineVersionEventShape> = {
    async next() {
      while (!done && queue.length === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
      if (queue.length > 0) return { value: queue.shift()!, done: false };
      return { value: undefined, done: true };
    },
    async return() {
      stop();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/** Whether the viewer may learn of this guideline-version event (the version is readable now). */
export async function guidelineVersionEventVisible(ctx: Context, event: { versionId: string }): Promise<boolean> {
  const now = await sharedPerEvent(event, 'access', () =>
    ctx.db.guidelineVersion.findUnique({ where: { id: event.versionId }, select: { status: true } }),
  );
  return now !== null && canReadGuidelineVersion(ctx.viewer, now);
}

builder.subscriptionFields((t) => ({
  guidelineVersionChanged: t.field({
    type: GuidelineVersionEvent,
    description:
      'Public. Guideline versions drafted, edited, put out for comment, opening or closing their comment period, published or superseded — each event only while you may read that version (drafts: staff only).',
    skipTypeScopes: true,
    authScopes: { public: true },
    args: {
      versionId: t.arg.globalID({
        for: GuidelineVersion,
        description: 'Only this version; left out, every version you may read.',
      }),
    },
    subscribe: async (_root, { versionId }, ctx) => {
      if (versionId) {
        const version = await ctx.db.guidelineVersion.findUnique({
          where: { id: versionId.id },
          select: { status: true },
        });
        if (!version || !canReadGuidelineVersion(ctx.viewer, version))
          throw new AppError('NOT_FOUND', messages.notFound).toGraphQLError();
      }
      const abort = new AbortController();
      const source = withPeriodBoundaries(ctx, versionId?.id ?? null, abort.signal);
      return (async function* () {
        try {
          for await (const event of source) {
            // Authorised on every event: a draft is for staff, whatever the subscription asked.
            if (await guidelineVersionEventVisible(ctx, event)) yield event;
          }
        } finally {
          abort.abort();
        }
      })();
    },
    resolve: (event) => event,
  }),
}));
