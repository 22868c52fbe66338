// A new guideline version's whole life: drafted from H24.3, put out for public comment,
// commented on by anyone, moderated, answered and published; and everything refused on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorCodes, globalId, rowId, TestClient, type GraphQLResponse } from '../../test/client.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../../test/server.ts';

// The server's clock, moved by the tests (the comment period is judged against it).
let clock = new Date('2026-11-02T00:00:00Z');
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ now: () => clock });
});
afterAll(async () => {
  await platform?.close();
});

const db = () => platform.database.prisma;

async function signedIn(email: string): Promise<TestClient> {
  const client = new TestClient(platform.url);
  dataOf(await client.signIn(email, TEST_PASSWORD));
  return client;
}

function from(address: string, client = new TestClient(platform.url)): TestClient {
  client.extraHeaders['x-forwarded-for'] = address;
  return client;
}

const CREATE = `mutation C($input: CreateGuidelineDraftInput!) {
  createGuidelineDraft(input: $input) { id code status sections { id number title } principles(first: 20) { edges { node { key position name } } } }
}`;
const OPEN = `mutation O($input: OpenPublicCommentInput!) { openPublicComment(input: $input) { id status commentPeriod } }`;
const SUBMIT = `mutation S($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id submittedAt } }`;
const MODERATE = `mutation M($input: ModeratePublicCommentInput!) { moderatePublicComment(input: $input) { id status } }`;
const RESPOND = `mutation R($input: RespondToPublicCommentInput!) { respondToPublicComment(input: $input) { id response } }`;
const PUBLISH = `mutation P($input: PublishGuidelineVersionInput!) { publishGuidelineVersion(input: $input) { id status publishedAt supersedes { code status } } }`;
const UPDATE = `mutation U($input: UpdateGuidelineDraftInput!) { updateGuidelineDraft(input: $input) { id aim } }`;
const SECTION = `mutation U($input: UpdateGuidelineSectionInput!) { updateGuidelineSection(input: $input) { id body } }`;
const UPSERT = `mutation U($input: UpsertPrincipleInput!) { upsertPrinciple(input: $input) { id key position name } }`;
const REMOVE = `mutation R($input: RemovePrincipleInput!) { removePrinciple(input: $input) { id } }`;

type Draft = {
  id: string;
  code: string;
  status: string;
  sections: { id: string; number: number; title: string }[];
  principles: { edges: { node: { key: string; position: number; name: string } }[] };
};

async function createDraft(code: string): Promise<Draft> {
  const admin = await signedIn('admin@example.jp');
  return dataOf(
    await admin.request<{ createGuidelineDraft: Draft }>(CREATE, {
      input: { code, title: `区役所サービス向上指針（${code}）`, titleEn: `Guidelines (${code})` },
    }),
  ).createGuidelineDraft;
}

/** Everything the guideline tables hold, to show a refused write changed nothing. */
async function snapshot() {
  return JSON.stringify([
    await db().guidelineVersion.findMany({ orderBy: { id: 'asc' } }),
    await db().guidelineSection.findMany({ orderBy: { id: 'asc' } }),
    await db().principle.findMany({ orderBy: { id: 'asc' } }),
    await db().publicComment.findMany({ orderBy: { id: 'asc' } }),
  ]);
}

describe('a guideline revision with public comment', () => {
  it('goes from draft through comment, moderation and responses to publication, superseding H24.3', async () => {
    clock = new Date('2026-11-02T00:00:00Z');
    let admin = await signedIn('admin@example.jp');
    const draft = await createDraft('R9.3');
    expect(draft.status).toBe('DRAFT');
    expect(draft.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const keys = draft.principles.edges.map((e) => e.node.key);
    const h243 = await db().principle.findMany({
      where: { version: { code: 'H24.3' } },
      orderBy: { position: 'asc' },
    });
    expect(keys).toEqual(h243.map((p) => p.key));

    // Drafting: the aim, a section and the principles change; H24.3 does not.
    dataOf(await admin.request(UPDATE, { input: { versionId: draft.id, aim: '新しいめざすもの' } }));
    dataOf(await admin.request(SECTION, { input: { sectionId: draft.sections[0]!.id, body: '改定案の本文' } }));
    const added = dataOf(
      await admin.request<{ upsertPrinciple: { position: number } }>(UPSERT, {
        input: {
          versionId: draft.id,
          key: 'DIGITAL_SERVICE',
          position: 1,
          name: 'デジタル',
          nameEn: 'Digital',
          text: '来庁しなくても済む手続を増やします。',
          textEn: 'We let people finish more procedures without coming to the office.',
        },
      }),
    ).upsertPrinciple;
    expect(added.position).toBe(1);
    dataOf(await admin.request(REMOVE, { input: { versionId: draft.id, key: keys[7] } }));
    const draftRow = await db().guidelineVersion.findUniqueOrThrow({
      where: { id: rowId(draft.id) },
      include: { principles: { orderBy: { position: 'asc' } } },
    });
    expect(draftRow.aim).toBe('新しいめざすもの');
    expect(draftRow.principles.map((p) => p.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(draftRow.principles.map((p) => p.key)).toEqual(['DIGITAL_SERVICE', ...keys.slice(0, 7)]);
    expect((await db().guidelineVersion.findUniqueOrThrow({ where: { code: 'H24.3' } })).aim).toBe(
      '市民に便利で快適なサービスを効率的、効果的かつ総合的に提供する区役所',
    );

    // Anonymous visitors cannot see the draft yet.
    const anonymous = new TestClient(platform.url);
    const hidden = await anonymous.request(`query { guidelineVersion(code: "R9.3") { id } }`);
    expect(errorCodes(hidden)).toEqual(['UNAUTHENTICATED']);

    // The comment period: 2026-11-09 00:00 JST to 2026-12-09 00:00 JST.
    const opened = dataOf(
      await admin.request<{ openPublicComment: { status: string; commentPeriod: string } }>(OPEN, {
        input: { versionId: draft.id, opensAt: '2026-11-08T15:00:00Z', closesAt: '2026-12-08T15:00:00Z' },
      }),
    ).openPublicComment;
    expect(opened).toMatchObject({ status: 'PUBLIC_COMMENT', commentPeriod: 'SCHEDULED' });
    // The text is frozen while the period is scheduled or open.
    expect(errorCodes(await admin.request(UPDATE, { input: { versionId: draft.id, aim: '変更' } }))).toEqual([
      'INVALID_STATE',
    ]);

    const section = draft.sections[4]!;
    const early = await from('203.0.113.10').request(SUBMIT, {
      input: { versionId: draft.id, body: '早すぎる意見' },
    });
    expect(errorCodes(early)).toEqual(['INVALID_STATE']);
    expect((early.body.errors![0]!.extensions!.messages as { ja: string }).ja).toContain('2026-11-09 00:00 JST');

    clock = new Date('2026-11-10T03:00:00Z');
    // Sessions end after 8 hours idle on the server's clock: sign in again after moving it.
    admin = await signedIn('admin@example.jp');
    const receipt = dataOf(
      await from('203.0.113.10').request<{ submitPublicComment: { id: string; submittedAt: string } }>(SUBMIT, {
        input: {
          versionId: draft.id,
          guidelineSectionId: section.id,
          body: '理念に「デジタル」を加えることに賛成です。',
          name: '川崎 太郎',
          email: 'taro@example.com',
        },
      }),
    ).submitPublicComment;
    expect(Object.keys(receipt).sort()).toEqual(['id', 'submittedAt']);
    const signedInCitizen = await signedIn('section.miyamae@example.jp');
    const second = dataOf(
      await from('203.0.113.11', signedInCitizen).request<{ submitPublicComment: { id: string } }>(SUBMIT, {
        input: { versionId: draft.id, body: '関係のない宣伝です。' },
      }),
    ).submitPublicComment;
    const stored = await db().publicComment.findUniqueOrThrow({ where: { id: rowId(receipt.id) } });
    expect(stored).toMatchObject({ status: 'PENDING', name: '川崎 太郎', guidelineSectionId: section.id });
    expect(stored.senderKey).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.senderKey).not.toContain('203.0.113.10');

    // Pending comments are for the policy department only.
    const LIST = `query L($code: String!) { guidelineVersion(code: $code) { publicComments(first: 50) { edges { node { id body status } } } } }`;
    type List = { guidelineVersion: { publicComments: { edges: { node: { id: string; status: string } }[] } } };
    const before = dataOf(await anonymous.request<List>(LIST, { code: 'R9.3' }));
    expect(before.guidelineVersion.publicComments.edges).toEqual([]);
    const staffView = dataOf(await (await signedIn('director@example.jp')).request<List>(LIST, { code: 'R9.3' }));
    expect(staffView.guidelineVersion.publicComments.edges).toEqual([]);
    expect(
      dataOf(await admin.request<List>(LIST, { code: 'R9.3' })).guidelineVersion.publicComments.edges,
    ).toHaveLength(2);
    const pendingById = await anonymous.request(`query N($id: ID!) { node(id: $id) { id } }`, { id: receipt.id });
    expect(errorCodes(pendingById)).toEqual(['UNAUTHENTICATED']);

    // Publishing is refused while the period is open.
    expect(errorCodes(await admin.request(PUBLISH, { input: { versionId: draft.id } }))).toEqual(['INVALID_STATE']);

    dataOf(await admin.request(MODERATE, { input: { id: receipt.id, decision: 'PUBLISH' } }));
    expect(errorCodes(await admin.request(MODERATE, { input: { id: second.id, decision: 'REJECT' } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    dataOf(
      await admin.request(MODERATE, { input: { id: second.id, decision: 'REJECT', reason: '指針と関係がないため' } }),
    );
    expect(errorCodes(await admin.request(MODERATE, { input: { id: second.id, decision: 'PUBLISH' } }))).toEqual([
      'INVALID_STATE',
    ]);
    expect(errorCodes(await admin.request(RESPOND, { input: { id: second.id, response: '回答' } }))).toEqual([
      'INVALID_STATE',
    ]);
    dataOf(
      await admin.request(RESPOND, {
        input: { id: receipt.id, response: 'ご意見を踏まえ、理念に「デジタル」を加えました。' },
      }),
    );

    // After the period: no more comments; the text may be revised; then it is published.
    clock = new Date('2026-12-08T15:00:00Z');
    admin = await signedIn('admin@example.jp');
    const late = await from('203.0.113.12').request(SUBMIT, { input: { versionId: draft.id, body: '遅れた意見' } });
    expect(errorCodes(late)).toEqual(['INVALID_STATE']);
    expect((late.body.errors![0]!.extensions!.messages as { en: string }).en).toContain(
      'closed on 2026-12-09 00:00 JST',
    );
    dataOf(await admin.request(UPDATE, { input: { versionId: draft.id, aim: '意見を反映しためざすもの' } }));

    clock = new Date('2027-03-15T01:00:00Z');
    admin = await signedIn('admin@example.jp');
    const published = dataOf(
      await admin.request<{
        publishGuidelineVersion: { status: string; supersedes: { code: string; status: string } };
      }>(PUBLISH, { input: { versionId: draft.id } }),
    ).publishGuidelineVersion;
    expect(published).toMatchObject({ status: 'PUBLISHED', supersedes: { code: 'H24.3', status: 'SUPERSEDED' } });
    const row = await db().guidelineVersion.findUniqueOrThrow({ where: { id: rowId(draft.id) } });
    expect(row.effectiveFiscalYear).toBe(2027);
    expect(row.revisedOn?.toISOString().slice(0, 10)).toBe('2027-03-01');
    expect(await db().auditRecord.count({ where: { subjectId: rowId(draft.id) } })).toBeGreaterThanOrEqual(5);

    // The public table: published comments with responses, never who sent them.
    const table = dataOf(
      await anonymous.request<{
        currentGuideline: {
          code: string;
          publicComments: { edges: { node: { body: string; response: string; section: { number: number } } }[] };
        };
      }>(
        `{ currentGuideline { code publicComments(first: 50) { edges { node { body response section { number } } } } } }`,
      ),
    ).currentGuideline;
    expect(table.code).toBe('R9.3');
    expect(table.publicComments.edges.map((e) => e.node)).toEqual([
      {
        body: '理念に「デジタル」を加えることに賛成です。',
        response: 'ご意見を踏まえ、理念に「デジタル」を加えました。',
        section: { number: 5 },
      },
    ]);
    const personal = await anonymous.request(
      `{ currentGuideline { publicComments(first: 5) { edges { node { name email } } } } }`,
    );
    expect(errorCodes(personal)).toContain('UNAUTHENTICATED');
    expect(JSON.stringify(personal.body)).not.toContain('川崎 太郎');
    expect(JSON.stringify(personal.body)).not.toContain('taro@example.com');

    const summary = dataOf(
      await admin.request<{ publicCommentSummary: Record<string, number> }>(
        `query S($id: ID!) { publicCommentSummary(versionId: $id) { total pending published rejected responded awaitingResponse } }`,
        { id: draft.id },
      ),
    ).publicCommentSummary;
    expect(summary).toEqual({ total: 2, pending: 0, published: 1, rejected: 1, responded: 1, awaitingResponse: 0 });
    expect(
      errorCodes(
        await anonymous.request(`query S($id: ID!) { publicCommentSummary(versionId: $id) { total } }`, {
          id: draft.id,
        }),
      ),
    ).toEqual(['UNAUTHENTICATED']);
  });
});

describe('the flood guard', () => {
  it('accepts five comments an hour from one address, refuses the sixth with a retry time, and counts addresses apart', async () => {
    clock = new Date('2027-05-01T00:00:00Z');
    const admin = await signedIn('admin@example.jp');
    const draft = await createDraft('FLOOD-1');
    dataOf(
      await admin.request(OPEN, {
        input: { versionId: draft.id, opensAt: '2027-05-01T00:00:00Z', closesAt: '2027-06-01T00:00:00Z' },
      }),
    );
    for (let i = 0; i < 5; i += 1) {
      clock = new Date(Date.UTC(2027, 4, 1, 0, i * 10));
      dataOf(await from('198.51.100.7').request(SUBMIT, { input: { versionId: draft.id, body: `意見 ${i}` } }));
    }
    clock = new Date('2027-05-01T00:50:00Z');
    const refused: GraphQLResponse = await from('198.51.100.7').request(SUBMIT, {
      input: { versionId: draft.id, body: '6件目' },
    });
    expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.body.errors![0]!.extensions).toMatchObject({
      retryAt: '2027-05-01T01:00:00.000Z',
      retryAfterSeconds: 600,
      messages: { ja: expect.stringContaining('10:00 JST'), en: expect.stringContaining('10:00 JST') },
    });
    expect(await db().publicComment.count({ where: { body: '6件目' } })).toBe(0);
    // Another address is not affected.
    dataOf(await from('198.51.100.8').request(SUBMIT, { input: { versionId: draft.id, body: '別の送信者' } }));
    // Once the oldest comment is an hour old, one more is accepted.
    clock = new Date('2027-05-01T01:00:00Z');
    dataOf(await from('198.51.100.7').request(SUBMIT, { input: { versionId: draft.id, body: '1時間後' } }));
  });
});

describe('the flood guard under concurrency', () => {
  it('accepts exactly five of eight comments sent at once from one address', async () => {
    clock = new Date('2027-05-01T12:00:00Z');
    const version = await db().guidelineVersion.findUniqueOrThrow({ where: { code: 'FLOOD-1' } });
    const versionId = globalId('GuidelineVersion', version.id);
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        from('198.51.100.99').request(SUBMIT, { input: { versionId, body: `同時送信 ${n}` } }),
      ),
    );
    const codes = responses.map((r) => (r.body.errors ? errorCodes(r)[0] : 'OK'));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(5);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(3);
    expect(await db().publicComment.count({ where: { body: { startsWith: '同時送信' } } })).toBe(5);
  });
});

describe('refusals', () => {
  it('validates comments: length, unknown version, a section of another version', async () => {
    clock = new Date('2027-05-02T00:00:00Z');
    const draft = (await db().guidelineVersion.findUniqueOrThrow({ where: { code: 'FLOOD-1' } })).id;
    const versionId = globalId('GuidelineVersion', draft);
    const client = from('192.0.2.1');
    expect(errorCodes(await client.request(SUBMIT, { input: { versionId, body: 'x'.repeat(4001) } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await client.request(SUBMIT, { input: { versionId, body: '   ' } }))).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(await client.request(SUBMIT, { input: { versionId, body: '意見', email: 'not-an-address' } })),
    ).toEqual(['BAD_USER_INPUT']);
    const unknown = globalId('GuidelineVersion', '01900000-0000-7000-8000-000000000000');
    expect(errorCodes(await client.request(SUBMIT, { input: { versionId: unknown, body: '意見' } }))).toEqual([
      'NOT_FOUND',
    ]);
    const h243Section = await db().guidelineSection.findFirstOrThrow({ where: { version: { code: 'H24.3' } } });
    expect(
      errorCodes(
        await client.request(SUBMIT, { input: { versionId, body: '意見', guidelineSectionId: h243Section.id } }),
      ),
    ).toEqual(['NOT_FOUND']);
    // A draft not out for comment is not found by anonymous visitors.
    const admin = await signedIn('admin@example.jp');
    const hidden = await createDraft('HIDDEN-1');
    expect(errorCodes(await client.request(SUBMIT, { input: { versionId: hidden.id, body: '意見' } }))).toEqual([
      'NOT_FOUND',
    ]);
    // Opening needs a period that closes after it opens.
    expect(
      errorCodes(
        await admin.request(OPEN, {
          input: { versionId: hidden.id, opensAt: '2027-06-01T00:00:00Z', closesAt: '2027-05-31T00:00:00Z' },
        }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(await admin.request(CREATE, { input: { code: 'HIDDEN-1', title: '重複', titleEn: 'Duplicate' } })),
    ).toEqual(['CONFLICT']);
  });

  it('refuses transitions out of order and edits of versions not open to change', async () => {
    clock = new Date('2027-05-02T00:00:00Z');
    const admin = await signedIn('admin@example.jp');
    const h243 = await db().guidelineVersion.findUniqueOrThrow({ where: { code: 'H24.3' } });
    const superseded = globalId('GuidelineVersion', h243.id);
    const before = await snapshot();
    expect(errorCodes(await admin.request(UPDATE, { input: { versionId: superseded, aim: '過去の版' } }))).toEqual([
      'INVALID_STATE',
    ]);
    expect(errorCodes(await admin.request(PUBLISH, { input: { versionId: superseded } }))).toEqual(['INVALID_STATE']);
    expect(
      errorCodes(
        await admin.request(OPEN, {
          input: { versionId: superseded, opensAt: '2027-06-01T00:00:00Z', closesAt: '2027-07-01T00:00:00Z' },
        }),
      ),
    ).toEqual(['INVALID_STATE']);
    // FLOOD-1 is already out for comment: it cannot be opened again, nor published before it closes.
    const flood = globalId(
      'GuidelineVersion',
      (await db().guidelineVersion.findUniqueOrThrow({ where: { code: 'FLOOD-1' } })).id,
    );
    expect(
      errorCodes(
        await admin.request(OPEN, {
          input: { versionId: flood, opensAt: '2027-06-01T00:00:00Z', closesAt: '2027-07-01T00:00:00Z' },
        }),
      ),
    ).toEqual(['INVALID_STATE']);
    expect(errorCodes(await admin.request(PUBLISH, { input: { versionId: flood } }))).toEqual(['INVALID_STATE']);
    expect(await snapshot()).toBe(before);

    // A principle linked to a target cannot be removed from a draft.
    const draft = await createDraft('LINKED-1');
    const principle = await db().principle.findFirstOrThrow({
      where: { versionId: rowId(draft.id), key: 'CITIZENS_PERSPECTIVE' },
    });
    const target = await db().improvementTarget.findFirstOrThrow({ orderBy: { id: 'asc' } });
    await db().targetPrinciple.create({ data: { targetId: target.id, principleId: principle.id } });
    const refused = await admin.request(REMOVE, { input: { versionId: draft.id, key: 'CITIZENS_PERSPECTIVE' } });
    expect(errorCodes(refused)).toEqual(['INVALID_STATE']);
    expect(await db().principle.count({ where: { id: principle.id } })).toBe(1);
    expect(errorCodes(await admin.request(REMOVE, { input: { versionId: draft.id, key: 'NO_SUCH_KEY' } }))).toEqual([
      'NOT_FOUND',
    ]);
  });

  type Attempt = { name: string; query: string; input: (ids: Ids) => Record<string, unknown> };
  type Ids = { draft: string; section: string; pending: string; published: string };
  const ATTEMPTS: Attempt[] = [
    { name: 'createGuidelineDraft', query: CREATE, input: () => ({ code: 'X-1', title: '無断', titleEn: 'No' }) },
    { name: 'updateGuidelineDraft', query: UPDATE, input: (ids) => ({ versionId: ids.draft, aim: '改ざん' }) },
    { name: 'updateGuidelineSection', query: SECTION, input: (ids) => ({ sectionId: ids.section, body: '改ざん' }) },
    {
      name: 'upsertPrinciple',
      query: UPSERT,
      input: (ids) => ({ versionId: ids.draft, key: 'X', name: 'x', nameEn: 'x', text: 'x', textEn: 'x' }),
    },
    { name: 'removePrinciple', query: REMOVE, input: (ids) => ({ versionId: ids.draft, key: 'CITIZENS_PERSPECTIVE' }) },
    {
      name: 'openPublicComment',
      query: OPEN,
      input: (ids) => ({ versionId: ids.draft, opensAt: '2027-06-01T00:00:00Z', closesAt: '2027-07-01T00:00:00Z' }),
    },
    { name: 'publishGuidelineVersion', query: PUBLISH, input: (ids) => ({ versionId: ids.draft }) },
    { name: 'moderatePublicComment', query: MODERATE, input: (ids) => ({ id: ids.pending, decision: 'PUBLISH' }) },
    { name: 'respondToPublicComment', query: RESPOND, input: (ids) => ({ id: ids.published, response: '回答' }) },
  ];
  const ROLES: [string, string | null][] = [
    ['anonymous', null],
    ['section member (中原区)', 'section.nakahara@example.jp'],
    ['section member (宮前区)', 'section.miyamae@example.jp'],
    ['committee member (中原区)', 'committee.nakahara@example.jp'],
    ['committee member (宮前区)', 'committee.miyamae@example.jp'],
    ['ward mayor (中原区)', 'mayor.nakahara@example.jp'],
    ['ward mayor (宮前区)', 'mayor.miyamae@example.jp'],
    ['director', 'director@example.jp'],
  ];

  it('lets only the policy department draft, open, publish, moderate and respond (every role, nothing changes)', async () => {
    clock = new Date('2027-05-02T00:00:00Z');
    const draft = await createDraft('MATRIX-1');
    const flood = await db().guidelineVersion.findUniqueOrThrow({ where: { code: 'FLOOD-1' } });
    const [pending, toPublish] = await db().publicComment.findMany({
      where: { versionId: flood.id },
      orderBy: { submittedAt: 'asc' },
      take: 2,
    });
    await db().publicComment.update({ where: { id: toPublish!.id }, data: { status: 'PUBLISHED' } });
    const ids: Ids = {
      draft: draft.id,
      section: draft.sections[0]!.id,
      pending: globalId('PublicComment', pending!.id),
      published: globalId('PublicComment', toPublish!.id),
    };
    const before = await snapshot();
    for (const [role, email] of ROLES) {
      const client = email ? await signedIn(email) : new TestClient(platform.url);
      for (const attempt of ATTEMPTS) {
        const response = await client.request(attempt.query, { input: attempt.input(ids) });
        const expected = email ? ['FORBIDDEN'] : ['UNAUTHENTICATED'];
        // Staff may read drafts, so they learn they lack permission; pending comments stay unseen.
        const codes = errorCodes(response);
        expect({ role, mutation: attempt.name, codes }).toEqual({
          role,
          mutation: attempt.name,
          codes: attempt.name === 'moderatePublicComment' && email ? ['NOT_FOUND'] : expected,
        });
      }
    }
    expect(await snapshot()).toBe(before);
  });
});
