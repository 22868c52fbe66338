// One execution per subscription event and permission class, over the real server and real
// WebSocket connections: sharing never mixes up what two different viewers may see.
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import { buildSchema, GraphQLError, parse } from 'graphql';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, globalId, TestClient } from '../test/client.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../test/server.ts';
import { sharedResult, sharedSubscriptions } from './subscription-execution.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.close();
});

async function session(email: string): Promise<TestClient> {
  const client = new TestClient(platform.url);
  dataOf(await client.signIn(email, TEST_PASSWORD));
  return client;
}

async function nakaharaTarget(state: 'IN_REVIEW' | 'PUBLISHED') {
  const db = platform.database.prisma;
  const m = await db.membership.findFirstOrThrow({
    where: { user: { email: 'section.nakahara@example.jp' }, role: 'SECTION_MEMBER' },
  });
  const row = await db.improvementTarget.create({
    data: { sectionId: m.sectionId!, fiscalYear: 2026, state, title: '案内表示の改善', description: '' },
  });
  return { ...row, gid: globalId('ImprovementTarget', row.id) };
}

const ADD = `mutation A($input: AddCommentInput!) { addComment(input: $input) { id } }`;
const WATCH = `subscription S($id: ID!) { commentEvents(subjectId: $id) { change comment { body viewerCanEdit
  viewerCanResolve author { displayName memberships { role } } } } }`;

type Event = {
  change: string;
  comment: {
    body: string;
    viewerCanEdit: boolean;
    viewerCanResolve: boolean;
    author: { displayName: string; memberships: { role: string }[] } | null;
  };
};

type ExecutionResult = FormattedExecutionResult<Record<string, unknown>, unknown>;

interface Watcher {
  results: ExecutionResult[];
  /** Results of events whose comment has this body. */
  about(body: string): ExecutionResult[];
  client: Client;
}

function watch(cookie: string | undefined, subjectId: string): Watcher {
  const client = createClient({
    url: `${platform.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: cookie ? { cookie } : {} });
      }
    },
    retryAttempts: 0,
  });
  const results: ExecutionResult[] = [];
  client.subscribe(
    { query: WATCH, variables: { id: subjectId } },
    {
      next: (result) => results.push(result),
      error: (error) => results.push({ errors: [error as never] }),
      complete: () => {},
    },
  );
  return {
    results,
    client,
    about: (body) =>
      results.filter(
        (r) => (r.data as { commentEvents?: Event } | null | undefined)?.commentEvents?.comment.body === body,
      ),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Comments until every watcher has received at least one event: all subscriptions listen. */
async function untilListening(writer: TestClient, subjectId: string, watchers: Watcher[]) {
  for (let attempt = 0; attempt < 50 && watchers.some((w) => w.results.length === 0); attempt += 1) {
    dataOf(await writer.request(ADD, { input: { subjectId, body: `準備 ${attempt}` } }));
    await pause(100);
  }
  expect(watchers.map((w) => w.results.length > 0)).toEqual(watchers.map(() => true));
  // Let every warm-up event finish its way through all watchers before counting.
  await pause(300);
}

async function until(condition: () => boolean) {
  for (let attempt = 0; attempt < 100 && !condition(); attempt += 1) await pause(50);
}

describe('subscription events executed once per permission class', () => {
  it('gives two sessions of one user the same result, and other users a result of their own permissions', async () => {
    const target = await nakaharaTarget('IN_REVIEW');
    const authorA = await session('committee.nakahara@example.jp');
    const authorB = await session('committee.nakahara@example.jp');
    const chair = await session('chair.nakahara@example.jp');
    const section = await session('section.nakahara@example.jp');
    const watchers = [authorA, authorB, chair, section].map((s) => watch(s.cookie, target.gid));
    const [a, b, c, d] = watchers as [Watcher, Watcher, Watcher, Watcher];
    await untilListening(authorA, target.gid, watchers);

    const before = { ...platform.server.subscriptionMetrics };
    const body = '掲示の文字を大きくしてはどうでしょう。';
    dataOf(await authorA.request(ADD, { input: { subjectId: target.gid, body } }));
    await until(() => watchers.every((w) => w.about(body).length > 0));
    await pause(200);
    const after = platform.server.subscriptionMetrics;

    // Four subscribers, three permission classes (the author's two sessions share one).
    expect(after.deliveries - before.deliveries).toBe(4);
    expect(after.executions - before.executions).toBe(3);

    const [ra, rb, rc, rd] = [a, b, c, d].map((w) => {
      expect(w.about(body)).toHaveLength(1);
      return w.about(body)[0]!;
    }) as [ExecutionResult, ExecutionResult, ExecutionResult, ExecutionResult];
    expect(rb).toEqual(ra);
    const event = (r: ExecutionResult) => (r.data as { commentEvents: Event }).commentEvents;
    // The author sees their own comment as editable and their own memberships.
    expect(ra.errors).toBeUndefined();
    expect(event(ra).comment).toMatchObject({
      body,
      viewerCanEdit: true,
      viewerCanResolve: true,
      author: { displayName: '佐藤 由美', memberships: [{ role: 'COMMITTEE_MEMBER' }] },
    });
    // The chair may resolve it but not edit it, and may not read the author's memberships:
    // that error is the chair's alone.
    expect(event(rc).comment).toMatchObject({ body, viewerCanEdit: false, viewerCanResolve: true, author: null });
    expect(rc.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([
      ['FORBIDDEN', ['commentEvents', 'comment', 'author', 'memberships']],
    ]);
    // The section's staff may resolve it (their section's target), not edit it.
    expect(event(rd).comment).toMatchObject({ body, viewerCanEdit: false, viewerCanResolve: true, author: null });
    await Promise.all(watchers.map((w) => w.client.dispose()));
  });

  it('sends nothing to a subscriber who may no longer read the subject, and executes nothing for them', async () => {
    const target = await nakaharaTarget('PUBLISHED');
    const member = await session('committee.nakahara@example.jp');
    // Another ward's staff read the comments of a published target…
    const outsider = await session('committee.miyamae@example.jp');
    const inside = watch(member.cookie, target.gid);
    const outside = watch(outsider.cookie, target.gid);
    await untilListening(member, target.gid, [inside, outside]);
    // …until it is no longer published.
    await platform.database.prisma.improvementTarget.update({ where: { id: target.id }, data: { state: 'IN_REVIEW' } });
    const seenOutside = outside.results.length;

    const before = { ...platform.server.subscriptionMetrics };
    const bodies = ['一件目', '二件目'];
    for (const body of bodies) {
      dataOf(await member.request(ADD, { input: { subjectId: target.gid, body } }));
      await until(() => inside.about(body).length > 0);
    }
    await pause(300);
    const after = platform.server.subscriptionMetrics;

    expect(bodies.map((body) => inside.about(body).length)).toEqual([1, 1]);
    expect(outside.results.length).toBe(seenOutside);
    expect(after.deliveries - before.deliveries).toBe(2);
    expect(after.executions - before.executions).toBe(2);
    await Promise.all([inside.client.dispose(), outside.client.dispose()]);
  });
});

describe('the shared result of an event', () => {
  it('runs once per event and key, and separately for another key or another event', async () => {
    let runs = 0;
    const run = () => ({ data: { n: (runs += 1) } });
    const event = {};
    const first = await Promise.all([sharedResult(event, 'a', run), sharedResult(event, 'a', run)]);
    expect(first.map((r) => r.data)).toEqual([{ n: 1 }, { n: 1 }]);
    expect((await sharedResult(event, 'a', run)).data).toEqual({ n: 1 });
    expect((await sharedResult(event, 'b', run)).data).toEqual({ n: 2 });
    expect((await sharedResult({}, 'a', run)).data).toEqual({ n: 3 });
  });

  it('does not keep a failed execution: a rejected one or one with errors runs again for the next subscriber', async () => {
    const event = {};
    let runs = 0;
    await expect(
      sharedResult(event, 'k', () => {
        runs += 1;
        throw new Error('database gone');
      }),
    ).rejects.toThrow('database gone');
    const withErrors = await sharedResult(event, 'k', () => {
      runs += 1;
      return { data: null, errors: [new GraphQLError('transient')] };
    });
    expect(withErrors.errors).toHaveLength(1);
    const ok = await sharedResult(event, 'k', () => {
      runs += 1;
      return { data: { ok: true } };
    });
    expect(ok.data).toEqual({ ok: true });
    expect(runs).toBe(3);
  });
});

describe('an event refused after its check', () => {
  // The subscribe resolver authorised each event, but the record can change before the payload
  // is read: a payload refused as a whole is dropped, a partly refused one is delivered.
  const schema = buildSchema(`
    type Query { ok: Boolean }
    type Item { title: String! secret: String }
    type Subscription { itemChanged: Item! }
  `);
  const refused = (code: string) => new GraphQLError('refused', { extensions: { code } });
  const events = [
    { title: refused('FORBIDDEN'), secret: 'x' },
    { title: '読める', secret: refused('FORBIDDEN') },
    { title: refused('INTERNAL_SERVER_ERROR'), secret: null },
    { title: '最後', secret: null },
  ];
  const fieldResolver = (
    source: Record<string, unknown>,
    _args: unknown,
    _ctx: unknown,
    info: { fieldName: string },
  ) => {
    const value = source[info.fieldName];
    if (value instanceof GraphQLError) throw value;
    return value;
  };
  const subscriptionResolvers = {
    subscribe: async function* () {
      for (const event of events) yield event;
    },
    resolve: (event: unknown) => event,
  };
  Object.assign(schema.getSubscriptionType()!.getFields().itemChanged!, subscriptionResolvers);

  it('drops a payload refused as a whole, delivers partly refused and other failed ones', async () => {
    const shared = sharedSubscriptions({
      contextFor: (viewer, locale) => ({ viewer, locale }) as never,
      formatResult: (result) => result,
    });
    const stream = await shared.subscribe({
      schema,
      document: parse('subscription { itemChanged { title secret } }'),
      contextValue: { viewer: { permissionClass: 'test' }, locale: 'ja' },
      fieldResolver: fieldResolver as never,
    });
    const received: unknown[] = [];
    for await (const result of stream as AsyncGenerator<{ data?: unknown; errors?: unknown[] }>) {
      received.push(result.data ?? `errors: ${result.errors?.length}`);
    }
    expect(received).toEqual([
      { itemChanged: { title: '読める', secret: null } },
      'errors: 1',
      { itemChanged: { title: '最後', secret: null } },
    ]);
    expect(shared.metrics.deliveries).toBe(3);
  });
});
