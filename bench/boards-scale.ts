// `pnpm bench` (BENCH_ONLY=boards-scale): boards on several api instances (docs/boards.md
// "Several instances"), on one PostgreSQL database and a Redis of the bench's own (started on an
// ephemeral port, stopped at the end). Instances run in child processes; this process runs
// every client. Nothing here is asserted.
//
// - fan-out: the same load as bench/boards.ts (50 clients on one board, 10 writing 20
//   updates/s), first on one instance without Redis, then spread over three through Redis;
// - Redis restart: one client on each of two instances, Redis killed, each side edits, Redis
//   started again: time from Redis answering again until both documents are equal.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { createTestDatabase } from '@shishin/prisma';
import { seed } from '@shishin/prisma/seed';
import { Redis as RedisClient } from 'ioredis';
import * as Y from 'yjs';
import { hashPassword } from '../api/src/auth/password.ts';
import { hashSecret, newSecret } from '../api/src/auth/secrets.ts';
import { initialiseBoard } from '../api/src/boards/document.ts';
import { boardDocumentName } from '../api/src/boards/names.ts';
import { fanOut, percentile, shishinClient, startChild, type Child, type FanOut } from './boards.ts';

const USERS = 50;
const RESTARTS = Number(process.env.BENCH_REDIS_RESTARTS ?? 5);
const now = () => performance.timeOrigin + performance.now();

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function redisAnswers(url: string): Promise<boolean> {
  const client = new RedisClient(url, { lazyConnect: true, retryStrategy: () => null, connectTimeout: 500 });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 200 && !(await redisAnswers(`redis://127.0.0.1:${port}`)); i += 1) {
    await new Promise((r) => setTimeout(r, 10));
  }
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function instances(count: number, env: Record<string, string>): Promise<Child[]> {
  const started: Child[] = [];
  for (let i = 0; i < count; i += 1) {
    // startChild passes this process's environment on.
    Object.assign(process.env, env);
    started.push(await startChild('servers/boards-instance.ts'));
    for (const key of Object.keys(env)) delete process.env[key];
  }
  return started;
}

const until = async (done: () => boolean, timeoutMs = 30_000) => {
  const end = Date.now() + timeoutMs;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 2));
};

export async function boardsScaleBench(): Promise<void> {
  console.log('\nBoards on several instances (PostgreSQL + Redis)');
  const database = await createTestDatabase('postgres');
  const port = await freePort();
  let redis = await startRedis(port);
  const redisUrl = `redis://127.0.0.1:${port}`;
  const children: Child[] = [];
  try {
    await seed(database.prisma, {
      sample: true,
      hashPassword: (p) => hashPassword(p, { log2N: 10, r: 8, p: 1 }),
      samplePassword: 'bench',
    });
    const db = database.prisma;
    const committee = await db.committee.findFirstOrThrow({ where: { kind: 'REVISION_WORKING_GROUP' } });
    const cookies: string[] = [];
    for (let i = 1; i <= USERS; i += 1) {
      const user = await db.user.create({
        data: {
          email: `scale${i}@bench.example.jp`,
          displayName: `ベンチ委員 ${i}`,
          memberships: { create: { role: 'COMMITTEE_MEMBER', committeeId: committee.id } },
        },
      });
      const token = newSecret();
      await db.session.create({
        data: { tokenHash: hashSecret(token), userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) },
      });
      cookies.push(`shishin_session=${token}`);
    }
    const newBoard = async () => {
      const doc = new Y.Doc();
      initialiseBoard(doc, 'REVISION_WORKSHOP');
      const board = await db.board.create({
        data: {
          title: 'bench scale',
          template: 'REVISION_WORKSHOP',
          committeeId: committee.id,
          document: Y.encodeStateAsUpdate(doc) as Uint8Array<ArrayBuffer>,
        },
      });
      return boardDocumentName(board.id);
    };
    const env = { SHISHIN_BENCH_DATABASE_URL: database.url };
    const redisEnv = { ...env, REDIS_URL: redisUrl, SHISHIN_BENCH_REDIS_PREFIX: `bench:${randomUUID()}` };

    const single = await instances(1, env);
    children.push(...single);
    const singleBoard = await newBoard();
    const one = await fanOut((i) => shishinClient(single[0]!.info.ready as string, singleBoard, cookies[i]!));
    for (const client of one.clients) client.destroy();
    await single[0]!.stop();

    const three = await instances(3, redisEnv);
    children.push(...three);
    const sharedBoard = await newBoard();
    const spread = await fanOut((i) => shishinClient(three[i % 3]!.info.ready as string, sharedBoard, cookies[i]!));
    for (const client of spread.clients) client.destroy();

    const row = (name: string, r: FanOut) =>
      `${name.padEnd(34)} p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   last client p99 ${r.allP99.toFixed(1).padStart(6)} ms   ${r.deliveriesPerSecond.toFixed(0).padStart(6)} deliveries/s (${r.delivered}/${r.expected})`;
    console.log(row('1 instance, no Redis', one));
    console.log(row('3 instances through Redis', spread));
    console.log(
      `p99 ${one.p99.toFixed(1)} ms (goal ≤ 100 ms) → ${spread.p99.toFixed(1)} ms (goal ≤ 150 ms): 3 instances / 1 = ${(spread.p99 / one.p99).toFixed(2)}× p99, ${(spread.deliveriesPerSecond / one.deliveriesPerSecond).toFixed(2)}× deliveries/s`,
    );

    // Redis restart: two of the three instances, one client each.
    const restartBoard = await newBoard();
    const x = shishinClient(three[0]!.info.ready as string, restartBoard, cookies[0]!);
    const y = shishinClient(three[1]!.info.ready as string, restartBoard, cookies[1]!);
    await Promise.all([x.synced, y.synced]);
    const notes = (doc: Y.Doc) => doc.getMap('notes').toJSON();
    const converge: number[] = [];
    for (let round = 0; round < RESTARTS; round += 1) {
      await stopRedis(redis);
      for (const [client, side] of [
        [x, 'x'],
        [y, 'y'],
      ] as const) {
        for (let i = 0; i < 5; i += 1) {
          const note = new Y.Map<unknown>();
          note.set('text', new Y.Text(`${side} ${round} ${i}`));
          client.doc.getMap('notes').set(`${side}-${round}-${i}`, note);
        }
      }
      await new Promise((r) => setTimeout(r, 500));
      redis = await startRedis(port);
      const back = now();
      await until(() => isDeepStrictEqual(notes(x.doc), notes(y.doc)));
      converge.push(now() - back);
      await new Promise((r) => setTimeout(r, 500));
    }
    const equal = isDeepStrictEqual(notes(x.doc), notes(y.doc)) && Object.keys(notes(x.doc)).length === RESTARTS * 10;
    x.destroy();
    y.destroy();
    console.log(
      `Redis restart (${RESTARTS}×, 5 edits on each of two instances while it was down): converged ${equal ? 'yes' : 'NO'}; from Redis answering to equal documents p50 ${percentile(converge, 50).toFixed(0)} ms, max ${Math.max(...converge).toFixed(0)} ms (goal ≤ 2 s)`,
    );
  } finally {
    for (const child of children) await child.stop().catch(() => {});
    await stopRedis(redis);
    await database.close();
  }
}

const only = process.env.BENCH_ONLY?.split(',');
if (import.meta.url === `file://${process.argv[1]}` && (!only || only.includes('boards-scale'))) {
  await boardsScaleBench();
}
