// `pnpm bench`: measures Shishin against a baseline started in the same run and prints
// ratios. Servers run in child processes; this process only generates load, so the two
// cores are split between one server and the load generator. Timings are never asserted.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import os from 'node:os';
import autocannon from 'autocannon';
import { measureFanOut, type FanOutResult } from './fan-out.ts';
import { createTestDatabase } from '@shishin/prisma';
import { seed } from '@shishin/prisma/seed';
import { hashPassword } from '../api/src/auth/password.ts';
import { startServer } from '../api/src/http/server.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function startChild(script: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: new URL('.', import.meta.url).pathname,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    try {
      const message = JSON.parse(line) as { ready?: string };
      if (message.ready) return { url: message.ready, child };
    } catch {
      // not our line
    }
  }
  throw new Error(`${script} exited before it was ready`);
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

const NESTED = `{ wards(first: 100) { edges { node { code sections(first: 100) { edges { node { name targets(first: 100) { edges { node { title standards { code } } } } } } } } } } }`;

async function throughput() {
  console.log(`\nThroughput (${CONNECTIONS} connections, ${DURATION} s each, autocannon from a separate process)`);
  const bare = await startChild('servers/bare-apollo.ts');
  const bareTrivial = await load(bare.url, '{ viewer { id } }');
  bare.child.kill('SIGTERM');
  const shishin = await startChild('servers/shishin.ts');
  const trivial = await load(shishin.url, '{ viewer { id } }');
  const nested = await load(shishin.url, NESTED);
  shishin.child.kill('SIGTERM');
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

function fanOutRow(name: string, r: FanOutResult): string {
  return `${name.padEnd(44)} p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   ${r.deliveryRate.toFixed(0).padStart(7)} deliveries/s`;
}

async function subscriptionFanOut() {
  console.log(
    `\nSubscription fan-out: ${SUBSCRIBERS} graphql-ws subscribers on one subject, one event at a time (10 events)`,
  );
  const bare = await startChild('servers/bare-graphql-ws.ts');
  const baseline = await measureFanOut({
    wsUrl: `${bare.url.replace('http', 'ws')}/graphql`,
    subscribers: SUBSCRIBERS,
    query: 'subscription { commentAdded(subjectId: "t") { id body } }',
    trigger: async () => {
      await (await fetch(`${bare.url}/publish`, { method: 'POST', body: 'コメント' })).text();
    },
    events: 10,
  });
  bare.child.kill('SIGTERM');

  const shishin = await startChild('servers/shishin.ts');
  const signIn = 'mutation S($input: SignInInput!) { signIn(input: $input) { __typename } }';
  const reader = await graphql(shishin.url, signIn, {
    input: { email: 'chair.nakahara@example.jp', password: 'bench' },
  });
  const writer = await graphql(shishin.url, signIn, {
    input: { email: 'committee.nakahara@example.jp', password: 'bench' },
  });
  const targets = await graphql(
    shishin.url,
    '{ improvementTargets(first: 100, state: IN_REVIEW) { edges { node { id section { ward { code } } } } } }',
    {},
    reader.cookie,
  );
  type Targets = { improvementTargets: { edges: { node: { id: string; section: { ward: { code: string } } } }[] } };
  const targetId = (targets.data as Targets).improvementTargets.edges.find(
    (e) => e.node.section.ward.code === 'nakahara',
  )?.node.id;
  if (!targetId) throw new Error('no target in review in 中原区 in the sample data');
  let n = 0;
  const measured = await measureFanOut({
    wsUrl: `${shishin.url.replace('http', 'ws')}/graphql`,
    subscribers: SUBSCRIBERS,
    headers: { cookie: reader.cookie! },
    query: 'subscription S($id: ID!) { commentEvents(subjectId: $id) { change comment { id body } } }',
    variables: { id: targetId },
    trigger: async () => {
      n += 1;
      await graphql(
        shishin.url,
        'mutation A($input: AddCommentInput!) { addComment(input: $input) { __typename } }',
        { input: { subjectId: targetId, body: `ベンチマークのコメント ${n}` } },
        writer.cookie,
      );
    },
    events: 10,
  });
  shishin.child.kill('SIGTERM');
  console.log(fanOutRow('bare graphql-ws, in-memory pubsub', baseline));
  console.log(fanOutRow('Shishin: a comment added to a target', measured));
  console.log(
    `ratio, delivery rate, Shishin / bare graphql-ws: ${(measured.deliveryRate / baseline.deliveryRate).toFixed(2)}×   (goal ≥ 0.80×)`,
  );
  console.log(`Shishin p99 publish→receive: ${measured.p99.toFixed(1)} ms   (goal ≤ 100 ms)`);
}

console.log(
  `Shishin bench — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
);
await throughput();
await statementsPerNestedQuery();
await subscriptionFanOut();
