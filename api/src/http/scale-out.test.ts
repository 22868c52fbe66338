// Several api instances on one PostgreSQL database and one Redis: real HTTP servers on
// ephemeral ports, real graphql-ws sockets, a real redis-server this file starts and kills.
// Runs in the PostgreSQL pass only (SHISHIN_TEST_DB=postgres; vitest.config.ts leaves it out of
// the embedded one); with CI=true a missing Redis or redis-server fails the suite instead of
// skipping it.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, openDatabase, type Database } from '@shishin/prisma';
import { seed } from '@shishin/prisma/seed';
import { dataOf, globalId, TestClient } from '../test/client.ts';
import { fastHash, TEST_PASSWORD } from '../test/server.ts';
import { startServer, type RunningServer, type ServerOptions } from './server.ts';

const REDIS_URL = process.env.SHISHIN_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const postgres = process.env.SHISHIN_TEST_DB === 'postgres';

async function redisReachable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

// Outside CI a developer without Redis may skip; CI must not hide a missing service.
const runnable = postgres && (process.env.CI === 'true' || (await redisReachable()));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean | Promise<boolean>, tries = 200): Promise<void> {
  for (let i = 0; i < tries && !(await condition()); i += 1) await pause(50);
}

interface Instance {
  server: RunningServer;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

let primary: Database;
const instances: Instance[] = [];
const prefix = `shishin-test:${randomUUID()}:`;

async function startInstance(options: Partial<ServerOptions> = {}): Promise<Instance> {
  const database = await openDatabase({ url: primary.url, migrate: false, log: () => {} });
  const server = await startServer({ database, log: () => {}, ...options });
  let stopped = false;
  const instance: Instance = {
    server,
    database,
    url: server.url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await database.close();
    },
  };
  instances.push(instance);
  return instance;
}

async function session(url: string, email: string): Promise<TestClient> {
  const client = new TestClient(url);
  dataOf(await client.signIn(email, TEST_PASSWORD));
  return client;
}

/** A target of Nakahara ward in review: its committee may comment on it. */
async function nakaharaTarget(): Promise<string> {
  const m = await primary.prisma.membership.findFirstOrThrow({
    where: { user: { email: 'section.nakahara@example.jp' }, role: 'SECTION_MEMBER' },
  });
  const row = await primary.prisma.improvementTarget.create({
    data: { sectionId: m.sectionId!, fiscalYear: 2026, state: 'IN_REVIEW', title: '窓口案内の改善', description: '' },
  });
  return globalId('ImprovementTarget', row.id);
}

const ADD = `mutation A($input: AddCommentInput!) { addComment(input: $input) { id } }`;
const WATCH = `subscription S($id: ID!) { commentEvents(subjectId: $id) { change comment { body } } }`;
const CHANGES = `query C($after: ID) { changesSince(after: $after) {
  changes { eventId topic change subjectType subjectId } lastEventId hasMore expired } }`;

interface Received {
  body: string;
  eventId: string | undefined;
}

interface Watcher {
  received: Received[];
  closeCodes: number[];
  client: Client;
  bodies(): string[];
}

function watch(url: string, cookie: string | undefined, subjectId: string): Watcher {
  const received: Received[] = [];
  const closeCodes: number[] = [];
  const client = createClient({
    url: `${url.replace('http', 'ws')}/graphql`,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: cookie ? { cookie } : {} });
      }
    },
    retryAttempts: 0,
    on: { closed: (event) => closeCodes.push((event as { code: number }).code) },
  });
  client.subscribe(
    { query: WATCH, variables: { id: subjectId } },
    {
      next: (result) => {
        const event = (result.data as { commentEvents?: { comment: { body: string } } } | undefined)?.commentEvents;
        if (event)
          received.push({
            body: event.comment.body,
            eventId: (result.extensions as { eventId?: string } | undefined)?.eventId,
          });
      },
      error: () => {},
      complete: () => {},
    },
  );
  return { received, closeCodes, client, bodies: () => received.map((r) => r.body) };
}

/** Comments until every watcher has had an event: their subscriptions are listening. */
async function untilListening(writer: TestClient, subjectId: string, watchers: Watcher[]): Promise<void> {
  for (let attempt = 0; attempt < 50 && watchers.some((w) => w.received.length === 0); attempt += 1) {
    dataOf(await writer.request(ADD, { input: { subjectId, body: `準備 ${attempt}` } }));
    await pause(150);
  }
  expect(watchers.map((w) => w.received.length > 0)).toEqual(watchers.map(() => true));
}

beforeAll(async () => {
  if (!runnable) return;
  primary = await createTestDatabase('postgres');
  await seed(primary.prisma, { sample: true, hashPassword: fastHash, samplePassword: TEST_PASSWORD });
});

afterAll(async () => {
  for (const instance of instances.reverse()) await instance.stop().catch(() => {});
  if (!runnable) return;
  await primary?.close();
  // Leave the shared Redis as it was found.
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
});

describe.skipIf(!runnable)('three instances on one database and one Redis', () => {
  let a: Instance;
  let b: Instance;
  let c: Instance;
  beforeAll(async () => {
    [a, b, c] = (await Promise.all(
      [1, 2, 3].map(() => startInstance({ redisUrl: REDIS_URL, redisPrefix: prefix })),
    )) as [Instance, Instance, Instance];
  });

  it('delivers a mutation on instance A to a subscriber on instance C, with the event id', async () => {
    const subject = await nakaharaTarget();
    const writer = await session(a.url, 'committee.nakahara@example.jp');
    const reader = await session(c.url, 'chair.nakahara@example.jp');
    const watcher = watch(c.url, reader.cookie, subject);
    await untilListening(writer, subject, [watcher]);

    dataOf(await writer.request(ADD, { input: { subjectId: subject, body: 'A から C へ' } }));
    await until(() => watcher.bodies().includes('A から C へ'));
    const event = watcher.received.find((r) => r.body === 'A から C へ')!;
    expect(event).toBeDefined();
    expect(event.eventId).toMatch(/^\d+$/);
    // Ids increase in the order events happened.
    const ids = watcher.received.map((r) => BigInt(r.eventId!));
    expect([...ids].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(ids);
    await watcher.client.dispose();
  });

  it('shares one query budget across instances', async () => {
    // Costly enough (about 30,000 points, by the document alone) that what refills between two
    // requests on a slow machine (about 140 points a second) cannot hide a charge.
    const query = '{ wards(first: 100) { edges { node { id sections(first: 100) { edges { node { id } } } } } } }';
    const anonymousA = new TestClient(a.url);
    const anonymousB = new TestClient(b.url);
    const first = await anonymousA.request(query);
    const second = await anonymousB.request(query);
    const third = await anonymousA.request(query);
    const remaining = [first, second, third].map((r) => Number(r.headers.get('x-ratelimit-remaining')));
    // Each instance charges the same bucket: what B reports already has A's cost taken off.
    expect(remaining[1]).toBeLessThan(remaining[0]!);
    expect(remaining[2]).toBeLessThan(remaining[1]!);
  });

  it('counts sign-in failures for one account across instances', async () => {
    const clients = [a, b, c].map((instance) => new TestClient(instance.url));
    for (let i = 0; i < 10; i += 1) {
      const outcome = dataOf(await clients[i % 3]!.signIn('section.miyamae@example.jp', `wrong-${i}`)).signIn;
      expect(outcome.__typename).toBe('InvalidCredentialsError');
    }
    // Ten failures spread over three instances: the eleventh try is refused wherever it lands.
    const refused = dataOf(await clients[1]!.signIn('section.miyamae@example.jp', TEST_PASSWORD)).signIn;
    expect(refused).toMatchObject({ __typename: 'TooManyAttemptsError', code: 'TOO_MANY_ATTEMPTS' });
  });

  it('reports database and Redis reachability on /readyz', async () => {
    const response = await fetch(`${b.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'ok', redis: 'ok' });
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A redis-server of this test's own, without persistence, so it can be killed and restarted. */
async function startOwnRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const failed = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new Error(`redis-server could not start: ${error.message}`))),
  );
  const url = `redis://127.0.0.1:${port}`;
  await Promise.race([
    failed,
    (async () => {
      for (let i = 0; i < 100; i += 1) {
        const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        probe.on('error', () => {});
        try {
          await probe.connect();
          await probe.ping();
          return;
        } catch {
          await pause(50);
        } finally {
          probe.disconnect();
        }
      }
      throw new Error('redis-server did not answer');
    })(),
  ]);
  return child;
}

async function stopOwnRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe.skipIf(!runnable)('a Redis restart in the middle', () => {
  let port: number;
  let redis: ChildProcess;
  let d: Instance;
  let e: Instance;
  beforeAll(async () => {
    port = await freePort();
    redis = await startOwnRedis(port);
    const url = `redis://127.0.0.1:${port}`;
    [d, e] = (await Promise.all([1, 2].map(() => startInstance({ redisUrl: url, redisPrefix: prefix })))) as [
      Instance,
      Instance,
    ];
  });
  afterAll(async () => {
    if (redis) await stopOwnRedis(redis);
  });

  it('answers /readyz 503 while Redis is down; events flow again after, and changesSince lists what was missed', async () => {
    const subject = await nakaharaTarget();
    const writer = await session(d.url, 'committee.nakahara@example.jp');
    const reader = await session(e.url, 'chair.nakahara@example.jp');
    const outsider = await session(e.url, 'section.miyamae@example.jp');
    const watcher = watch(e.url, reader.cookie, subject);
    await untilListening(writer, subject, [watcher]);
    dataOf(await writer.request(ADD, { input: { subjectId: subject, body: '停止前' } }));
    await until(() => watcher.bodies().includes('停止前'));
    const lastSeen = watcher.received.at(-1)!.eventId!;

    await stopOwnRedis(redis);
    await until(async () => (await fetch(`${d.url}/readyz`)).status === 503);
    const down = await fetch(`${d.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'unavailable', database: 'ok', redis: 'unreachable' });

    // Written while no event can cross between the instances.
    const missed = dataOf(
      await writer.request<{ addComment: { id: string } }>(ADD, { input: { subjectId: subject, body: '停止中' } }),
    ).addComment.id;

    redis = await startOwnRedis(port);
    await until(
      async () => (await fetch(`${d.url}/readyz`)).status === 200 && (await fetch(`${e.url}/readyz`)).status === 200,
    );
    expect((await fetch(`${e.url}/readyz`)).status).toBe(200);

    // The instance that could not hear Redis re-reads the change feed on reconnecting, so its
    // subscriber receives the missed event too.
    await until(() => watcher.bodies().includes('停止中'));
    expect(watcher.bodies()).toContain('停止中');

    dataOf(await writer.request(ADD, { input: { subjectId: subject, body: '再開後' } }));
    await until(() => watcher.bodies().includes('再開後'));
    expect(watcher.bodies()).toContain('再開後');

    // The catch-up query, on the other instance, names what changed after the last id seen.
    const feed = dataOf(
      await reader.request<{
        changesSince: {
          changes: { eventId: string; topic: string; change: string; subjectType: string; subjectId: string }[];
          lastEventId: string;
          hasMore: boolean;
          expired: boolean;
        };
      }>(CHANGES, { after: lastSeen }),
    ).changesSince;
    expect(feed.expired).toBe(false);
    const comments = feed.changes.filter((change) => change.topic === 'COMMENT_CHANGED');
    expect(comments.map((change) => change.subjectId)).toContain(missed);
    expect(comments.find((change) => change.subjectId === missed)).toMatchObject({
      change: 'ADDED',
      subjectType: 'Comment',
    });
    expect(feed.changes.every((change) => BigInt(change.eventId) > BigInt(lastSeen))).toBe(true);
    // Another ward's staff member is not told of these comments, exactly as their subscription would not.
    const theirs = dataOf(
      await outsider.request<{ changesSince: { changes: { subjectId: string }[] } }>(CHANGES, { after: lastSeen }),
    ).changesSince.changes.map((change) => change.subjectId);
    expect(theirs).not.toContain(missed);
    await watcher.client.dispose();
  });
});

describe.skipIf(!runnable)('graceful shutdown', () => {
  it('answers /readyz 503, closes subscription sockets with 1012 and finishes a request in flight', async () => {
    const f = await startInstance({ redisUrl: REDIS_URL, redisPrefix: prefix, shutdownDelayMs: 500 });
    const subject = await nakaharaTarget();
    const writer = await session(f.url, 'committee.nakahara@example.jp');
    const watcher = watch(f.url, writer.cookie, subject);
    await untilListening(writer, subject, [watcher]);

    // A request in flight: headers and half of the body sent, the rest after shutdown began.
    const body = JSON.stringify({ query: '{ wards(first: 1) { edges { node { id } } } }' });
    const half = Math.floor(body.length / 2);
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        `${f.url}/graphql`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-shishin-csrf': '1',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, half));
      setTimeout(() => req.end(body.slice(half)), 800);
    });
    await pause(100);

    const stopped = f.stop();
    await pause(100);
    const ready = await fetch(`${f.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'shutting down' });

    const answer = await response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({
      data: { wards: { edges: [{ node: { id: expect.any(String) } }] } },
    });
    await stopped;
    await until(() => watcher.closeCodes.length > 0);
    expect(watcher.closeCodes).toEqual([1012]);
  });
});
