// Live events of a guideline revision over the real WebSocket server: staff see drafts change,
// anyone sees what is public, and public visitors never receive an unmoderated comment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, TestClient } from '../../test/client.ts';
import { eventually, subscribe } from '../../test/live.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../../test/server.ts';

let clock = new Date('2027-05-10T00:00:00Z');
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ now: () => clock });
});
afterAll(async () => {
  await platform?.close();
});

async function signedIn(email: string): Promise<TestClient> {
  const client = new TestClient(platform.url);
  dataOf(await client.signIn(email, TEST_PASSWORD));
  return client;
}

const CREATE = `mutation C($input: CreateGuidelineDraftInput!) { createGuidelineDraft(input: $input) { id } }`;
const UPDATE = `mutation U($input: UpdateGuidelineDraftInput!) { updateGuidelineDraft(input: $input) { id } }`;
const OPEN = `mutation O($input: OpenPublicCommentInput!) { openPublicComment(input: $input) { id } }`;
const PUBLISH = `mutation P($input: PublishGuidelineVersionInput!) { publishGuidelineVersion(input: $input) { id } }`;
const SUBMIT = `mutation S($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }`;
const MODERATE = `mutation M($input: ModeratePublicCommentInput!) { moderatePublicComment(input: $input) { id } }`;
const RESPOND = `mutation R($input: RespondToPublicCommentInput!) { respondToPublicComment(input: $input) { id } }`;

async function draft(admin: TestClient, code: string): Promise<string> {
  return dataOf(
    await admin.request<{ createGuidelineDraft: { id: string } }>(CREATE, {
      input: { code, title: `指針（${code}）`, titleEn: `Guidelines (${code})` },
    }),
  ).createGuidelineDraft.id;
}

type VersionEvent = { change: string; version: { code: string; status: string } };
const VERSIONS = `subscription { guidelineVersionChanged { change version { code status } } }`;

describe('guidelineVersionChanged', () => {
  it('tells staff of drafts and edits, tells anyone of the comment period and publication, and opens and closes the period on time', async () => {
    clock = new Date('2027-05-10T00:00:00Z');
    const admin = await signedIn('admin@example.jp');
    const staff = await subscribe<VersionEvent>(
      platform.url,
      { cookie: (await signedIn('director@example.jp')).cookie },
      VERSIONS,
    );
    const visitor = await subscribe<VersionEvent>(platform.url, {}, VERSIONS);

    const id = await draft(admin, 'LIVE-1');
    dataOf(await admin.request(UPDATE, { input: { versionId: id, aim: '改定中のめざすもの' } }));
    await eventually(() => staff.events.length >= 2);
    expect(staff.events).toEqual([
      { change: 'CREATED', version: { code: 'LIVE-1', status: 'DRAFT' } },
      { change: 'EDITED', version: { code: 'LIVE-1', status: 'DRAFT' } },
    ]);

    // The period opens 0.8 s and closes 1.6 s after the server's clock: no write happens then.
    const opensAt = new Date(clock.getTime() + 800);
    const closesAt = new Date(clock.getTime() + 1600);
    dataOf(await admin.request(OPEN, { input: { versionId: id, opensAt, closesAt } }));
    await eventually(() => visitor.events.some((e) => e.change === 'COMMENT_PERIOD_CLOSED'));

    clock = new Date(closesAt.getTime() + 60_000);
    const later = await signedIn('admin@example.jp');
    dataOf(await later.request(PUBLISH, { input: { versionId: id } }));
    await eventually(() => visitor.events.some((e) => e.change === 'PUBLISHED'));

    const publicChanges = [
      'PUT_OUT_FOR_COMMENT',
      'COMMENT_PERIOD_OPENED',
      'COMMENT_PERIOD_CLOSED',
      'SUPERSEDED',
      'PUBLISHED',
    ];
    // An anonymous visitor never heard of the draft or its edits.
    expect(visitor.events.map((e) => e.change)).toEqual(publicChanges);
    expect(visitor.events.map((e) => e.version.code)).toEqual(['LIVE-1', 'LIVE-1', 'LIVE-1', 'H24.3', 'LIVE-1']);
    await eventually(() => staff.events.length >= 7);
    expect(staff.events.map((e) => e.change)).toEqual(['CREATED', 'EDITED', ...publicChanges]);
    await Promise.all([staff.dispose(), visitor.dispose()]);
  });

  it('refuses an anonymous subscription to a draft, and delivers nothing of it', async () => {
    const admin = await signedIn('admin@example.jp');
    const id = await draft(admin, 'LIVE-HIDDEN');
    const one = await subscribe<VersionEvent>(
      platform.url,
      {},
      `subscription S($id: ID!) { guidelineVersionChanged(versionId: $id) { change } }`,
      { id },
    );
    dataOf(await admin.request(UPDATE, { input: { versionId: id, aim: '非公開の案' } }));
    await eventually(() => one.errors.length > 0);
    expect(JSON.stringify(one.errors)).toContain('NOT_FOUND');
    expect(one.events).toEqual([]);
    await one.dispose();
  });
});

type CommentEvent = { change: string; comment: { body: string; status: string; response: string | null } };
const COMMENTS = `subscription S($id: ID!) { publicCommentChanged(versionId: $id) { change comment { body status response } } }`;

describe('publicCommentChanged', () => {
  it('gives moderators every submission and decision, and everyone else only published comments and responses', async () => {
    clock = new Date('2027-07-01T00:00:00Z');
    const admin = await signedIn('admin@example.jp');
    const id = await draft(admin, 'LIVE-2');
    dataOf(
      await admin.request(OPEN, {
        input: { versionId: id, opensAt: '2027-06-30T00:00:00Z', closesAt: '2027-07-31T00:00:00Z' },
      }),
    );
    const moderator = await subscribe<CommentEvent>(platform.url, { cookie: admin.cookie }, COMMENTS, { id });
    const director = await subscribe<CommentEvent>(
      platform.url,
      { cookie: (await signedIn('director@example.jp')).cookie },
      COMMENTS,
      { id },
    );
    const visitor = await subscribe<CommentEvent>(platform.url, {}, COMMENTS, { id });

    const citizen = new TestClient(platform.url);
    citizen.extraHeaders['x-forwarded-for'] = '203.0.113.50';
    const kept = dataOf(
      await citizen.request<{ submitPublicComment: { id: string } }>(SUBMIT, {
        input: { versionId: id, body: '窓口の案内をもっと早く改善してほしい。' },
      }),
    ).submitPublicComment.id;
    const spam = dataOf(
      await citizen.request<{ submitPublicComment: { id: string } }>(SUBMIT, {
        input: { versionId: id, body: '宣伝：格安の引っ越し業者はこちら' },
      }),
    ).submitPublicComment.id;
    await eventually(() => moderator.events.length >= 2);
    dataOf(await admin.request(MODERATE, { input: { id: spam, decision: 'REJECT', reason: '指針と関係がないため' } }));
    dataOf(await admin.request(MODERATE, { input: { id: kept, decision: 'PUBLISH' } }));
    dataOf(await admin.request(RESPOND, { input: { id: kept, response: '次の年度の目標で取り組みます。' } }));
    await eventually(() => moderator.events.length >= 5 && visitor.events.length >= 2 && director.events.length >= 2);

    expect(moderator.events.map((e) => e.change)).toEqual([
      'SUBMITTED',
      'SUBMITTED',
      'REJECTED',
      'PUBLISHED',
      'RESPONDED',
    ]);
    for (const subscriber of [visitor, director]) {
      // Each event carries the comment as it is when delivered (the response may already be there).
      expect(subscriber.events).toEqual([
        {
          change: 'PUBLISHED',
          comment: {
            body: '窓口の案内をもっと早く改善してほしい。',
            status: 'PUBLISHED',
            response: expect.toBeOneOf([null, '次の年度の目標で取り組みます。']),
          },
        },
        {
          change: 'RESPONDED',
          comment: {
            body: '窓口の案内をもっと早く改善してほしい。',
            status: 'PUBLISHED',
            response: '次の年度の目標で取り組みます。',
          },
        },
      ]);
      expect(JSON.stringify(subscriber.events)).not.toContain('宣伝');
      expect(subscriber.errors).toEqual([]);
    }
    await Promise.all([moderator.dispose(), director.dispose(), visitor.dispose()]);
  });
});
