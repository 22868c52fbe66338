// Load: SUITE_LOAD_CLIENTS (200) GraphQL clients, each a session of a sample account that
// signed in itself, mixing reads and writes (comments on 中原区's targets, edits of the
// client's own draft target) for SUITE_LOAD_SECONDS (60; CI runs 20), while
// SUITE_LOAD_BOARD_CONNECTIONS (500) Hocuspocus providers edit SUITE_LOAD_BOARDS (50) boards.
// Asserts: no request failed, every write landed exactly once, every board converged (each
// client and the server hold the same notes, all of those written). Latencies are printed,
// never asserted. Each GraphQL client waits 0.25–1 s between requests and each board connection
// 3–9 s between notes: people working, not a benchmark.
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote, connectBoard, until, type BoardClient } from '../../src/test/board-client.ts';
import { dataOf, TestClient, type GraphQLResponse } from '../../src/test/client.ts';
import { seededRandom } from '../server-process/random.ts';
import { startSuiteServer, SUITE_PASSWORD, type SuiteServer } from '../server-process/spawn.ts';

const SECONDS = Number(process.env.SUITE_LOAD_SECONDS ?? 60);
const CLIENTS = Number(process.env.SUITE_LOAD_CLIENTS ?? 200);
const BOARDS = Number(process.env.SUITE_LOAD_BOARDS ?? 50);
const BOARD_CONNECTIONS = Number(process.env.SUITE_LOAD_BOARD_CONNECTIONS ?? 500);
/** Pause of each GraphQL client between its requests, and of each board connection between notes. */
const THINK_MS = [250, 1000] as const;
const NOTE_MS = [3000, 9000] as const;
const rng = seededRandom('load');

const COMMENTERS = [
  'committee.nakahara@example.jp',
  'chair.nakahara@example.jp',
  'coordinator.nakahara@example.jp',
  'mayor.nakahara@example.jp',
  'admin@example.jp',
];
const EDITORS = ['section.nakahara@example.jp', 'head.nakahara@example.jp', 'section.miyamae@example.jp'];
const READERS = [
  'director@example.jp',
  'mayor.miyamae@example.jp',
  'committee.miyamae@example.jp',
  'facilitator@example.jp',
];
const ACCOUNTS = [...COMMENTERS, ...EDITORS, ...READERS];
/** Accounts that edit every 中原区 board (memberships that reach the ward). */
const BOARD_EDITORS = [
  'mayor.nakahara@example.jp',
  'coordinator.nakahara@example.jp',
  'chair.nakahara@example.jp',
  'committee.nakahara@example.jp',
  'head.nakahara@example.jp',
  'section.nakahara@example.jp',
];

let server: SuiteServer;
let nakaharaId: string;
let targetIds: string[];

interface LoadClient {
  email: string;
  http: TestClient;
  role: 'commenter' | 'editor' | 'reader';
  /** Commenters: the target they comment on; editors: their own draft. */
  targetId?: string;
  version?: number;
  comments: string[];
  edits: number;
  lastTitle?: string;
}

const latencies: Record<string, number[]> = {};
const failures: string[] = [];
let requests = 0;

function record(kind: string, ms: number): void {
  (latencies[kind] ??= []).push(ms);
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed<T>(kind: string, run: () => Promise<GraphQLResponse<T>>): Promise<GraphQLResponse<T> | null> {
  const started = performance.now();
  requests += 1;
  try {
    const response = await run();
    record(kind, performance.now() - started);
    if (response.status !== 200 || response.body.errors?.length) {
      failures.push(`${kind}: HTTP ${response.status} ${JSON.stringify(response.body.errors ?? '').slice(0, 300)}`);
      return null;
    }
    return response;
  } catch (error) {
    failures.push(`${kind}: ${(error as Error).message} ${String((error as Error).cause ?? '')}`);
    return null;
  }
}

async function signedIn(email: string): Promise<TestClient> {
  const client = new TestClient(server.url);
  const response = await client.signIn(email, SUITE_PASSWORD);
  if (response.body.data?.signIn.__typename !== 'SignInPayload') throw new Error(`sign-in failed for ${email}`);
  return client;
}

const READS = [
  { kind: 'read: wards', query: '{ wards(first: 7) { edges { node { id code name } } } }' },
  {
    kind: 'read: targets',
    query:
      'query T($w: ID) { improvementTargets(first: 20, wardId: $w) { edges { node { id title state version } } } }',
  },
  {
    kind: 'read: a target and its comments',
    query:
      'query N($id: ID!) { node(id: $id) { ... on ImprovementTarget { id title comments(first: 5) { edges { node { id body } } } } } }',
  },
  { kind: 'read: fiscal year', query: '{ currentFiscalYear { year } }' },
];

async function read(client: LoadClient): Promise<void> {
  // 中原区's targets and comments are for the staff who comment on them; the others read what
  // anyone may (a target of theirs they may not read would come back null, rightly).
  const r = rng.pick(client.role === 'commenter' ? READS : READS.filter((q) => !q.query.includes('comments')));
  await timed(r.kind, () => client.http.request(r.query, { w: nakaharaId, id: rng.pick(targetIds) }));
}

async function write(client: LoadClient): Promise<void> {
  if (client.role === 'commenter') {
    const body = `load ${client.email} #${client.comments.length} ${rng.word(8)}`;
    const response = await timed('write: addComment', () =>
      client.http.request('mutation A($input: AddCommentInput!) { addComment(input: $input) { id } }', {
        input: { subjectId: client.targetId, body },
      }),
    );
    // Counted as written only when acknowledged; the check at the end finds it exactly once.
    if (response) client.comments.push(body);
    else client.comments.push(`(failed) ${body}`);
  } else if (client.role === 'editor') {
    const title = `負荷試験の目標 ${client.email} 第${client.edits + 1}版`;
    const response = await timed<{ updateImprovementTarget: { version: number } }>(
      'write: updateImprovementTarget',
      () =>
        client.http.request(
          'mutation U($input: UpdateImprovementTargetInput!) { updateImprovementTarget(input: $input) { version } }',
          { input: { id: client.targetId, expectedVersion: client.version, title } },
        ),
    );
    if (response) {
      client.edits += 1;
      client.version = response.body.data!.updateImprovementTarget.version;
      client.lastTitle = title;
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ───────────────────────────── boards ─────────────────────────────

interface LoadBoard {
  name: string;
  clients: BoardClient[];
  written: string[];
}
const boards: LoadBoard[] = [];

beforeAll(async () => {
  server = await startSuiteServer();
}, 240_000);

afterAll(async () => {
  for (const board of boards) for (const client of board.clients) client.destroy();
  await server?.stop();
});

describe('load', () => {
  it(`${CLIENTS} GraphQL clients and ${BOARD_CONNECTIONS} board connections on ${BOARDS} boards`, async () => {
    // Setup: who is who, 中原区's targets, one draft per editor client, the boards.
    const coordinator = await signedIn('coordinator.nakahara@example.jp');
    nakaharaId = dataOf(await coordinator.request<{ ward: { id: string } }>('{ ward(code: "nakahara") { id } }')).ward
      .id;
    const targets = dataOf(
      await coordinator.request<{
        improvementTargets: { edges: { node: { id: string; viewerCanComment: boolean } }[] };
      }>('query T($w: ID) { improvementTargets(first: 50, wardId: $w) { edges { node { id viewerCanComment } } } }', {
        w: nakaharaId,
      }),
    );
    targetIds = targets.improvementTargets.edges.filter((e) => e.node.viewerCanComment).map((e) => e.node.id);
    expect(targetIds.length).toBeGreaterThan(0);

    const clients: LoadClient[] = [];
    for (let i = 0; i < CLIENTS; i += 1) {
      const email = ACCOUNTS[i % ACCOUNTS.length]!;
      const role = COMMENTERS.includes(email) ? 'commenter' : EDITORS.includes(email) ? 'editor' : 'reader';
      clients.push({ email, role, http: new TestClient(server.url), comments: [], edits: 0 });
    }
    // Every client signs in (its own session), a few at a time.
    const queue = [...clients];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let c = queue.shift(); c; c = queue.shift()) {
          const response = await c.http.signIn(c.email, SUITE_PASSWORD);
          expect(response.body.data?.signIn.__typename).toBe('SignInPayload');
        }
      }),
    );
    // The editors' own sections (prisma/seed/sample.ts): 中原区 区民課, 宮前区 保険年金課.
    const sectionOf = new Map<string, string>();
    for (const [email, ward, code] of [
      ['section.nakahara@example.jp', 'nakahara', 'citizens'],
      ['head.nakahara@example.jp', 'nakahara', 'citizens'],
      ['section.miyamae@example.jp', 'miyamae', 'insurance-pension'],
    ] as const) {
      const sections = dataOf(
        await coordinator.request<{ ward: { sections: { edges: { node: { id: string; code: string } }[] } } }>(
          'query S($code: String!) { ward(code: $code) { sections(first: 100) { edges { node { id code } } } } }',
          { code: ward },
        ),
      );
      sectionOf.set(email, sections.ward.sections.edges.find((e) => e.node.code === code)!.node.id);
    }
    const fiscalYear = dataOf(
      await coordinator.request<{ currentFiscalYear: { year: number } }>('{ currentFiscalYear { year } }'),
    ).currentFiscalYear.year;
    let commenterIndex = 0;
    for (const client of clients) {
      if (client.role === 'commenter') client.targetId = targetIds[commenterIndex++ % targetIds.length];
      if (client.role !== 'editor') continue;
      const created = dataOf(
        await client.http.request<{ createImprovementTarget: { id: string; version: number } }>(
          'mutation C($input: CreateImprovementTargetInput!) { createImprovementTarget(input: $input) { id version } }',
          {
            input: {
              sectionId: sectionOf.get(client.email),
              fiscalYear,
              title: `負荷試験の目標 ${client.email}`,
              description: '負荷試験で作成した下書きです。',
              milestone: '年度末までに手順書を整える',
              principleIds: [],
              standardIds: [],
            },
          },
        ),
      );
      client.targetId = created.createImprovementTarget.id;
      client.version = created.createImprovementTarget.version;
    }

    const boardSessions = await Promise.all(BOARD_EDITORS.flatMap((email) => [signedIn(email), signedIn(email)]));
    for (let b = 0; b < BOARDS; b += 1) {
      const created = dataOf(
        await coordinator.request<{ createBoard: { documentName: string } }>(
          'mutation B($input: CreateBoardInput!) { createBoard(input: $input) { documentName } }',
          { input: { title: `負荷試験ボード ${b + 1}`, template: 'BLANK', wardId: nakaharaId } },
        ),
      );
      boards.push({ name: created.createBoard.documentName, clients: [], written: [] });
    }
    for (let c = 0; c < BOARD_CONNECTIONS; c += 1) {
      const board = boards[c % BOARDS]!;
      const session = boardSessions[c % boardSessions.length]!;
      board.clients.push(connectBoard(server.url, board.name, { cookie: session.cookie }));
      if (c % 50 === 49) await Promise.all(boards.flatMap((bd) => bd.clients.map((cl) => cl.synced)));
    }
    await Promise.all(boards.flatMap((board) => board.clients.map((client) => client.synced)));
    console.log(
      `load: ${CLIENTS} signed-in clients, ${clients.filter((c) => c.role === 'editor').length} own drafts, ` +
        `${BOARD_CONNECTIONS} board connections synced on ${BOARDS} boards; running ${SECONDS} s`,
    );

    // The run. Both event loops are watched: a slow answer may be the server's or this process's.
    await server.metrics({ resetLoop: true });
    const ownLoop = monitorEventLoopDelay({ resolution: 10 });
    ownLoop.enable();
    const deadline = Date.now() + SECONDS * 1000;
    let noteLatencyProbe = 0;
    const graphql = clients.map(async (client) => {
      await sleep(rng.int(0, 1000));
      while (Date.now() < deadline) {
        if (client.role !== 'reader' && rng.chance(0.3)) await write(client);
        else await read(client);
        await sleep(rng.int(THINK_MS[0], THINK_MS[1]));
      }
    });
    const boardWriters = boards.flatMap((board) =>
      board.clients.map(async (client, i) => {
        await sleep(rng.int(0, 3000));
        while (Date.now() < deadline) {
          const id = `${board.name.slice(6, 14)}-${i}-${board.written.length}-${rng.word(4)}`;
          board.written.push(id);
          addNote(client.doc, id, { text: `付箋 ${id}`, x: rng.int(0, 2000), y: rng.int(0, 1200) });
          noteLatencyProbe += 1;
          await sleep(rng.int(NOTE_MS[0], NOTE_MS[1]));
        }
      }),
    );
    await Promise.all([...graphql, ...boardWriters]);
    ownLoop.disable();
    const serverLoop = (await server.metrics()).eventLoop;

    // Convergence: every client of every board and the server hold exactly the notes written.
    const convergedAt = performance.now();
    const expectedOf = (board: LoadBoard) => [...board.written].sort();
    const converged = (board: LoadBoard) =>
      board.clients.every((client) => client.doc.getMap('notes').size === board.written.length);
    await until(() => boards.every(converged), 180_000);
    const convergeMs = performance.now() - convergedAt;
    const divergent: string[] = [];
    for (const board of boards) {
      const expected = expectedOf(board);
      const serverNotes = Object.keys(await server.boardNotes(board.name)).sort();
      if (JSON.stringify(serverNotes) !== JSON.stringify(expected)) divergent.push(`${board.name}: server`);
      board.clients.forEach((client, i) => {
        const notes = [...client.doc.getMap('notes').keys()].sort();
        if (JSON.stringify(notes) !== JSON.stringify(expected)) divergent.push(`${board.name}: client ${i}`);
        if (client.closes.length > 0) divergent.push(`${board.name}: client ${i} closed ${client.closes.join(',')}`);
      });
    }

    // Exactly once: each acknowledged comment appears once on its target; each draft's version
    // went up by one per acknowledged edit, and holds the last title.
    const verifier = await signedIn('admin@example.jp');
    const counts = new Map<string, number>();
    for (const targetId of targetIds) {
      let after: string | null = null;
      for (;;) {
        const page: {
          node: {
            comments: {
              edges: { node: { body: string } }[];
              pageInfo: { hasNextPage: boolean; endCursor: string | null };
            };
          };
        } = dataOf(
          await verifier.request(
            'query C($id: ID!, $after: String) { node(id: $id) { ... on ImprovementTarget { comments(first: 100, after: $after) { edges { node { body } } pageInfo { hasNextPage endCursor } } } } }',
            { id: targetId, after },
          ),
        );
        for (const edge of page.node.comments.edges) counts.set(edge.node.body, (counts.get(edge.node.body) ?? 0) + 1);
        if (!page.node.comments.pageInfo.hasNextPage) break;
        after = page.node.comments.pageInfo.endCursor;
      }
    }
    const writes = clients.flatMap((c) => c.comments).filter((body) => !body.startsWith('(failed)'));
    const notExactlyOnce = writes.filter((body) => counts.get(body) !== 1);
    const unexpected = [...counts.keys()].filter((body) => body.startsWith('load ') && !writes.includes(body));
    const drafts = clients.filter((c) => c.role === 'editor');
    const wrongDrafts: string[] = [];
    for (const client of drafts) {
      const node = dataOf(
        await client.http.request<{ node: { version: number; title: string } }>(
          'query D($id: ID!) { node(id: $id) { ... on ImprovementTarget { version title } } }',
          { id: client.targetId },
        ),
      ).node;
      if (node.version !== 1 + client.edits || (client.lastTitle && node.title !== client.lastTitle)) {
        wrongDrafts.push(`${client.targetId}: version ${node.version} after ${client.edits} edits`);
      }
    }

    const line = (kind: string) =>
      `  ${kind.padEnd(36)} ${String(latencies[kind]!.length).padStart(6)} requests   p50 ${percentile(latencies[kind]!, 50).toFixed(1).padStart(7)} ms   p99 ${percentile(latencies[kind]!, 99).toFixed(1).padStart(7)} ms`;
    const all = Object.values(latencies).flat();
    console.log(
      [
        `load: ${SECONDS} s, ${CLIENTS} GraphQL clients: ${requests} requests (${(requests / SECONDS).toFixed(0)}/s), ${failures.length} failed`,
        ...Object.keys(latencies).sort().map(line),
        `  ${'all'.padEnd(36)} ${String(all.length).padStart(6)} requests   p50 ${percentile(all, 50).toFixed(1).padStart(7)} ms   p99 ${percentile(all, 99).toFixed(1).padStart(7)} ms`,
        `  writes: ${writes.length} comments, ${drafts.reduce((n, c) => n + c.edits, 0)} draft edits on ${drafts.length} drafts`,
        `boards: ${BOARD_CONNECTIONS} connections on ${BOARDS} boards, ${noteLatencyProbe} notes written; all converged ${(convergeMs / 1000).toFixed(1)} s after the writing stopped`,
        `event-loop delay p99 / max: server ${serverLoop.p99} / ${serverLoop.max} ms, ` +
          `this process (all the clients) ${(ownLoop.percentile(99) / 1e6).toFixed(1)} / ${(ownLoop.max / 1e6).toFixed(1)} ms; load average ${loadavg()[0]!.toFixed(1)}`,
      ].join('\n'),
    );

    expect(failures.slice(0, 20)).toEqual([]);
    expect(notExactlyOnce.slice(0, 20)).toEqual([]);
    expect(unexpected).toEqual([]);
    expect(wrongDrafts).toEqual([]);
    expect(divergent.slice(0, 20)).toEqual([]);
    expect(server.exited).toBeNull();
    expect(server.failures).toEqual([]);
  });
});
