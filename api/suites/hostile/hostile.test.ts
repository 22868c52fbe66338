// Hostile input against a real api server in its own process (suites/server-process): random
// bytes, truncated and oversized frames on the board socket and on graphql-ws, and fuzzed
// GraphQL documents over HTTP POST, GET and graphql-ws. Every one must be refused with a typed
// error or a documented close code; the server must stay up, its heap (after GC) bounded, and
// the clients using it meanwhile — a board editor and its observer, a graphql-ws subscriber —
// must see nothing but their own work. Seeded: SUITE_SEED replays a run; SUITE_HOSTILE_ROUNDS
// sets how many rounds (default 8); SUITE_HEAP_SNAPSHOTS=<dir> writes the server's heap
// snapshots at the baseline and after the last round.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote, connectBoard, until, type BoardClient } from '../../src/test/board-client.ts';
import { dataOf, TestClient } from '../../src/test/client.ts';
import { eventually, subscribe, type Subscriber } from '../../src/test/live.ts';
import { seededRandom } from '../server-process/random.ts';
import { startSuiteServer, SUITE_PASSWORD, type SuiteServer } from '../server-process/spawn.ts';
import { fuzzRequest, type FuzzRequest } from './documents.ts';
import { frame, rawUpgrade } from './raw-socket.ts';

const ROUNDS = Number(process.env.SUITE_HOSTILE_ROUNDS ?? 8);
const REQUESTS_PER_ROUND = Number(process.env.SUITE_HOSTILE_REQUESTS ?? 40);
/** Generous: a leak of what the rounds send (tens of MB each) would pass it within a few rounds. */
const HEAP_GROWTH_LIMIT = 64 * 1024 * 1024;
const rng = seededRandom('hostile');

/** Codes a refusal may carry; INTERNAL_SERVER_ERROR never. */
const TYPED = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'QUERY_TOO_COMPLEX',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_FOUND',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
]);

interface TypedError {
  message?: unknown;
  extensions?: { code?: unknown; messages?: { ja?: unknown; en?: unknown } };
}

/** What was wrong with a list of errors: an untyped code, or a message missing a language. */
function untyped(errors: readonly TypedError[] | undefined): string[] {
  const problems: string[] = [];
  for (const error of errors ?? []) {
    const code = String(error.extensions?.code);
    if (!TYPED.has(code)) problems.push(`code ${code}: ${String(error.message).slice(0, 200)}`);
    const { ja, en } = error.extensions?.messages ?? {};
    if (typeof ja !== 'string' || !ja || typeof en !== 'string' || !en) {
      problems.push(`${code} without ja/en messages: ${String(error.message).slice(0, 200)}`);
    }
  }
  return problems;
}

let server: SuiteServer;
let coordinator: TestClient;
let committee: TestClient;
let boardName: string;
/** A second board for the editor that sends garbage: what decodes by chance must not reach the bystanders'. */
let garbageBoard: string;
let targetId: string;
let writer: BoardClient;
/** Keeps the garbage board loaded between rounds (see docs/suites.md: a board being unloaded). */
let garbageHolder: BoardClient;
let observer: BoardClient;
let subscriber: Subscriber<{ change: string; comment: { body: string } }>;
const notesWritten: string[] = [];
const commentsWritten: string[] = [];
const problems: string[] = [];
let ticker: NodeJS.Timeout | undefined;

async function signedIn(email: string): Promise<TestClient> {
  const client = new TestClient(server.url);
  const response = await client.signIn(email, SUITE_PASSWORD);
  expect(response.body.data?.signIn.__typename).toBe('SignInPayload');
  return client;
}

beforeAll(async () => {
  server = await startSuiteServer();
  coordinator = await signedIn('coordinator.nakahara@example.jp');
  committee = await signedIn('committee.nakahara@example.jp');
  const ward = dataOf(await coordinator.request<{ ward: { id: string } }>('{ ward(code: "nakahara") { id } }'));
  const board = dataOf(
    await coordinator.request<{ createBoard: { documentName: string } }>(
      'mutation B($input: CreateBoardInput!) { createBoard(input: $input) { documentName } }',
      { input: { title: 'hostile suite bystanders', template: 'BLANK', wardId: ward.ward.id } },
    ),
  );
  boardName = board.createBoard.documentName;
  garbageBoard = dataOf(
    await coordinator.request<{ createBoard: { documentName: string } }>(
      'mutation B($input: CreateBoardInput!) { createBoard(input: $input) { documentName } }',
      { input: { title: 'hostile suite garbage', template: 'BLANK', wardId: ward.ward.id } },
    ),
  ).createBoard.documentName;
  const targets = dataOf(
    await committee.request<{ improvementTargets: { edges: { node: { id: string; viewerCanComment: boolean } }[] } }>(
      `query T($wardId: ID) { improvementTargets(first: 20, wardId: $wardId) { edges { node { id viewerCanComment } } } }`,
      { wardId: ward.ward.id },
    ),
  );
  targetId = targets.improvementTargets.edges.find((e) => e.node.viewerCanComment)!.node.id;

  writer = connectBoard(server.url, boardName, { cookie: coordinator.cookie });
  observer = connectBoard(server.url, boardName, { cookie: committee.cookie });
  garbageHolder = connectBoard(server.url, garbageBoard, { cookie: coordinator.cookie });
  await Promise.all([writer.synced, observer.synced, garbageHolder.synced]);
  subscriber = await subscribe(
    server.url,
    { cookie: committee.cookie },
    'subscription C($id: ID!) { commentEvents(subjectId: $id) { change comment { body } } }',
    { id: targetId },
  );
  // The board editor keeps writing through everything that follows.
  ticker = setInterval(() => {
    const id = `bystander-${notesWritten.length}`;
    notesWritten.push(id);
    addNote(writer.doc, id, { text: `note ${id}` });
  }, 250);
}, 180_000);

afterAll(async () => {
  if (ticker) clearInterval(ticker);
  writer?.destroy();
  observer?.destroy();
  garbageHolder?.destroy();
  await subscriber?.dispose();
  await server?.stop();
});

/** A comment added over HTTP that the subscriber must receive. */
async function bystanderComment(): Promise<void> {
  const body = `bystander comment ${commentsWritten.length}`;
  commentsWritten.push(body);
  dataOf(
    await committee.request('mutation A($input: AddCommentInput!) { addComment(input: $input) { id } }', {
      input: { subjectId: targetId, body },
    }),
  );
}

// ───────────────────────────── the board socket ─────────────────────────────

function syncUpdate(name: string, update: Uint8Array): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, name);
  encoding.writeVarUint(encoder, 0); // sync
  encoding.writeVarUint(encoder, 2); // update
  encoding.writeVarUint8Array(encoder, update);
  return Buffer.from(encoding.toUint8Array(encoder));
}

function awareness(name: string, clientId: number, state: string): Buffer {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, 1);
  encoding.writeVarString(inner, state);
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, name);
  encoding.writeVarUint(encoder, 1); // awareness
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return Buffer.from(encoding.toUint8Array(encoder));
}

function aNoteUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  addNote(doc, rng.word(12), { text });
  return Y.encodeStateAsUpdate(doc);
}

/** The stateless JSON messages (e.g. `refused`) among a board socket's received frames. */
function statelessOf(data: Buffer): Record<string, unknown> | null {
  try {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== 5) return null;
    return JSON.parse(decoding.readVarString(decoder)) as Record<string, unknown>;
  } catch {
    return null;
  }
}

interface Sent {
  code: number;
  stateless: Record<string, unknown>[];
}

/** Opens a socket, sends the frames, and waits for the server to close it. */
function sendAndWaitForClose(
  path: string,
  frames: { data: Buffer; binary?: boolean }[],
  protocol?: string,
  afterAck = false,
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}${path}`, protocol ? [protocol] : []);
    const stateless: Record<string, unknown>[] = [];
    ws.on('message', (data: Buffer) => {
      const message = statelessOf(data);
      if (message) stateless.push(message);
    });
    ws.on('error', () => {});
    ws.on('open', () => {
      for (const f of frames.slice(0, afterAck ? 1 : undefined)) ws.send(f.data, { binary: f.binary ?? true });
    });
    // graphql-ws: the rest once the connection is acknowledged (before that, anything is 4401).
    if (afterAck) {
      ws.on('message', (data: Buffer) => {
        if (!String(data).includes('connection_ack')) return;
        for (const f of frames.slice(1)) ws.send(f.data, { binary: f.binary ?? true });
      });
    }
    ws.on('close', (code) => resolve({ code, stateless }));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

async function boardSocketRound(): Promise<void> {
  const cases: { label: string; frames: { data: Buffer; binary?: boolean }[]; expected: number; refused?: string }[] =
    [];
  for (let i = 0; i < 4; i += 1) {
    cases.push({ label: 'random bytes', frames: [{ data: rng.bytes(rng.int(0, 4096)) }], expected: 4400 });
  }
  cases.push({
    label: 'random text',
    frames: [{ data: Buffer.from(rng.word(rng.int(1, 300))), binary: false }],
    expected: 4400,
  });
  for (let i = 0; i < 4; i += 1) {
    const whole = rng.chance(0.5)
      ? syncUpdate(boardName, aNoteUpdate(rng.word(rng.int(1, 2000))))
      : awareness(boardName, rng.int(1, 2 ** 30), JSON.stringify({ user: { name: rng.word(8) } }));
    // A truncated message, then (same TCP write, often) a valid one after it: the cut must not
    // be read from the bytes that follow.
    const cut = whole.subarray(0, rng.int(0, whole.length - 1));
    const frames: { data: Buffer }[] = [{ data: Buffer.from(cut) }];
    if (rng.chance(0.5)) frames.push({ data: awareness(boardName, 7, '{}') });
    cases.push({ label: `truncated message (${cut.length} of ${whole.length} bytes)`, frames, expected: 4400 });
  }
  const oversized = Buffer.concat([
    syncUpdate(boardName, new Uint8Array(0)),
    rng.bytes(1024 * 1024 + rng.int(1, 512 * 1024)),
  ]);
  cases.push({ label: 'over 1 MiB', frames: [{ data: oversized }], expected: 1009, refused: 'TOO_LARGE' });
  if (rng.chance(0.5)) {
    cases.push({ label: 'over 8 MiB', frames: [{ data: Buffer.alloc(8 * 1024 * 1024 + 16) }], expected: 1009 });
  }
  cases.push({
    label: 'invalid UTF-8 text',
    frames: [{ data: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), binary: false }],
    expected: 1007,
  });

  const results = await Promise.all(cases.map((c) => sendAndWaitForClose('/boards', c.frames)));
  results.forEach((result, i) => {
    const c = cases[i]!;
    if (result.code !== c.expected) problems.push(`/boards ${c.label}: closed ${result.code}, expected ${c.expected}`);
    if (c.refused && !result.stateless.some((m) => m.type === 'refused' && m.code === c.refused)) {
      problems.push(`/boards ${c.label}: no 'refused' ${c.refused} message before the close`);
    }
    for (const m of result.stateless) {
      const messages = m.messages as { ja?: string; en?: string } | undefined;
      if (m.type === 'refused' && (!messages?.ja || !messages.en))
        problems.push(`/boards ${c.label}: refusal without ja/en`);
    }
  });

  // Garbage from an authenticated editor: the envelope is right, the Yjs update is not.
  const chair = await signedIn('chair.nakahara@example.jp');
  const editor = connectBoard(server.url, garbageBoard, { cookie: chair.cookie });
  await editor.synced;
  const socket = (editor.provider.configuration.websocketProvider as unknown as { webSocket: WebSocket }).webSocket;
  const whole = aNoteUpdate(rng.word(50));
  const payload = rng.chance(0.5) ? rng.bytes(rng.int(1, 2000)) : whole.subarray(0, rng.int(1, whole.length - 1));
  socket.send(syncUpdate(garbageBoard, payload));
  let decodes = true;
  try {
    Y.decodeUpdate(payload);
  } catch {
    decodes = false;
  }
  // Undecodable: the 'refused' UNDECODABLE message comes first, then the 4400 close: wait for
  // the close (generously: the server answers every other case of the round at the same time).
  if (decodes) await until(() => editor.closes.length > 0 || editor.stateless.some((m) => m.type === 'refused'), 2_000);
  else await until(() => editor.closes.length > 0, 60_000);
  const refused = editor.stateless.find((m) => m.type === 'refused');
  // Undecodable: closed with 4400. Bytes that happen to decode as an update are checked like any
  // update: refused with a typed code (e.g. MISSING_DEPENDENCIES) and kept, or applied.
  if (!decodes && !editor.closes.includes(4400)) {
    problems.push(`/boards garbage update: not closed with 4400 (closes ${editor.closes.join(',') || 'none'})`);
  }
  if (refused && !['UNDECODABLE', 'MISSING_DEPENDENCIES', 'UNKNOWN_TYPE'].includes(String(refused.code))) {
    problems.push(`/boards garbage update: refused ${String(refused.code)}`);
  }
  editor.destroy();
}

async function rawFrameRound(path: string, protocol?: string): Promise<void> {
  const cases: { label: string; bytes: Buffer; expected: number | null }[] = [
    // A truncated frame header, then the end of the connection: nothing to answer, nothing to crash.
    { label: 'truncated header', bytes: Buffer.from([0x82]), expected: null },
    { label: 'truncated payload', bytes: frame(2, rng.bytes(100)).subarray(0, rng.int(7, 60)), expected: null },
    { label: 'unmasked frame', bytes: frame(2, rng.bytes(rng.int(1, 100)), { mask: false }), expected: 1002 },
    { label: 'reserved opcode', bytes: frame(rng.pick([3, 4, 5, 6, 7, 11, 12]), rng.bytes(10)), expected: 1002 },
    { label: 'declared 2^62 bytes', bytes: frame(2, Buffer.alloc(0), { declaredLength: 2n ** 62n }), expected: 1009 },
    { label: 'fragmented control frame', bytes: frame(9, rng.bytes(4), { fin: false }), expected: 1002 },
  ];
  for (const c of cases) {
    const raw = await rawUpgrade(server.url, path, protocol);
    raw.socket.write(c.bytes);
    if (c.expected === null) raw.socket.end();
    const code = await raw.closed;
    raw.socket.destroy();
    if (code !== c.expected) problems.push(`${path} raw ${c.label}: close ${code}, expected ${c.expected}`);
  }
}

// ───────────────────────────── graphql-ws ─────────────────────────────

const GRAPHQL_WS = 'graphql-transport-ws';

async function graphqlWsProtocolRound(): Promise<void> {
  const init = JSON.stringify({ type: 'connection_init' });
  const sub = (id: string) =>
    JSON.stringify({
      id,
      type: 'subscribe',
      payload: { query: 'subscription { guidelineVersionChanged { __typename } }' },
    });
  const text = (s: string) => ({ data: Buffer.from(s), binary: false });
  const cases: { label: string; frames: { data: Buffer; binary?: boolean }[]; expected: number; afterAck?: boolean }[] =
    [
      { label: 'random bytes', frames: [{ data: rng.bytes(rng.int(1, 4096)) }], expected: 4400 },
      { label: 'random text', frames: [text(rng.word(rng.int(1, 500)))], expected: 4400 },
      {
        label: 'JSON of the wrong shape',
        frames: [text(init), text(JSON.stringify({ type: 'subscribe', id: 5, payload: {} }))],
        expected: 4400,
      },
      {
        label: 'a query that is not a string',
        frames: [text(init), text(JSON.stringify({ type: 'subscribe', id: 'q', payload: { query: 42 } }))],
        expected: 4400,
      },
      {
        label: 'unknown message type',
        frames: [text(init), text(JSON.stringify({ type: rng.word(6) }))],
        expected: 4400,
      },
      { label: 'subscribe before connection_init', frames: [text(sub('a'))], expected: 4401 },
      { label: 'connection_init twice', frames: [text(init), text(init)], expected: 4429 },
      {
        label: 'the same id twice',
        frames: [text(init), text(sub('a')), text(sub('a'))],
        expected: 4409,
        afterAck: true,
      },
      {
        label: 'over 1 MiB',
        frames: [text(init), text(`{"type":"ping","payload":"${'x'.repeat(1024 * 1024)}"}`)],
        expected: 1009,
      },
      {
        label: 'invalid UTF-8 text',
        frames: [{ data: Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), binary: false }],
        expected: 1007,
      },
    ];
  const results = await Promise.all(
    cases.map((c) => sendAndWaitForClose('/graphql', c.frames, GRAPHQL_WS, c.afterAck)),
  );
  results.forEach((result, i) => {
    const c = cases[i]!;
    if (result.code !== c.expected) problems.push(`/graphql ${c.label}: closed ${result.code}, expected ${c.expected}`);
  });
}

/** Fuzzed documents over one graphql-ws connection; each must come back typed, the connection open. */
async function graphqlWsDocumentRound(requests: FuzzRequest[]): Promise<void> {
  const usable = requests.filter(
    (r) =>
      r.body &&
      typeof r.body.query === 'string' &&
      !r.body.query.includes('subscription') &&
      (r.body.variables === undefined || r.body.variables === null || typeof r.body.variables === 'object') &&
      !Array.isArray(r.body.variables) &&
      (r.body.operationName === undefined ||
        r.body.operationName === null ||
        typeof r.body.operationName === 'string') &&
      Buffer.byteLength(JSON.stringify(r.body)) < 1024 * 1024 - 1024,
  );
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/graphql`, [GRAPHQL_WS], {
    headers: rng.chance(0.5) ? { cookie: committee.cookie! } : {},
  });
  ws.on('error', () => {});
  const pending = new Map<string, FuzzRequest>();
  let closed: number | null = null;
  let acked = false;
  ws.on('close', (code) => (closed = code));
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(String(data)) as { type: string; id?: string; payload?: unknown };
    if (message.type === 'connection_ack') {
      acked = true;
      usable.forEach((r, i) => {
        const id = `f${i}`;
        pending.set(id, r);
        ws.send(JSON.stringify({ id, type: 'subscribe', payload: r.body }));
      });
      return;
    }
    const request = message.id ? pending.get(message.id) : undefined;
    if (!request) return;
    if (message.type === 'error') {
      for (const p of untyped(message.payload as TypedError[])) problems.push(`graphql-ws ${request.kind}: ${p}`);
      pending.delete(message.id!);
    } else if (message.type === 'next') {
      const errors = (message.payload as { errors?: TypedError[] }).errors;
      for (const p of untyped(errors)) problems.push(`graphql-ws ${request.kind}: ${p}`);
    } else if (message.type === 'complete') {
      pending.delete(message.id!);
    }
  });
  ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init' })));
  await until(
    () => closed !== null || (acked && pending.size === 0 && usable.length > 0) || usable.length === 0,
    60_000,
  );
  if (closed !== null) problems.push(`graphql-ws documents: the connection closed (${closed})`);
  for (const [, r] of pending) problems.push(`graphql-ws ${r.kind}: no answer`);
  ws.close();
}

// ───────────────────────────── GraphQL over HTTP ─────────────────────────────

const HTTP_STATUSES = new Set([200, 400, 401, 403, 404, 405, 413, 415, 429, 431]);

async function httpRequest(request: FuzzRequest, method: 'GET' | 'POST'): Promise<void> {
  const label = `HTTP ${method} ${request.kind}`;
  let response: Response;
  try {
    if (method === 'GET') {
      const params = new URLSearchParams();
      const body = request.body!;
      params.set('query', String(body.query));
      if (body.variables !== undefined) params.set('variables', JSON.stringify(body.variables));
      if (typeof body.operationName === 'string') params.set('operationName', body.operationName);
      response = await fetch(`${server.url}/graphql?${params}`);
    } else {
      const headers: Record<string, string> = { 'content-type': request.contentType ?? 'application/json' };
      if (headers['content-type'] === '') delete headers['content-type'];
      if (rng.chance(0.3)) headers['accept'] = 'application/graphql-response+json';
      if (rng.chance(0.3)) headers['accept-language'] = rng.pick(['en', 'ja', 'fr', '*;q=x']);
      response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers,
        body: request.raw ?? JSON.stringify(request.body),
      });
    }
  } catch (error) {
    // Over 1 MiB the server answers 413 and closes at once: a client still sending its body
    // may see the reset before the answer. That is the refusal, for those bodies only.
    const size = request.raw?.length ?? JSON.stringify(request.body ?? null).length;
    const reset = /EPIPE|ECONNRESET|other side closed/.test(String((error as Error).cause ?? error));
    if (!(reset && method === 'POST' && size > 1024 * 1024)) {
      problems.push(`${label}: no response (${(error as Error).cause ?? (error as Error).message})`);
    }
    return;
  }
  const text = await response.text();
  if (!HTTP_STATUSES.has(response.status)) problems.push(`${label}: HTTP ${response.status}`);
  if (response.status === 431) return; // Node's own refusal of a URL too long for its headers
  let body: { data?: unknown; errors?: TypedError[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    problems.push(`${label}: HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 120)}`);
    return;
  }
  for (const p of untyped(body.errors)) problems.push(`${label}: ${p}`);
  if (response.status !== 200 && !body.errors?.length)
    problems.push(`${label}: HTTP ${response.status} without errors`);
}

async function httpRound(requests: FuzzRequest[]): Promise<void> {
  // A few at a time, like a handful of hostile clients.
  const queue = [...requests];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let r = queue.shift(); r; r = queue.shift()) {
        // A URL within Node's 16 KB of headers (longer ones are Node's 431 or a reset, not ours).
        const getable = r.body && typeof r.body.query === 'string' && JSON.stringify(r.body).length < 6000 && !r.raw;
        await httpRequest(r, getable && rng.chance(0.4) ? 'GET' : 'POST');
      }
    }),
  );
}

// ───────────────────────────── the rounds ─────────────────────────────

async function round(): Promise<void> {
  const notesBefore = notesWritten.length;
  const commentsBefore = commentsWritten.length;
  const requests = Array.from({ length: REQUESTS_PER_ROUND }, () => fuzzRequest(rng));
  await Promise.all([
    boardSocketRound(),
    rawFrameRound('/boards'),
    rawFrameRound('/graphql', GRAPHQL_WS),
    graphqlWsProtocolRound(),
    graphqlWsDocumentRound(requests),
    httpRound(requests),
    bystanderComment(),
  ]);
  // The bystanders saw everything of theirs that happened during the round.
  const observed = () => observer.doc.getMap('notes');
  await until(() => notesWritten.slice(0, notesBefore).every((id) => observed().has(id)), 30_000);
  await eventually(() => subscriber.events.length >= commentsBefore + 1);
}

describe('hostile input', () => {
  it('is refused, typed, while the server stays up, bounded, and its other clients undisturbed', async () => {
    await round(); // warm-up: every path has run once before the baseline
    const before = await server.metrics({ gc: true });
    // SUITE_HEAP_SNAPSHOTS=<dir>: the server's heap at the baseline and after the last round.
    const snapshots = process.env.SUITE_HEAP_SNAPSHOTS;
    if (snapshots) await server.heapSnapshot(`${snapshots}/hostile-before.heapsnapshot`);
    for (let i = 1; i < ROUNDS; i += 1) {
      await round();
      if (snapshots)
        console.log(
          `hostile: round ${i + 1}: heap after GC ${((await server.metrics({ gc: true })).heapUsed / 2 ** 20).toFixed(1)} MB`,
        );
    }
    const after = await server.metrics({ gc: true });
    if (snapshots) await server.heapSnapshot(`${snapshots}/hostile-after.heapsnapshot`);
    const growth = after.heapUsed - before.heapUsed;
    console.log(
      `hostile: ${ROUNDS} rounds × ${REQUESTS_PER_ROUND} fuzzed documents (HTTP and graphql-ws), ` +
        `${after.boards.guard.closed} board sockets closed by the guard; heap after GC ` +
        `${(before.heapUsed / 2 ** 20).toFixed(1)} → ${(after.heapUsed / 2 ** 20).toFixed(1)} MB`,
    );

    if (ticker) clearInterval(ticker);
    ticker = undefined;
    await until(() => observer.doc.getMap('notes').size === notesWritten.length, 30_000);
    await eventually(() => subscriber.events.length === commentsWritten.length);
    const serverNotes = await server.boardNotes(boardName);

    expect(problems).toEqual([]);
    expect(server.exited).toBeNull();
    expect(server.failures).toEqual([]);
    expect(growth).toBeLessThan(HEAP_GROWTH_LIMIT);
    // The bystanders: every note on both clients and the server, every comment live, no close, no error.
    expect([...observer.doc.getMap('notes').keys()].sort()).toEqual([...notesWritten].sort());
    expect(Object.keys(serverNotes).sort()).toEqual([...notesWritten].sort());
    expect(writer.closes).toEqual([]);
    expect(observer.closes).toEqual([]);
    expect(subscriber.errors).toEqual([]);
    expect(subscriber.events.map((e) => e.comment.body)).toEqual(commentsWritten);
    // And the server still answers as usual.
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
