// Soak (bounded; not in CI): `pnpm soak` runs SOAK_MINUTES (15) against an api server in its
// own process. SOAK_CLIENTS (200) board clients churn: each edits a board, and every
// SOAK_CHURN_SECONDS (30, jittered) disconnects and reconnects to another of SOAK_BOARDS (50)
// boards with a fresh document; SOAK_READERS (20) signed-in GraphQL clients read meanwhile.
// Each board is kept at about 40 notes (a note added, an old one deleted). After a warm-up (a
// fifth of the run, at least two churn periods) it samples the server every 30 s and at
// the end prints PASS/FAIL per goal, exiting 1 on any FAIL:
//   heap growth after warm-up ≤ 10 % (heap after GC, at the end of the run vs the end of warm-up),
//     less what the boards' own Yjs documents grew by: a Yjs document keeps an item for every
//     note ever added (deleted ones as tombstones) and every client that wrote, so a board in
//     use grows with its history (about 0.4–0.5 KB per note added and deleted). At each sample
//     the soak applies every board's current state to a bare Y.Doc in its own process and
//     measures that heap: the growth of those bare copies is the boards' history, the rest is
//     what the server itself keeps
//   documents still loaded once every client has left and the unload delay passed: 0
//   open file descriptors of the server: at the end ≤ 10 % over warm-up, after the clients
//   left ≤ 5 over before they came
//   no GraphQL request failed, no board client was closed on
// and reports the server's event-loop delay (p50/p99/max, perf_hooks.monitorEventLoopDelay in
// the server process) per sample and over the run.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as Y from 'yjs';
import { addNote, connectBoard, type BoardClient } from '../../src/test/board-client.ts';
import { dataOf, TestClient } from '../../src/test/client.ts';
import { seededRandom } from '../server-process/random.ts';
import { startSuiteServer, SUITE_PASSWORD, type ServerMetrics } from '../server-process/spawn.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 15);
const CLIENTS = Number(process.env.SOAK_CLIENTS ?? 200);
const BOARDS = Number(process.env.SOAK_BOARDS ?? 50);
const READERS = Number(process.env.SOAK_READERS ?? 20);
const CHURN_SECONDS = Number(process.env.SOAK_CHURN_SECONDS ?? 30);
const SAMPLE_SECONDS = 30;
const NOTES_PER_BOARD = 40;
const rng = seededRandom('soak');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

const BOARD_EDITORS = [
  'mayor.nakahara@example.jp',
  'coordinator.nakahara@example.jp',
  'chair.nakahara@example.jp',
  'committee.nakahara@example.jp',
  'head.nakahara@example.jp',
  'section.nakahara@example.jp',
];

const server = await startSuiteServer();
const started = Date.now();
const durationMs = MINUTES * 60_000;
// Long enough for every client to have joined and every board to be loaded (two churn periods).
const warmUpMs = Math.max(2 * CHURN_SECONDS * 1000, durationMs / 5);
const deadline = started + durationMs;
console.log(
  `soak: ${MINUTES} min, ${CLIENTS} board clients churning every ~${CHURN_SECONDS} s over ${BOARDS} boards, ` +
    `${READERS} GraphQL readers; warm-up ${(warmUpMs / 1000).toFixed(0)} s; server pid ${server.pid}`,
);

async function signedIn(email: string): Promise<TestClient> {
  const client = new TestClient(server.url);
  const response = await client.signIn(email, SUITE_PASSWORD);
  if (response.body.data?.signIn.__typename !== 'SignInPayload') throw new Error(`sign-in failed for ${email}`);
  return client;
}

const coordinator = await signedIn('coordinator.nakahara@example.jp');
const wardId = dataOf(await coordinator.request<{ ward: { id: string } }>('{ ward(code: "nakahara") { id } }')).ward.id;
const boardNames: string[] = [];
for (let b = 0; b < BOARDS; b += 1) {
  const created = dataOf(
    await coordinator.request<{ createBoard: { documentName: string } }>(
      'mutation B($input: CreateBoardInput!) { createBoard(input: $input) { documentName } }',
      { input: { title: `耐久試験ボード ${b + 1}`, template: 'BLANK', wardId } },
    ),
  );
  boardNames.push(created.createBoard.documentName);
}
const sessions = await Promise.all(BOARD_EDITORS.flatMap((email) => [signedIn(email), signedIn(email)]));
const readers = await Promise.all(
  Array.from({ length: READERS }, (_, i) => signedIn(BOARD_EDITORS[i % BOARD_EDITORS.length]!)),
);
const filesBefore = server.openFiles();
/** The clients connected to each board now (any of them holds the board's whole state). */
const onBoard = new Map<string, Set<BoardClient>>(boardNames.map((name) => [name, new Set()]));
const failures: string[] = [];
let connects = 0;
let notes = 0;
let reads = 0;

// ───────────────────────────── the churn ─────────────────────────────

async function churner(index: number): Promise<void> {
  const cookie = sessions[index % sessions.length]!.cookie;
  await sleep(rng.int(0, CHURN_SECONDS * 1000));
  while (Date.now() < deadline) {
    const name = rng.pick(boardNames);
    const client: BoardClient = connectBoard(server.url, name, { cookie });
    connects += 1;
    try {
      await client.synced;
    } catch (error) {
      failures.push(`board ${name}: ${(error as Error).message}`);
      client.destroy();
      continue;
    }
    onBoard.get(name)!.add(client);
    const stayUntil = Math.min(deadline, Date.now() + CHURN_SECONDS * 1000 * (0.5 + rng.next()));
    while (Date.now() < stayUntil) {
      // Boards stay the same size (about NOTES_PER_BOARD notes): a note in, an old one out, so
      // the heap can only grow by what the server keeps, not by what people wrote.
      const board = client.doc.getMap('notes');
      client.doc.transact(() => {
        while (board.size >= NOTES_PER_BOARD) board.delete(rng.pick([...board.keys()]));
      });
      addNote(client.doc, `${index}-${connects}-${rng.word(6)}`, { text: rng.word(rng.int(5, 80)) });
      notes += 1;
      await sleep(rng.int(2_000, 8_000));
    }
    if (client.closes.length > 0) failures.push(`board ${name}: closed on (${client.closes.join(', ')})`);
    onBoard.get(name)!.delete(client);
    client.destroy();
  }
}

const READ_QUERIES = [
  '{ wards(first: 7) { edges { node { id code name } } } }',
  'query T($w: ID) { improvementTargets(first: 20, wardId: $w) { edges { node { id title state } } } }',
  '{ boards(first: 20) { edges { node { id title } } } }',
  '{ currentFiscalYear { year } }',
];

async function reader(client: TestClient): Promise<void> {
  while (Date.now() < deadline) {
    const query = rng.pick(READ_QUERIES);
    try {
      const response = await client.request(query, { w: wardId });
      reads += 1;
      if (response.status !== 200 || response.body.errors?.length) {
        failures.push(`read: HTTP ${response.status} ${JSON.stringify(response.body.errors).slice(0, 200)}`);
      }
    } catch (error) {
      // fetch's own message is only "fetch failed": the cause says which (reset, timeout, refused).
      const cause = (error as Error).cause as { code?: string; message?: string } | undefined;
      failures.push(`read: ${(error as Error).message}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}`);
    }
    await sleep(rng.int(500, 1500));
  }
}

// ───────────────────────────── sampling ─────────────────────────────

interface Sample {
  at: number;
  metrics: ServerMetrics;
  files: number;
  /** Heap of bare Y.Docs holding every loaded board's state at this moment (the boards' history). */
  documents: number;
}

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** The heap that the boards' current states take in bare Y.Docs (after GC), in this process. */
function documentsHeap(): number {
  const states = [...onBoard.values()].flatMap((clients) => {
    const client = [...clients].find((c) => c.doc.getMap('notes').size > 0);
    return client ? [Y.encodeStateAsUpdate(client.doc)] : [];
  });
  collect();
  const before = process.memoryUsage().heapUsed;
  const copies = states.map((state) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    return doc;
  });
  collect();
  const used = process.memoryUsage().heapUsed - before;
  for (const doc of copies) doc.destroy();
  return Math.max(0, used);
}
const samples: Sample[] = [];
let warmUp: Sample | undefined;

async function sample(label: string): Promise<Sample> {
  const metrics = await server.metrics({ gc: true, resetLoop: true });
  const s = { at: Date.now() - started, metrics, files: server.openFiles(), documents: documentsHeap() };
  console.log(
    `${label.padEnd(9)} t=${String(Math.round(s.at / 1000)).padStart(4)} s  heap ${mb(metrics.heapUsed).padStart(9)}  ` +
      `(boards' history ${mb(s.documents)})  rss ${mb(metrics.rss).padStart(9)}  fds ${String(s.files).padStart(4)}  ` +
      `docs ${String(metrics.boards.documents).padStart(3)} (without connections ${metrics.loadedWithoutConnections})  ` +
      `connections ${String(metrics.boards.connections).padStart(4)}  ` +
      `loop p50/p99/max ${metrics.eventLoop.p50}/${metrics.eventLoop.p99}/${metrics.eventLoop.max} ms  ` +
      `connects ${connects} notes ${notes} reads ${reads}`,
  );
  return s;
}

const sampler = (async () => {
  await sleep(warmUpMs);
  warmUp = await sample('warm-up');
  while (Date.now() + SAMPLE_SECONDS * 1000 < deadline) {
    await sleep(SAMPLE_SECONDS * 1000);
    samples.push(await sample('sample'));
  }
})();

await Promise.all([
  ...Array.from({ length: CLIENTS }, (_, i) => churner(i)),
  ...readers.map((client) => reader(client)),
  sampler,
]);
const last = samples.at(-1) ?? (await sample('end'));

// Everyone has left: after the unload delay (Hocuspocus unloads at once, after its debounced
// store of at most 1 s), nothing may stay loaded.
await sleep(10_000);
const leftMetrics = await server.metrics({ gc: true });
const left = { metrics: leftMetrics, files: server.openFiles() };
console.log(
  `left      heap ${mb(left.metrics.heapUsed)}  fds ${left.files} (before the clients came: ${filesBefore})  ` +
    `docs ${left.metrics.boards.documents}  connections ${left.metrics.boards.connections}`,
);
await server.stop();

// ───────────────────────────── goals ─────────────────────────────

const base = warmUp ?? last;
const rawGrowth = last.metrics.heapUsed - base.metrics.heapUsed;
const historyGrowth = last.documents - base.documents;
const growth = (rawGrowth - historyGrowth) / base.metrics.heapUsed;
const allSamples = [base, ...samples];
const loopP99 = Math.max(...allSamples.map((s) => s.metrics.eventLoop.p99));
const loopMax = Math.max(...allSamples.map((s) => s.metrics.eventLoop.max));
const goals: [string, boolean, string][] = [
  [
    'heap growth after warm-up ≤ 10 %',
    growth <= 0.1,
    `${mb(base.metrics.heapUsed)} → ${mb(last.metrics.heapUsed)} (+${mb(rawGrowth)}, of which the boards' own ` +
      `history +${mb(historyGrowth)} (${mb(base.documents)} → ${mb(last.documents)} in bare Y.Docs); ` +
      `the rest ${(growth * 100).toFixed(1)} %)`,
  ],
  [
    'documents loaded without connections after the unload delay: 0',
    left.metrics.boards.documents === 0 && left.metrics.loadedWithoutConnections === 0,
    `${left.metrics.boards.documents} loaded, ${left.metrics.loadedWithoutConnections} without connections ` +
      `(during the run, at most ${Math.max(...allSamples.map((s) => s.metrics.loadedWithoutConnections))} per sample)`,
  ],
  [
    'open file descriptors stable (at the end ≤ warm-up + 10 %; after the clients left ≤ before + 5)',
    last.files <= base.files * 1.1 && left.files <= filesBefore + 5,
    `${filesBefore} before, ${base.files} at warm-up, ${last.files} at the end, ${left.files} after`,
  ],
  [
    'no failed request, no board client closed on',
    failures.length === 0,
    `${failures.length} ${failures.slice(0, 5).join('; ')}`,
  ],
];
console.log(`\nsoak: ${connects} board connections, ${notes} notes, ${reads} GraphQL reads in ${MINUTES} min`);
for (const [goal, met, detail] of goals) console.log(`${met ? 'PASS' : 'FAIL'}  ${goal}: ${detail}`);
console.log(`INFO  event-loop delay of the server: p99 ≤ ${loopP99} ms per 30 s window, max ${loopMax} ms`);
process.exit(goals.every(([, met]) => met) ? 0 : 1);
