import { builder } from '../../builder.ts';

export const SectionKindEnum = builder.enumType('SectionKind', {
  description: 'The kind of work a section (所属) does for citizens.',
  values: {
    COUNTER: { description: 'Counter sections, e.g. 区民課 (Ward Citizens Division), 保険年金課.' },
    HEALTH_WELFARE: { description: 'Health and welfare.' },
    COMMUNITY: { description: 'Community development (地域振興).' },
    INFRASTRUCTURE: { description: 'Road and park maintenance.' },
    ADMINISTRATION: { description: 'General affairs of the ward office.' },
    OTHER_BUREAU: {
      description: 'Run by another bureau inside the ward building (e.g. the city-tax certificate corner).',
    },
  },
});

export const CommitteeKindEnum = builder.enumType('CommitteeKind', {
  description: 'The bodies that run the guideline (guideline section 8).',
  values: {
    WARD_COMMITTEE: {
      description: '区役所サービス向上委員会: one per ward; manages the ward’s work and reviews targets.',
    },
    DIRECTORS_MEETING: {
      description: '区民サービス部長会議: city-wide; compares results and reviews the standards every March.',
    },
    REVISION_WORKING_GROUP: {
      description: '区役所サービス向上指針改定ワーキング: the staff working group that revises the guideline.',
    },
  },
});

export const Ward = builder.prismaNode('Ward', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description: '区: one of the city’s wards, each with its own ward office.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable code, e.g. nakahara.' }),
    name: t.exposeString('name', { description: 'Name in Japanese, e.g. 中原区.' }),
    nameEn: t.exposeString('nameEn', { description: 'Name in English, e.g. Nakahara.' }),
    position: t.exposeInt('position', { description: 'The city’s customary order of wards, from 1 (川崎区).' }),
    sections: t.relatedConnection('sections', {
      cursor: 'id',
      description: 'Public. The ward’s sections (所属), in the ward’s order.',
      query: { orderBy: [{ position: 'asc' }, { id: 'asc' }] },
    }),
    committees: t.relation('committees', {
      description: 'Public. The ward’s service improvement committee (usually one).',
    }),
  }),
});

export const Section = builder.prismaNode('Section', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description: '所属: a section or division of a ward office, the unit that sets improvement targets.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code, unique within the ward.' }),
    name: t.exposeString('name', { description: 'Name in Japanese, e.g. 区民課.' }),
    nameEn: t.exposeString('nameEn', { description: 'Name in English.' }),
    kind: t.expose('kind', { type: SectionKindEnum, description: 'The kind of work the section does.' }),
    operatingBureau: t.exposeString('operatingBureau', {
      nullable: true,
      description: 'For a section run by another bureau inside the ward building: that bureau (e.g. 財政局).',
    }),
    position: t.exposeInt('position', { description: 'Order within the ward.' }),
    isSample: t.exposeBoolean('isSample', {
      description: 'True for sample data loaded for demonstration, not real records.',
    }),
    ward: t.relation('ward', { description: 'The ward the section belongs to.' }),
  }),
});

export const Committee = builder.prismaNode('Committee', {
  // node(id:) of an id that names nothing answers null, not an error.
  nullable: true,
  id: { field: 'id' },
  description: 'A committee or working group that runs the guideline.',
  authScopes: { public: true },
  runScopesOnType: true,
  fields: (t) => ({
    kind: t.expose('kind', { type: CommitteeKindEnum, description: 'Which body this is.' }),
    name: t.exposeString('name', { description: 'Name in Japanese.' }),
    nameEn: t.exposeString('nameEn', { description: 'Name in English.' }),
    description: t.exposeString('description', { description: 'What the committee does, in Japanese.' }),
    descriptionEn: t.exposeString('descriptionEn', { description: 'What the committee does, in English.' }),
    ward: t.relation('ward', {
      nullable: true,
      description: 'The ward, for a ward committee; null for city-wide bodies.',
    }),
    memberships: t.relatedConnection('memberships', {
      cursor: 'id',
      description: 'Staff only (null for others). The committee’s members and their roles.',
      authScopes: { staff: true },
      nullable: true,
      query: { orderBy: [{ role: 'asc' }, { id: 'asc' }] },
    }),
  }),
});

builder.queryFields((t) => ({
  wards: t.prismaConnection({
    type: 'Ward',
    cursor: 'id',
    description: 'Public. The city’s wards in their customary order.',
    skipTypeScopes: true,
    authScopes: { public: true },
    resolve: (query, _root, _args, ctx) => ctx.db.ward.findMany({ ...query, orderBy: { position: 'asc' } }),
  }),
  ward: t.prismaField({
    type: 'Ward',
    nullable: true,
    description: 'Public. A ward by its code (e.g. "nakahara").',
    skipTypeScopes: true,
    authScopes: { public: true },
    args: { code: t.arg.string({ required: true, description: 'The ward code.' }) },
    resolve: (query, _root, { code }, ctx) => ctx.db.ward.findUnique({ ...query, where: { code } }),
  }),
  sections: t.prismaConnection({
    type: 'Section',
    cursor: 'id',
    description: 'Public. Sections, optionally of one ward or of one kind, ordered by ward and position.',
    skipTypeScopes: true,
    authScopes: { public: true },
    args: {
      wardId: t.arg.globalID({ for: Ward, description: 'Only sections of this ward.' }),
      kind: t.arg({ type: SectionKindEnum, description: 'Only sections of this kind.' }),
    },
    resolve: (query, _root, { wardId, kind }, ctx) =>
      ctx.db.section.findMany({
        ...query,
        where: { ...(wardId ? { wardId: wardId.id } : {}), ...(kind ? { kind } : {}) },
        orderBy: [{ ward: { position: 'asc' } }, { position: 'asc' }, { id: 'asc' }],
      }),
  }),
  committees: t.prismaConnection({
    type: 'Committee',
    cursor: 'id',
    description: 'Public. Committees and working groups, optionally of one kind.',
    skipTypeScopes: true,
    authScopes: { public: true },
    args: { kind: t.arg({ type: CommitteeKindEnum, description: 'Only committees of this kind.' }) },
    resolve: (query, _root, { kind }, ctx) =>
      ctx.db.committee.findMany({ ...query, where: kind ? { kind } : {}, orderBy: [{ kind: 'asc' }, { id: 'asc' }] }),
  }),
}));
