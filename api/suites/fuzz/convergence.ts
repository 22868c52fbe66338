// Convergence fuzz through the real server (docs/suites.md), run by convergence-<n>.test.ts. Per seed: a new board, 5–20 Yjs
// clients on real sockets through a proxy that delays, stalls and cuts their connections,
// random edits of notes, clusters and principle-draft bodies, dot votes through GraphQL,
// clients dropping (2% per step) and coming back, and in some seeds server restarts on the
// same database. After healing, every replica must hold the same state as the server, and,
// once the server has unloaded the board, as the database.
//
// The seed fixes every choice (operations, who makes them, faults, delays, restarts); the
// operating system's scheduling is not seeded, so a failing seed fails again with high
// probability rather than certainty.
//   FUZZ_SEED=<n>    run that seed only
//   FUZZ_SEEDS=<n>   how many seeds (default 1000), from FUZZ_FIRST (default 1)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import { controlOf } from '../../src/boards/document.ts';
import { globalId } from '../../src/test/client.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../../src/test/server.ts';
import { contentOf, loadPersisted, sameState, stateVectorOf } from '../support/board-state.ts';
import { randomOperation } from '../support/operations.ts';
import {
  createBoard,
  errorsOf,
  FACILITATOR,
  graphql,
  isTransient,
  MEMBER,
  signIn,
  sleep,
  transient,
  unlimited,
  until,
} from '../support/platform.ts';
import { Prng } from '../support/prng.ts';
import { FaultyProxy, NO_FAULTS, type FaultPlan } from '../support/proxy.ts';
import { Replica } from '../support/replica.ts';

const kind = process.env.SHISHIN_TEST_DB ?? 'pglite';
const single = process.env.FUZZ_SEED;
const first = Number(process.env.FUZZ_FIRST ?? 1);
const count = Number(process.env.FUZZ_SEEDS ?? 1000);
const allSeeds = single ? [Number(single)] : Array.from({ length: count }, (_, i) => first + i);

const rerun = (seed: number) => `FUZZ_SEED=${seed} SHISHIN_TEST_DB=${kind} npx -y pnpm@12.21.0 fuzz`;

let platform: TestPlatform;
let committeeId: string;
const cookies: Record<string, string> = {};
const users: { email: string; id: string }[] = [];

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimiter: unlimited });
  committeeId = (
    await platform.database.prisma.committee.findFirstOrThrow({ where: { kind: 'REVISION_WORKING_GROUP' } })
  ).id;
  for (const email of [FACILITATOR, MEMBER]) {
    cookies[email] = await signIn(platform.url, email, TEST_PASSWORD);
    const user = await platform.database.prisma.user.findUniqueOrThrow({ where: { email } });
    users.push({ email, id: user.id });
  }
});
afterAll(async () => {
  if (transient.retried > 0) {
    console.warn(
      `convergence fuzz: ${transient.retried} GraphQL call(s) retried after "${'Unable to start a transaction'}" (CPU-starved database)`,
    );
  }
  await platform?.close();
});

interface Vote {
  phase: 'none' | 'open' | 'closed';
  openAt: number;
  closeAt: number;
  expected: Map<string, number>;
}

async function runSeed(seed: number, trace: string[]): Promise<void> {
  const started = Date.now();
  const cpu = process.cpuUsage();
  const mark = (what: string) => {
    const used = process.cpuUsage(cpu);
    trace.push(`+${Date.now() - started}ms cpu ${Math.round((used.user + used.system) / 1000)}ms ${what}`);
  };
  const prng = new Prng(seed);
  const restarts = prng.chance(0.04) ? prng.int(1, 2) : 0;
  const plan: FaultPlan = prng.chance(0.25)
    ? NO_FAULTS
    : { maxDelayMs: prng.int(1, 30), holdChance: prng.float() * 0.05, maxHoldMs: prng.int(20, 300) };
  const clients = 5 + Math.floor(prng.float() ** 3 * 16);
  const steps = prng.int(10, 30);
  trace.push(`clients=${clients} steps=${steps} restarts=${restarts} faults=${JSON.stringify(plan)}`);

  const boardId = await createBoard(platform.url, cookies[FACILITATOR]!, committeeId, `fuzz ${seed}`);
  const name = `board:${boardId}`;
  const boardGid = globalId('Board', boardId);
  const db = platform.database.prisma;
  // A seed that restarts its server has a server of its own (on the shared database), so that
  // other seeds running meanwhile are not disturbed by its restarts.
  let server: RunningServer = restarts
    ? await startServer({ database: platform.database, log: () => {}, rateLimiter: unlimited })
    : platform.server;
  const proxy = new FaultyProxy({ host: '127.0.0.1', port: server.port }, prng.fork(), plan);
  const proxyUrl = await proxy.listen();
  const replicas: Replica[] = [];
  const owners: { email: string; id: string }[] = [];
  try {
    for (let i = 0; i < clients; i += 1) {
      const user = users[i % users.length]!;
      owners.push(user);
      replicas.push(new Replica({ url: proxyUrl, documentName: name, cookie: cookies[user.email]! }));
    }
    if (!(await until(() => replicas.every((r) => r.ready), 20_000))) throw new Error('clients did not connect');
    mark('connected');

    const voteOpen = () => server.boards.documents.read(name, (doc) => controlOf(doc).vote?.open ?? null);
    let nextId = 0;
    const ids = () => `s${seed}-${(nextId += 1)}`;
    const restartAt = new Set<number>();
    for (let i = 0; i < restarts; i += 1) restartAt.add(prng.int(3, steps - 3));
    const vote: Vote = prng.chance(0.3)
      ? { phase: 'none', openAt: prng.int(0, steps / 2), closeAt: prng.int(steps / 2, steps), expected: new Map() }
      : { phase: 'none', openAt: -1, closeAt: -1, expected: new Map() };

    for (let step = 0; step < steps; step += 1) {
      if (restartAt.has(step)) {
        trace.push(`${step}: restart`);
        await server.stop();
        server = await startServer({ database: platform.database, log: () => {}, rateLimiter: unlimited });
        proxy.target = { host: '127.0.0.1', port: server.port };
      }
      // Faults: a client drops (its own disconnect, or the network cuts its connection), and
      // dropped clients come back after a while.
      if (prng.chance(0.02)) {
        const i = prng.int(0, replicas.length - 1);
        if (prng.chance(0.5)) {
          trace.push(`${step}: client ${i} disconnects`);
          replicas[i]!.disconnect();
        } else {
          trace.push(`${step}: network cuts a connection`);
          proxy.cutOne();
        }
      }
      for (const [i, replica] of replicas.entries()) {
        if (!replica.wantsConnection && prng.chance(0.15)) {
          trace.push(`${step}: client ${i} reconnects`);
          replica.connect();
        }
      }
      const editors = prng.int(1, 2);
      for (let e = 0; e < editors; e += 1) {
        const i = prng.int(0, replicas.length - 1);
        const op = randomOperation(prng, replicas[i]!.doc, owners[i]!.id, ids);
        trace.push(`${step}: client ${i} ${op}`);
      }
      await votingStep(prng, step, vote, server.url, boardGid, replicas, voteOpen, trace);
      await sleep(prng.int(0, 4));
    }

    // Heal: the network delivers, everyone reconnects, an open vote is closed.
    proxy.heal();
    for (const replica of replicas) if (!replica.wantsConnection) replica.connect();
    if (vote.phase === 'open') await closeVote(server.url, boardGid, vote, voteOpen, trace);

    mark('healing');
    const live = () => server.boards.hocuspocus.documents.get(name) as Y.Doc | undefined;
    const converged = await until(
      () => {
        const doc = live();
        return doc !== undefined && replicas.every((r) => r.ready && sameState(r.doc, doc));
      },
      30_000,
      50,
    );
    mark(`converged ${converged}`);
    const refusals = replicas.flatMap((r, i) => r.refusals().map((m) => `client ${i}: ${JSON.stringify(m)}`));
    expect(refusals, 'the server refused changes a member may make').toEqual([]);
    if (!converged) {
      const doc = live();
      const lagging = replicas.flatMap((r, i) =>
        r.ready && doc && sameState(r.doc, doc) ? [] : [`client ${i} (ready ${r.ready}, sockets ${r.sockets})`],
      );
      throw new Error(
        `no convergence within 30 s: ${doc ? lagging.join(', ') : 'the server has not loaded the board'}`,
      );
    }
    const expected = contentOf(live()!);
    const vector = stateVectorOf(live()!);
    for (const [i, replica] of replicas.entries()) {
      expect(contentOf(replica.doc), `client ${i}'s content`).toEqual(expected);
      expect(stateVectorOf(replica.doc), `client ${i}'s state vector`).toEqual(vector);
    }
    if (vote.phase === 'closed') {
      const results = Object.fromEntries([...vote.expected].filter(([, n]) => n > 0).sort());
      const control = expected.control as { voteResults?: Record<string, number> };
      expect(Object.fromEntries(Object.entries(control.voteResults ?? {}).sort()), 'vote totals').toEqual(results);
    }

    // The database: once the last client leaves, the server writes and unloads the board.
    for (const replica of replicas.splice(0)) replica.destroy();
    const unloaded = await until(() => !server.boards.documents.isLoaded(name), 20_000);
    expect(unloaded, 'the server unloaded the board after the last client left').toBe(true);
    mark('unloaded');
    const persisted = await loadPersisted(db, boardId);
    expect(contentOf(persisted), 'the persisted content').toEqual(expected);
    expect(stateVectorOf(persisted), 'the persisted state vector').toEqual(vector);
    persisted.destroy();
    mark('done');
    if (process.env.FUZZ_TRACE) console.log(trace.filter((t) => t.startsWith('+')).join(' | '));
  } finally {
    for (const replica of replicas) replica.destroy();
    await proxy.close();
    if (server !== platform.server) await server.stop();
  }
}

async function votingStep(
  prng: Prng,
  step: number,
  vote: Vote,
  url: string,
  boardGid: string,
  replicas: Replica[],
  voteOpen: () => Promise<boolean | null>,
  trace: string[],
): Promise<void> {
  if (vote.phase === 'none' && step === vote.openAt) {
    // The vote's transaction commits before the document shows it (boards/votes.ts): after a
    // transient failure nothing was opened, or it was and the document says so; try again.
    let transient = false;
    for (let attempt = 1; ; attempt += 1) {
      const opened = await graphql(
        url,
        cookies[FACILITATOR]!,
        `
          mutation O($b: ID!) {
            openBoardVote(boardId: $b, votesPerPerson: 3)
          }
        `,
        { b: boardGid },
      );
      if (!opened.body.errors) break;
      if (transient && (await voteOpen()) === true) break;
      if (!isTransient(opened) || attempt >= 5) throw new Error(`openBoardVote: ${errorsOf(opened)}`);
      transient = true;
      if ((await voteOpen()) === true) break;
    }
    vote.phase = 'open';
    trace.push(`${step}: vote opened${transient ? ' (after a transient error)' : ''}`);
    return;
  }
  if (vote.phase !== 'open') return;
  if (step >= vote.closeAt) {
    await closeVote(url, boardGid, vote, voteOpen, trace);
    return;
  }
  if (!prng.chance(0.4)) return;
  // A dot on a note someone can see; the server answers whether it counted.
  const notes = [...prng.pick(replicas).doc.getMap('notes').keys()].sort();
  if (notes.length === 0) return;
  const noteId = prng.pick(notes);
  const who = prng.pick([FACILITATOR, MEMBER]);
  const withdraw = prng.chance(0.25);
  const field = withdraw ? 'withdrawBoardVote' : 'castBoardVote';
  const response = await graphql(
    url,
    cookies[who]!,
    `mutation V($b: ID!, $n: String!) { ${field}(boardId: $b, noteId: $n) { remaining: votesPerPerson } }`,
    { b: boardGid, n: noteId },
  );
  // Nothing is stored when the call fails (transient failures included: no transaction ran).
  const ok = !response.body.errors?.length;
  if (ok) vote.expected.set(noteId, (vote.expected.get(noteId) ?? 0) + (withdraw ? -1 : 1));
  trace.push(`${step}: ${who} ${field} ${noteId} ${ok ? 'ok' : String(response.body.errors?.[0]?.extensions?.code)}`);
}

async function closeVote(
  url: string,
  boardGid: string,
  vote: Vote,
  voteOpen: () => Promise<boolean | null>,
  trace: string[],
): Promise<void> {
  // As for opening: a transient failure closed nothing, or closed it and the document says so.
  let transient = false;
  for (let attempt = 1; ; attempt += 1) {
    const closed = await graphql(
      url,
      cookies[FACILITATOR]!,
      `
        mutation C($b: ID!) {
          closeBoardVote(boardId: $b) {
            noteId
            votes
          }
        }
      `,
      { b: boardGid },
    );
    if (!closed.body.errors) break;
    if (!isTransient(closed) || attempt >= 5) throw new Error(`closeBoardVote: ${errorsOf(closed)}`);
    transient = true;
    if ((await voteOpen()) === false) break;
  }
  vote.phase = 'closed';
  trace.push(`vote closed${transient ? ' (after a transient error)' : ''}`);
}

/**
 * Registers this shard's seeds (every `shards`-th, from `shard`): one file per shard lets
 * vitest run the shards in parallel workers, each with its own server and database.
 */
export function fuzzShard(shard: number, shards: number): void {
  const seeds = allSeeds.filter((_, i) => i % shards === shard);
  describe(`convergence fuzz (${kind}), shard ${shard + 1}/${shards}`, () => {
    if (seeds.length === 0) it.skip('has no seed in this shard', () => {});
    defineSeeds(seeds);
  });
}

function defineSeeds(seeds: number[]): void {
  it.concurrent.for(seeds)('seed %i: every replica and the database converge', async (seed) => {
    const trace: string[] = [];
    try {
      await runSeed(seed, trace);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // The set-up, every fault and vote, and the last operations.
      const ops = trace.filter((line) => / client \d+ (note|cluster|draft)\./.test(line));
      const tail = [
        ...trace.filter((line) => !ops.includes(line)),
        ...(ops.length > 30 ? ['… last operations:'] : []),
        ...ops.slice(-30),
      ];
      throw new Error(
        `seed ${seed} failed: ${message}\n  re-run: ${rerun(seed)}\n  trace:\n    ${tail.join('\n    ')}`,
        {
          cause: error,
        },
      );
    }
  });
}
