// `pnpm bench`: measures Shishin against a baseline started in the same run and prints
// ratios. Servers run in child processes; this process only generates load, so the two
// cores are split between one server and the load generator. Timings are never asserted.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { openFanOut, type FanOutResult, type Latencies } from './fan-out.ts';
import { createTestDatabase } from '@shishin/prisma';
import { seed } from '@shishin/prisma/seed';
import { hashPassword } from '../api/src/auth/password.ts';
import { startServer } from '../api/src/http/server.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
/** Which parts to run, e.g. BENCH_ONLY=fanout (throughput, statements, fanout; default all). */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'throughput,statements,fanout').split(','));
/** A directory: the Shishin server children write V8 CPU profiles there (node --cpu-prof). */
const PROFILE = process.env.BENCH_CPU_PROF;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

interface Child {
  url: string;
  /** The child's ready line (`ready`: its URL, and whatever else it announces). */
  announced: Record<string, unknown>;
  child: ChildProcess;
  /** Every JSON line the child printed, in order. */
  messages: Record<string, unknown>[];
  /** SIGTERM, then wait for the child to exit (it may print a last line first). */
  stop(): Promise<void>;
}

async function startChild(script: string): Promise<Child> {
  const profile = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script], {
    cwd: new URL('.', import.meta.url).pathname,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const messages: Record<string, unknown>[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const announced = await new Promise<Record<string, unknown>>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const message = JSON.parse(line) as Record<string, unknown>;
        messages.push(message);
        if (typeof message.ready === 'string') resolve(message);
      } catch {
        // not our line
      }
    });
    void exited.then(() => reject(new Error(`${script} exited before it was ready`)));
  });
  return {
    url: announced.ready as string,
    announced,
    child,
    messages,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function load(url: string, query: string): Promise<Result> {
  const result = await autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

function row(name: string, r: Result): string {
  return `${name.padEnd(44)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms${r.errors || r.non2xx ? `   errors ${r.errors} non-2xx ${r.non2xx}` : ''}`;
}

const NESTED = `{ wards(first: 7) { edges { node { code sections(first: 100) { edges { node { name targets(first: 25) { edges { node { title standards { code } } } } } } } } } } }`;

async function throughput() {
  console.log(`\nThroughput (${CONNECTIONS} connections, ${DURATION} s each, autocannon from a separate process)`);
  const bare = await startChild('servers/bare-apollo.ts');
  const bareTrivial = await load(bare.url, '{ viewer { id } }');
  await bare.stop();
  const shishin = await startChild('servers/shishin.ts');
  const trivial = await load(shishin.url, '{ viewer { id } }');
  const nested = await load(shishin.url, NESTED);
  await shishin.stop();
  console.log(row('bare Apollo Server 5: { viewer { id } }', bareTrivial));
  console.log(row('Shishin: { viewer { id } }', trivial));
  console.log(row('Shishin: wards → sections → targets → standards', nested));
  console.log(
    `ratio, trivial query, Shishin / bare Apollo:   ${(trivial.rps / bareTrivial.rps).toFixed(2)}×   (goal ≥ 0.90×)`,
  );
  console.log(`ratio, nested query / trivial query (Shishin):  ${(nested.rps / trivial.rps).toFixed(2)}×`);
}

async function statementsPerNestedQuery() {
  console.log('\nSQL statements per nested query (embedded database), as the number of targets grows');
  let statements = 0;
  const database = await createTestDatabase('pglite', { onQuery: () => (statements += 1) });
  await seed(database.prisma, {
    sample: false,
    hashPassword: (p) => hashPassword(p, { log2N: 10, r: 8, p: 1 }),
    samplePassword: 'bench',
  });
  const db = database.prisma;
  const wards = await db.ward.findMany();
  const sections = [];
  for (const ward of wards) {
    for (let i = 0; i < 4; i += 1) {
      sections.push(
        await db.section.create({
          data: {
            wardId: ward.id,
            code: `bench-${i}`,
            name: `ベンチ課${i}`,
            nameEn: `Bench ${i}`,
            kind: 'COUNTER',
            position: i + 1,
          },
        }),
      );
    }
  }
  const standard = await db.standard.create({ data: { code: 'B-01', category: 'SOFT', introducedFiscalYear: 2026 } });
  const server = await startServer({ database, production: true, log: () => {} });
  const counts: [number, number][] = [];
  let created = 0;
  for (const total of [20, 2000]) {
    const rows = [];
    for (; created < total; created += 1) {
      rows.push({
        sectionId: sections[created % sections.length]!.id,
        fiscalYear: 2026,
        state: 'PUBLISHED' as const,
        title: `目標 ${created}`,
        description: '',
      });
    }
    await db.improvementTarget.createMany({ data: rows });
    const ids = await db.improvementTarget.findMany({ where: { standards: { none: {} } }, select: { id: true } });
    await db.targetStandard.createMany({ data: ids.map(({ id }) => ({ targetId: id, standardId: standard.id })) });
    statements = 0;
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: NESTED }),
    });
    const body = (await response.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    counts.push([total, statements]);
  }
  await server.stop();
  await database.close();
  for (const [total, count] of counts) console.log(`${String(total).padStart(6)} targets: ${count} statements`);
  console.log(
    `ratio, statements at 2,000 / at 20 targets: ${(counts[1]![1] / counts[0]![1]).toFixed(2)}×   (goal 1.00×: constant in rows)`,
  );
}

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const READERS = Number(process.env.BENCH_READERS ?? 20);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20);

async function graphql(url: string, query: string, variables: Record<string, unknown>, cookie?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return { data: body.data!, cookie: response.headers.getSetCookie()[0]?.split(';')[0] };
}

const ms = (n: number) => `${n.toFixed(1).padStart(6)} ms`;

function fanOutRow(name: string, r: Latencies): string {
  return `${name.padEnd(50)} p50 ${ms(r.p50)}   p99 ${ms(r.p99)}   ${r.deliveryRate.toFixed(0).padStart(7)} deliveries/s   first receipt p50 ${ms(r.firstP50)}`;
}

function spreadRow(name: string, r: FanOutResult): string {
  return `${name.padEnd(50)} ${r.spreadRate.toFixed(0).padStart(7)} deliveries/s`;
}

function triggerRow(name: string, r: { p50: number; max: number }): string {
  return `${name.padEnd(50)} p50 ${ms(r.p50)}   max ${ms(r.max)}`;
}

async function subscriptionFanOut() {
  console.log(
    `\nSubscription fan-out: ${SUBSCRIBERS} graphql-ws subscribers on one subject, one event at a time (${EVENTS} events)`,
  );
  console.log(
    `load average (1, 5, 15 min) at the start: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(', ')}`,
  );
  const bare = await startChild('servers/bare-graphql-ws.ts');
  const bareFanOut = await openFanOut({
    wsUrl: `${bare.url.replace('http', 'ws')}/graphql`,
    subscribers: SUBSCRIBERS,
    query: 'subscription { commentAdded(subjectId: "t") { id body } }',
    publishedUrl: bare.announced.published as string,
    trigger: async () => {
      await (await fetch(`${bare.url}/publish`, { method: 'POST', body: 'コメント' })).text();
    },
  });
  const shishin = await startChild('servers/shishin.ts');
  const signIn = 'mutation S($input: SignInInput!) { signIn(input: $input) { __typename } }';
  const readers: string[] = [];
  for (let i = 1; i <= READERS; i += 1) {
    const email = `reader${String(i).padStart(2, '0')}.nakahara@bench.example.jp`;
    readers.push((await graphql(shishin.url, signIn, { input: { email, password: 'bench' } })).cookie!);
  }
  const writer = await graphql(shishin.url, signIn, {
    input: { email: 'committee.nakahara@example.jp', password: 'bench' },
  });
  const targets = await graphql(
    shishin.url,
    '{ improvementTargets(first: 100, state: IN_REVIEW) { edges { node { id section { ward { code } } } } } }',
    {},
    readers[0],
  );
  type Targets = { improvementTargets: { edges: { node: { id: string; section: { ward: { code: string } } } }[] } };
  const targetId = (targets.data as Targets).improvementTargets.edges.find(
    (e) => e.node.section.ward.code === 'nakahara',
  )?.node.id;
  if (!targetId) throw new Error('no target in review in 中原区 in the sample data');
  let n = 0;
  const addComment = async () => {
    n += 1;
    await graphql(
      shishin.url,
      'mutation A($input: AddCommentInput!) { addComment(input: $input) { __typename } }',
      { input: { subjectId: targetId, body: `ベンチマークのコメント ${n}` } },
      writer.cookie,
    );
  };
  // The mutation on its own, before anyone listens: what publish→receive includes anyway.
  const alone: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const start = performance.now();
    await addComment();
    alone.push(performance.now() - start);
  }
  alone.sort((a, b) => a - b);
  const shishinFanOut = await openFanOut({
    wsUrl: `${shishin.url.replace('http', 'ws')}/graphql`,
    subscribers: SUBSCRIBERS,
    // Subscriber i is a session of reader i mod READERS: READERS permission classes.
    headers: (i) => ({ cookie: readers[i % readers.length]! }),
    query: 'subscription S($id: ID!) { commentEvents(subjectId: $id) { change comment { id body viewerCanEdit } } }',
    variables: { id: targetId },
    publishedUrl: shishin.announced.published as string,
    trigger: addComment,
  });
  // Events alternate between the two servers, so a busy moment of the machine hits both.
  for (let event = 0; event < EVENTS; event += 1) {
    await bareFanOut.event();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await shishinFanOut.event();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const baseline = bareFanOut.result();
  const measured = shishinFanOut.result();
  await Promise.all([bareFanOut.close(), shishinFanOut.close()]);
  await bare.stop();
  await shishin.stop();
  const metrics = shishin.messages.find((m) => m.subscriptionMetrics)?.subscriptionMetrics as
    { executions: number; deliveries: number } | undefined;
  console.log('publish→receive (from the server publishing the event, after its commit, to each receipt):');
  console.log(fanOutRow('  bare graphql-ws, in-memory pubsub', baseline.fromPublish));
  console.log(fanOutRow(`  Shishin: a comment added (${READERS} readers)`, measured.fromPublish));
  console.log('trigger→receive (from the start of the triggering request; the mutation included):');
  console.log(fanOutRow('  bare graphql-ws: POST /publish', baseline.fromTrigger));
  console.log(fanOutRow('  Shishin: addComment', measured.fromTrigger));
  console.log('after the first receipt (the fan-out alone):');
  console.log(spreadRow('  bare', baseline));
  console.log(spreadRow('  Shishin', measured));
  console.log(triggerRow('bare: POST /publish round-trip', baseline.trigger));
  console.log(triggerRow('Shishin: addComment round-trip, no listeners', { p50: alone[10]!, max: alone.at(-1)! }));
  console.log(triggerRow('Shishin: addComment round-trip, listened to', measured.trigger));
  console.log(triggerRow('Shishin: addComment start → publication', measured.untilPublish));
  const outside = baseline.outsideTrigger + measured.outsideTrigger;
  console.log(
    `clock check: publications outside their trigger's round-trip: ${outside} of ${baseline.events + measured.events} events (should be 0)`,
  );
  if (metrics) {
    console.log(
      `Shishin executions per delivery: ${(metrics.executions / metrics.deliveries).toFixed(3)} (${metrics.executions} executions for ${metrics.deliveries} deliveries, warm-up included)`,
    );
  }
  console.log(
    `load average (1, 5, 15 min) at the end: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(', ')}`,
  );
  console.log(
    `ratio, delivery rate publish→receive, Shishin / bare graphql-ws: ${(measured.fromPublish.deliveryRate / baseline.fromPublish.deliveryRate).toFixed(2)}×   (goal ≥ 0.80×)`,
  );
  console.log(`Shishin p99 publish→receive: ${measured.fromPublish.p99.toFixed(1)} ms   (goal ≤ 100 ms)`);
  console.log(
    `(trigger→receive, for comparison with earlier runs: ratio ${(measured.fromTrigger.deliveryRate / baseline.fromTrigger.deliveryRate).toFixed(2)}×, Shishin p99 ${measured.fromTrigger.p99.toFixed(1)} ms)`,
  );
}

console.log(
  `Shishin bench — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
);
if (ONLY.has('throughput')) await throughput();
if (ONLY.has('statements')) await statementsPerNestedQuery();
if (ONLY.has('fanout')) await subscriptionFanOut();
