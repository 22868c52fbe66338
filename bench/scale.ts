// `pnpm bench` (BENCH_ONLY=scale): subscription publish→receive latency with one instance
// (in-process delivery) beside three instances on one PostgreSQL database and one Redis
// (events cross through Redis pub/sub). Both setups run in this one process, on the same
// database, and events alternate between them, so both see the same machine.
//
// Each event is a real `addComment` mutation on the first instance; BENCH_SCALE_SUBSCRIBERS
// graphql-ws subscribers watch the comments of one target (spread round-robin over the
// instances of the setup). Latency is from the moment the service publishes the event (after
// its commit: `pubsub.publish`, wrapped here) to each subscriber's receipt, on this process's
// clock. It includes the change-feed insert (event-log.ts) both setups do.
//
// Needs PostgreSQL (TEST_DATABASE_ADMIN_URL or 127.0.0.1:5432) and Redis (BENCH_REDIS_URL,
// default redis://127.0.0.1:6379; keys under a prefix of this run, deleted after).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { createTestDatabase, openDatabase, type Database } from '@shishin/prisma';
import { seed } from '@shishin/prisma/seed';
import { hashPassword } from '../api/src/auth/password.ts';
import { startServer, type RunningServer } from '../api/src/http/server.ts';

const SUBSCRIBERS = Number(process.env.BENCH_SCALE_SUBSCRIBERS ?? 60);
const EVENTS = Number(process.env.BENCH_SCALE_EVENTS ?? 100);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const wallClock = () => performance.timeOrigin + performance.now();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

interface Setup {
  name: string;
  servers: RunningServer[];
  databases: Database[];
  clients: Client[];
  /** Instants the first server published comment events at. */
  published: number[];
  latencies: number[];
  onReceive?: (index: number) => void;
}

async function signIn(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shishin-csrf': '1' },
    body: JSON.stringify({
      query: 'mutation S($input: SignInInput!) { signIn(input: $input) { __typename } }',
      variables: { input: { email, password: 'bench' } },
    }),
  });
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('shishin_session='));
  if (!cookie) throw new Error(`sign-in failed for ${email}`);
  return cookie.split(';')[0]!;
}

async function comment(url: string, cookie: string, subjectId: string, body: string): Promise<void> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shishin-csrf': '1', cookie },
    body: JSON.stringify({
      query: 'mutation A($input: AddCommentInput!) { addComment(input: $input) { id } }',
      variables: { input: { subjectId, body } },
    }),
  });
  const json = (await response.json()) as { errors?: unknown };
  if (json.errors) throw new Error(`addComment failed: ${JSON.stringify(json.errors)}`);
}

async function setUp(
  name: string,
  primary: Database,
  instances: number,
  redis: { url: string; prefix: string } | undefined,
  subjectId: string,
): Promise<Setup & { writerCookie: string }> {
  const setup: Setup = { name, servers: [], databases: [], clients: [], published: [], latencies: [] };
  for (let i = 0; i < instances; i += 1) {
    const database =
      i === 0 && !redis ? primary : await openDatabase({ url: primary.url, migrate: false, log: () => {} });
    const server = await startServer({
      database,
      production: true,
      log: () => {},
      ...(redis ? { redisUrl: redis.url, redisPrefix: redis.prefix } : {}),
    });
    if (database !== primary) setup.databases.push(database);
    setup.servers.push(server);
  }
  const first = setup.servers[0]!;
  const publish = first.pubsub.publish.bind(first.pubsub);
  first.pubsub.publish = (topic, payload) => {
    if (topic === 'commentChanged') setup.published.push(wallClock());
    publish(topic, payload);
  };
  const readerCookie = await signIn(first.url, 'chair.nakahara@example.jp');
  for (let i = 0; i < SUBSCRIBERS; i += 1) {
    const server = setup.servers[i % setup.servers.length]!;
    class CookieSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { cookie: readerCookie } });
      }
    }
    const client = createClient({
      url: `${server.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: CookieSocket,
      retryAttempts: 0,
    });
    client.subscribe(
      {
        query: 'subscription S($id: ID!) { commentEvents(subjectId: $id) { change comment { body } } }',
        variables: { id: subjectId },
      },
      {
        next: () => setup.onReceive?.(i),
        error: (e) => console.error(`${name} subscriber ${i}:`, e),
        complete: () => {},
      },
    );
    setup.clients.push(client);
  }
  const writerCookie = await signIn(first.url, 'committee.nakahara@example.jp');
  // Warm up until every subscriber listens.
  const ready = new Set<number>();
  setup.onReceive = (index) => ready.add(index);
  for (let attempt = 0; attempt < 100 && ready.size < SUBSCRIBERS; attempt += 1) {
    await comment(first.url, writerCookie, subjectId, `warm-up ${attempt}`);
    await pause(100);
  }
  if (ready.size < SUBSCRIBERS) throw new Error(`${name}: only ${ready.size} of ${SUBSCRIBERS} subscribers listening`);
  await pause(300);
  return Object.assign(setup, { writerCookie });
}

async function event(setup: Setup & { writerCookie: string }, subjectId: string, n: number): Promise<void> {
  setup.published.length = 0;
  const receipts: number[] = [];
  const seen = new Set<number>();
  const all = new Promise<void>((resolve) => {
    setup.onReceive = (index) => {
      if (seen.has(index)) return;
      seen.add(index);
      receipts.push(wallClock());
      if (seen.size === SUBSCRIBERS) resolve();
    };
  });
  await comment(setup.servers[0]!.url, setup.writerCookie, subjectId, `event ${n}`);
  await Promise.race([all, pause(10_000).then(() => Promise.reject(new Error(`${setup.name}: event ${n} lost`)))]);
  setup.onReceive = undefined;
  if (setup.published.length !== 1)
    throw new Error(`${setup.name}: ${setup.published.length} publications for one event`);
  for (const at of receipts) setup.latencies.push(at - setup.published[0]!);
}

async function close(setup: Setup): Promise<void> {
  await Promise.all(setup.clients.map((client) => client.dispose()));
  for (const server of setup.servers) await server.stop();
  for (const database of setup.databases) await database.close();
}

export async function scaleBench(): Promise<void> {
  const primary = await createTestDatabase('postgres');
  const prefix = `shishin-bench:${randomUUID()}:`;
  try {
    await seed(primary.prisma, {
      sample: true,
      hashPassword: (p: string) => hashPassword(p, { log2N: 10, r: 8, p: 1 }),
      samplePassword: 'bench',
    });
    const section = await primary.prisma.membership.findFirstOrThrow({
      where: { user: { email: 'section.nakahara@example.jp' }, role: 'SECTION_MEMBER' },
    });
    const target = async () => {
      const row = await primary.prisma.improvementTarget.create({
        data: { sectionId: section.sectionId!, fiscalYear: 2026, state: 'IN_REVIEW', title: 'ベンチ', description: '' },
      });
      return Buffer.from(`ImprovementTarget:${row.id}`).toString('base64');
    };
    const [subjectOne, subjectThree] = [await target(), await target()];
    const one = await setUp('1 instance', primary, 1, undefined, subjectOne);
    const three = await setUp('3 instances + Redis', primary, 3, { url: REDIS_URL, prefix }, subjectThree);
    for (let n = 0; n < EVENTS; n += 1) {
      await event(one, subjectOne, n);
      await event(three, subjectThree, n);
    }
    const row = (setup: Setup, goal: number) => {
      const s = [...setup.latencies].sort((a, b) => a - b);
      return `${setup.name.padEnd(22)} p50 ${percentile(s, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(s, 99).toFixed(1).padStart(6)} ms   max ${s[s.length - 1]!.toFixed(1).padStart(6)} ms   (goal p99 ≤ ${goal} ms)`;
    };
    const p99 = (setup: Setup) =>
      percentile(
        [...setup.latencies].sort((a, b) => a - b),
        99,
      );
    console.log(`\nscale: publish→receive, ${SUBSCRIBERS} subscribers, ${EVENTS} events each, alternating`);
    console.log(`  ${row(one, 100)}`);
    console.log(`  ${row(three, 150)}`);
    console.log(`  p99 ratio, 3 instances / 1 instance: ${(p99(three) / p99(one)).toFixed(2)}×`);
    await close(three);
    await close(one);
  } finally {
    await primary.close();
    const redis = new Redis(REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
}

// BENCH_ONLY=fanout (etc.) leaves this part out unless it names `scale` too.
const only = process.env.BENCH_ONLY?.split(',');
if (import.meta.url === `file://${process.argv[1]}` && (!only || only.includes('scale'))) {
  await scaleBench();
  process.exit(0);
}
