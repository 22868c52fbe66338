import { builder } from '../../builder.ts';
import { canReadGuidelineVersion, readableGuidelineStatuses } from './guideline.policy.ts';

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

export const GuidelineVersion = builder.prismaNode('GuidelineVersion', {
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
  authScopes: { public: true },
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
  id: { field: 'id' },
  description: 'One principle of the philosophy (理念), as worded in one guideline version.',
  authScopes: { public: true },
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
