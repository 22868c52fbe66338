// Several api instances on one PostgreSQL database and one Redis (issue 7, docs/boards.md
// "Several instances"): real servers on ephemeral ports, real Yjs providers over real sockets.
// Runs in the PostgreSQL pass of the api suite (SHISHIN_TEST_DB=postgres); with CI=true an
// unreachable Redis or PostgreSQL fails the file instead of skipping it.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer as createTcpServer, connect as tcpConnect, type AddressInfo, type Server } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { createTestDatabase, openDatabase, type Database } from '@shishin/prisma';
import { seed } from '@shishin/prisma/seed';
import { Redis as RedisClient } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { reactionsOf, setReaction } from './document.ts';
import { applyStoredState } from './stored-state.ts';
import { startServer, type RunningServer, type ServerOptions } from '../http/server.ts';
import { addNote, connectBoard, until, type BoardClient } from '../test/board-client.ts';
import { dataOf, globalId, rowId, TestClient } from '../test/client.ts';
import { fastHash, TEST_PASSWORD } from '../test/server.ts';

const onPostgres = process.env.SHISHIN_TEST_DB === 'postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisAnswers(url: string): Promise<boolean> {
  const client = new RedisClient(url, { lazyConnect: true, retryStrategy: () => null, connectTimeout: 1000 });
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

const redisUp = onPostgres ? await redisAnswers(REDIS_URL) : false;
if (onPostgres && !redisUp && process.env.CI) {
  throw new Error(`Redis is not reachable at ${REDIS_URL} (set TEST_REDIS_URL): the scale-out tests cannot run.`);
}

interface Instance {
  server: RunningServer;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

let database: Database;
const instances: Instance[] = [];
const open: BoardClient[] = [];
const logs: string[] = [];

/** One more api instance on the test database: its own pool, its own Hocuspocus. */
async function startInstance(boards: ServerOptions['boards']): Promise<Instance> {
  const own = await openDatabase({ url: database.url, migrate: false });
  const server = await startServer({ database: own, log: (m) => logs.push(m), boards });
  let stopped = false;
  const instance: Instance = {
    server,
    database: own,
    url: server.url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await own.close();
    },
  };
  instances.push(instance);
  return instance;
}

const prefix = () => `shishin-test:${randomUUID()}`;

function connect(url: string, documentName: string, who: TestClient, retry?: { maxAttempts?: number; delay?: number }) {
  const client = connectBoard(url, documentName, { cookie: who.cookie }, new Y.Doc(), retry);
  open.push(client);
  return client;
}

async function signedIn(url: string, email: string): Promise<TestClient> {
  const client = new TestClient(url);
  dataOf(await client.signIn(email, TEST_PASSWORD));
  return client;
}

/** The same session on another instance (sessions live in the database). */
function on(url: string, who: TestClient): TestClient {
  const client = new TestClient(url);
  client.cookie = who.cookie;
  return client;
}

async function newBoard(facilitator: TestClient): Promise<string> {
  const committee = await database.prisma.committee.findFirstOrThrow({ where: { kind: 'REVISION_WORKING_GROUP' } });
  const created = dataOf(
    await facilitator.request<{ createBoard: { id: string } }>(
      `mutation C($input: CreateBoardInput!) { createBoard(input: $input) { id } }`,
      {
        input: {
          title: '改定ワークショップ（複数インスタンス）',
          template: 'REVISION_WORKSHOP',
          committeeId: globalId('Committee', committee.id),
        },
      },
    ),
  ).createBoard;
  return rowId(created.id);
}

const notesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('notes');
const content = (doc: Y.Doc) => ({
  notes: notesOf(doc).toJSON(),
  clusters: doc.getMap('clusters').toJSON(),
  control: doc.getMap('control').toJSON(),
});
const textOf = (doc: Y.Doc, id: string) => (notesOf(doc).get(id)?.get('text') as Y.Text | undefined)?.toString();

/** What a fresh load would read: board.document and every row of the log. */
async function stored(boardId: string): Promise<Y.Doc> {
  const board = await database.prisma.board.findUniqueOrThrow({ where: { id: boardId } });
  const rows = await database.prisma.boardUpdate.findMany({ where: { boardId }, orderBy: { seq: 'asc' } });
  const doc = new Y.Doc();
  if (board.document) applyStoredState(doc, board.document);
  for (const row of rows) Y.applyUpdate(doc, row.update);
  return doc;
}

/** Struct ranges (client, clock…clock+length) that appear in more than one board_update row. */
async function duplicatedStructs(boardId: string): Promise<string[]> {
  const rows = await database.prisma.boardUpdate.findMany({ where: { boardId }, orderBy: { seq: 'asc' } });
  const seen = new Map<number, [number, number][]>();
  const duplicates: string[] = [];
  for (const row of rows) {
    for (const struct of Y.decodeUpdate(row.update).structs) {
      if (struct.constructor.name === 'Skip') continue;
      const { client, clock } = struct.id;
      const ranges = seen.get(client) ?? [];
      if (ranges.some(([from, to]) => clock < to && clock + struct.length > from)) {
        duplicates.push(`${client}:${clock}`);
      }
      ranges.push([clock, clock + struct.length]);
      seen.set(client, ranges);
    }
  }
  return duplicates;
}

const unloaded = (name: string, ...of: Instance[]) => of.every((i) => !i.server.boards.documents.isLoaded(name));

/** A TCP forwarder standing in for a load balancer: new connections go to `target`. */
function balancer(initial: Instance): Promise<{ url: string; target: Instance; server: Server }> {
  const state = { target: initial } as { url: string; target: Instance; server: Server };
  state.server = createTcpServer((socket) => {
    const upstream = tcpConnect(state.target.server.port, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => socket.destroy());
  });
  return new Promise((resolve) =>
    state.server.listen(0, '127.0.0.1', () => {
      state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}`;
      resolve(state);
    }),
  );
}

/** A Redis of our own on an ephemeral port, to stop and start again. */
async function freePort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await redisAnswers(url)); i += 1) await new Promise((r) => setTimeout(r, 50));
  if (!(await redisAnswers(url))) throw new Error(`redis-server did not start on ${port}`);
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe.skipIf(!onPostgres || !redisUp)('several api instances on one PostgreSQL and one Redis', () => {
  let facilitator: TestClient;
  let member: TestClient;
  let member2: TestClient;
  let a: Instance;
  let b: Instance;
  let c: Instance;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    await seed(database.prisma, { sample: true, hashPassword: fastHash, samplePassword: TEST_PASSWORD });
    const shared = { redis: { url: REDIS_URL, prefix: prefix() } };
    [a, b, c] = await Promise.all([startInstance(shared), startInstance(shared), startInstance(shared)]);
    facilitator = await signedIn(a!.url, 'facilitator@example.jp');
    member = await signedIn(b!.url, 'section.nakahara@example.jp');
    member2 = await signedIn(c!.url, 'section.nakahara@example.jp');
    await Promise.all([a!, b!, c!].map((i) => i.server.boards.redis!.ready));
  });

  afterAll(async () => {
    for (const client of open) client.destroy();
    await Promise.all(instances.map((instance) => instance.stop()));
    await database?.close();
  });

  it('lets clients on three instances converge on notes, text, reactions and vote totals, each edit stored once', async () => {
    const boardId = await newBoard(facilitator);
    const name = `board:${boardId}`;
    const x = connect(a.url, name, facilitator);
    const y = connect(b.url, name, member);
    const z = connect(c.url, name, member2);
    await Promise.all([x.synced, y.synced, z.synced]);

    addNote(x.doc, 'na', { text: '窓口の案内表示', lane: 'problems' });
    addNote(y.doc, 'nb', { text: '繁忙期の待ち時間', lane: 'problems', x: 200 });
    addNote(z.doc, 'nc', { text: '手続の電子化', lane: 'proposals', x: 400 });
    await until(() => [x, y, z].every((client) => notesOf(client.doc).size === 3));
    expect([x, y, z].map((client) => [...notesOf(client.doc).keys()].sort())).toEqual([
      ['na', 'nb', 'nc'],
      ['na', 'nb', 'nc'],
      ['na', 'nb', 'nc'],
    ]);
    // Concurrent edits of one note's text from all three, and reactions.
    (notesOf(x.doc).get('na')!.get('text') as Y.Text).insert(0, '【庁舎】');
    const yText = notesOf(y.doc).get('na')!.get('text') as Y.Text;
    yText.insert(yText.length, '（高齢の方から）');
    setReaction(notesOf(z.doc).get('na')!, 'u-z', '+1');
    setReaction(notesOf(y.doc).get('na')!, 'u-y', '!');
    for (let i = 0; i < 10; i += 1) addNote([x, y, z][i % 3]!.doc, `m${i}`, { text: `付箋 ${i}`, x: i * 10 });
    await until(
      () =>
        notesOf(x.doc).size === 13 &&
        isDeepStrictEqual(content(x.doc), content(y.doc)) &&
        isDeepStrictEqual(content(x.doc), content(z.doc)) &&
        Object.keys(reactionsOf(notesOf(x.doc).get('na')!)).length === 2 &&
        textOf(x.doc, 'na')!.includes('【庁舎】') &&
        textOf(x.doc, 'na')!.includes('（高齢の方から）'),
    );
    expect(content(y.doc)).toEqual(content(x.doc));
    expect(content(z.doc)).toEqual(content(x.doc));
    expect(textOf(z.doc, 'na')).toBe('【庁舎】窓口の案内表示（高齢の方から）');

    // Votes through the GraphQL of three different instances.
    const id = globalId('Board', boardId);
    dataOf(await on(c.url, facilitator).request(`mutation { openBoardVote(boardId: "${id}", votesPerPerson: 2) }`));
    await until(() =>
      [x, y, z].every((client) => (client.doc.getMap('control').get('vote') as { open?: boolean } | null)?.open),
    );
    const cast = `mutation V($b: ID!, $n: String!) { castBoardVote(boardId: $b, noteId: $n) { remaining } }`;
    dataOf(await member.request(cast, { b: id, n: 'na' }));
    dataOf(await on(a.url, member).request(cast, { b: id, n: 'nb' }));
    dataOf(await facilitator.request(cast, { b: id, n: 'na' }));
    dataOf(await on(b.url, facilitator).request(`mutation { closeBoardVote(boardId: "${id}") { noteId votes } }`));
    const results = (client: BoardClient) => client.doc.getMap('control').get('voteResults');
    await until(() => [x, y, z].every((client) => isDeepStrictEqual(results(client), { na: 2, nb: 1 })));
    for (const client of [x, y, z]) expect(results(client)).toEqual({ na: 2, nb: 1 });

    // Every edit is in the log once, written by the instance that received it.
    await Promise.all([a, b, c].map((i) => i.server.boards.flush()));
    expect(await duplicatedStructs(boardId)).toEqual([]);
    expect(content(await stored(boardId))).toEqual(content(x.doc));

    // Everyone leaves: every instance unloads, the folded state has everything, nothing twice.
    const expected = content(x.doc);
    for (const client of [x, y, z]) client.destroy();
    await until(() => unloaded(name, a, b, c));
    expect(unloaded(name, a, b, c)).toBe(true);
    await Promise.all([a, b, c].map((i) => i.server.boards.flush()));
    expect(content(await stored(boardId))).toEqual(expected);
    expect(await duplicatedStructs(boardId)).toEqual([]);
    const again = connect(c.url, name, member2);
    await again.synced;
    expect(content(again.doc)).toEqual(expected);
    expect(logs.filter((m) => m.startsWith('board persistence'))).toEqual([]);
  });

  it('does not clobber when two instances that cannot see each other write the same board or private document', async () => {
    // No Redis between these two: their documents differ until the database brings them together.
    const [p, q] = await Promise.all([startInstance({ squashEvery: 2 }), startInstance({ squashEvery: 2 })]);
    const boardId = await newBoard(on(p.url, facilitator));
    const name = `board:${boardId}`;
    const x = connect(p.url, name, facilitator);
    const y = connect(q.url, name, member);
    await Promise.all([x.synced, y.synced]);
    // Rows pile up on both sides; each instance folds the log every two rows (after the
    // debounce), while the other keeps appending.
    for (let i = 0; i < 25; i += 1) {
      addNote(x.doc, `p${i}`, { text: `P ${i}`, x: i });
      addNote(y.doc, `q${i}`, { text: `Q ${i}`, x: i });
      await new Promise((resolve) => setTimeout(resolve, 80));
    }
    await until(
      () =>
        x.stateless.some((m) => m.type === 'saved' && Number(m.updates) >= 25) &&
        y.stateless.some((m) => m.type === 'saved' && Number(m.updates) >= 25),
    );
    x.destroy();
    y.destroy();
    await until(() => unloaded(name, p, q));
    expect(unloaded(name, p, q)).toBe(true);
    const doc = await stored(boardId);
    expect([...notesOf(doc).keys()].sort()).toEqual(
      [...Array.from({ length: 25 }, (_, i) => `p${i}`), ...Array.from({ length: 25 }, (_, i) => `q${i}`)].sort(),
    );
    expect(p.server.boards.metrics().persistence.squashes).toBeGreaterThan(1);
    expect(q.server.boards.metrics().persistence.squashes).toBeGreaterThan(1);

    // The same member's private document open on both (two tabs): neither write drops the other's notes.
    const { privateDocumentName } = dataOf(
      await on(p.url, member).request<{ node: { privateDocumentName: string } }>(
        `query N($id: ID!) { node(id: $id) { ... on Board { privateDocumentName } } }`,
        { id: globalId('Board', boardId) },
      ),
    ).node;
    const tab1 = connect(p.url, privateDocumentName, member);
    const tab2 = connect(q.url, privateDocumentName, member);
    await Promise.all([tab1.synced, tab2.synced]);
    for (let i = 0; i < 5; i += 1) {
      addNote(tab1.doc, `t1-${i}`, { text: `下書き 1-${i}` });
      addNote(tab2.doc, `t2-${i}`, { text: `下書き 2-${i}` });
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await until(
      () =>
        tab1.stateless.some((m) => m.type === 'saved' && Number(m.updates) >= 5) &&
        tab2.stateless.some((m) => m.type === 'saved' && Number(m.updates) >= 5),
    );
    tab1.destroy();
    tab2.destroy();
    await until(() => unloaded(privateDocumentName, p, q));
    const row = await database.prisma.boardPrivateDocument.findFirstOrThrow({ where: { boardId } });
    const privateDoc = new Y.Doc();
    applyStoredState(privateDoc, row.document);
    expect([...notesOf(privateDoc).keys()].sort()).toEqual(
      [...Array.from({ length: 5 }, (_, i) => `t1-${i}`), ...Array.from({ length: 5 }, (_, i) => `t2-${i}`)].sort(),
    );
    expect(logs.filter((m) => m.startsWith('board persistence'))).toEqual([]);
    await Promise.all([p.stop(), q.stop()]);
  });

  it('converges clients on different instances again after Redis restarts, with the edits made meanwhile', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    try {
      const own = { redis: { url: `redis://127.0.0.1:${port}`, prefix: prefix() } };
      const [p, q, r] = await Promise.all([startInstance(own), startInstance(own), startInstance(own)]);
      await Promise.all([p, q, r].map((i) => i.server.boards.redis!.ready));
      const boardId = await newBoard(on(p.url, facilitator));
      const name = `board:${boardId}`;
      const x = connect(p.url, name, facilitator);
      const y = connect(q.url, name, member);
      await Promise.all([x.synced, y.synced]);
      addNote(x.doc, 'before', { text: '再起動の前' });
      await until(() => notesOf(y.doc).has('before'));
      expect(notesOf(y.doc).has('before')).toBe(true);

      await stopRedis(redis);
      addNote(x.doc, 'during-x', { text: 'Redis が止まっている間（A）' });
      addNote(y.doc, 'during-y', { text: 'Redis が止まっている間（B）' });
      (notesOf(y.doc).get('before')!.get('text') as Y.Text).insert(0, '編集: ');
      // A service change on an instance that holds the board only for the call: it reaches the
      // others through the database once Redis is back.
      const id = globalId('Board', boardId);
      dataOf(await on(r.url, facilitator).request(`mutation { openBoardVote(boardId: "${id}", votesPerPerson: 3) }`));
      await until(() => unloaded(name, r));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const resyncs = p.server.boards.metrics().redis!.resyncs + q.server.boards.metrics().redis!.resyncs;

      redis = await startRedis(port);
      await until(() => isDeepStrictEqual(content(x.doc), content(y.doc)) && notesOf(x.doc).size === 3);
      expect([...notesOf(x.doc).keys()].sort()).toEqual(['before', 'during-x', 'during-y']);
      expect(content(y.doc)).toEqual(content(x.doc));
      expect(textOf(x.doc, 'before')).toBe('編集: 再起動の前');
      await until(() =>
        [x, y].every((client) => (client.doc.getMap('control').get('vote') as { open?: boolean } | null)?.open),
      );
      for (const client of [x, y]) {
        expect(client.doc.getMap('control').get('vote')).toMatchObject({ open: true, votesPerPerson: 3 });
      }
      const resynced = () => p.server.boards.metrics().redis!.resyncs + q.server.boards.metrics().redis!.resyncs;
      await until(() => resynced() > resyncs);
      expect(resynced()).toBeGreaterThan(resyncs);
      // And live again afterwards.
      addNote(y.doc, 'after', { text: '再起動の後' });
      await until(() => notesOf(x.doc).has('after'));
      expect(notesOf(x.doc).has('after')).toBe(true);
      x.destroy();
      y.destroy();
      await until(() => unloaded(name, p, q));
      expect([...notesOf(await stored(boardId)).keys()].sort()).toEqual(['after', 'before', 'during-x', 'during-y']);
      await Promise.all([p.stop(), q.stop(), r.stop()]);
    } finally {
      await stopRedis(redis);
    }
  });

  it('reveals a private note live only on other instances, not yet stored, exactly once', async () => {
    const boardId = await newBoard(facilitator);
    const name = `board:${boardId}`;
    const id = globalId('Board', boardId);
    const { privateDocumentName } = dataOf(
      await member.request<{ node: { privateDocumentName: string } }>(
        `query N($id: ID!) { node(id: $id) { ... on Board { privateDocumentName } } }`,
        { id },
      ),
    ).node;
    const x = connect(a.url, name, facilitator);
    const y = connect(b.url, name, member);
    await Promise.all([x.synced, y.synced]);
    // The member's private document is open on B and on C (two tabs), not on A.
    const tabB = connect(b.url, privateDocumentName, member);
    const tabC = connect(c.url, privateDocumentName, member2);
    await Promise.all([tabB.synced, tabC.synced]);
    // The database refuses to store this board's private documents for now: what the member
    // writes lives in B's and C's memory only.
    const trigger = `test_refuse_private_${boardId.replace(/-/g, '')}`;
    await database.prisma.$executeRawUnsafe(`
      CREATE FUNCTION "${trigger}"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await database.prisma.$executeRawUnsafe(
      `CREATE TRIGGER "${trigger}" BEFORE INSERT OR UPDATE ON "board_private_document" FOR EACH ROW
       WHEN (NEW."board_id" = '${boardId}'::uuid) EXECUTE FUNCTION "${trigger}"()`,
    );
    const failuresBefore = b.server.boards.metrics().persistence.failures;
    try {
      addNote(tabB.doc, 'secret', { text: 'まだ保存されていない下書き' });
      await until(
        () => notesOf(tabC.doc).has('secret') && b.server.boards.metrics().persistence.failures > failuresBefore,
      );
      expect(await database.prisma.boardPrivateDocument.count({ where: { boardId } })).toBe(0);
      expect(a.server.boards.documents.isLoaded(privateDocumentName)).toBe(false);

      const revealed = dataOf(
        await on(a.url, facilitator).request<{ revealPrivateNotes: number }>(
          `mutation R($id: ID!) { revealPrivateNotes(boardId: $id) }`,
          { id },
        ),
      ).revealPrivateNotes;
      expect(revealed).toBe(1);
      const texts = (doc: Y.Doc) => [...notesOf(doc).values()].map((note) => String(note.get('text')));
      await until(() => [x, y].every((client) => texts(client.doc).length === 1));
      for (const client of [x, y]) expect(texts(client.doc)).toEqual(['まだ保存されていない下書き']);
      // Gone from both tabs (the deletion made on A reached B and C).
      await until(() => notesOf(tabB.doc).size === 0 && notesOf(tabC.doc).size === 0);
      expect(notesOf(tabB.doc).size + notesOf(tabC.doc).size).toBe(0);
    } finally {
      await database.prisma.$executeRawUnsafe(`DROP TRIGGER "${trigger}" ON "board_private_document"`);
      await database.prisma.$executeRawUnsafe(`DROP FUNCTION "${trigger}"()`);
    }
    // Once the database takes writes again, nothing of the note is left in private storage, and
    // the shared board holds it once.
    for (const client of [tabB, tabC, x, y]) client.destroy();
    await until(() => unloaded(name, a, b, c) && unloaded(privateDocumentName, a, b, c), 20_000);
    expect(await database.prisma.boardPrivateDocument.count({ where: { boardId } })).toBe(0);
    expect([...notesOf(await stored(boardId)).values()].map((note) => String(note.get('text')))).toEqual([
      'まだ保存されていない下書き',
    ]);
  });

  it('on graceful shutdown writes the instance’s boards and its clients reconnect to another and converge', async () => {
    const own = { redis: { url: REDIS_URL, prefix: prefix() } };
    const [p, q] = await Promise.all([startInstance(own), startInstance(own)]);
    await Promise.all([p.server.boards.redis!.ready, q.server.boards.redis!.ready]);
    const lb = await balancer(p);
    try {
      const boardId = await newBoard(on(q.url, facilitator));
      const name = `board:${boardId}`;
      const x = connect(lb.url, name, facilitator, { delay: 50 });
      const y = connect(q.url, name, member);
      await Promise.all([x.synced, y.synced]);
      for (let i = 0; i < 5; i += 1) addNote(x.doc, `x${i}`, { text: `A の付箋 ${i}` });
      await until(() => notesOf(y.doc).size === 5);

      // The load balancer takes the instance out, then it shuts down.
      lb.target = q;
      addNote(x.doc, 'last', { text: '停止直前' });
      await p.server.boards.shutdownBoards();
      expect(x.closes).toContain(1012);
      expect(p.server.boards.metrics().documents).toBe(0);
      expect(notesOf(await stored(boardId)).has('last')).toBe(true);

      // x is back through the balancer, on q.
      await until(() => x.provider.isSynced && q.server.boards.metrics().connections >= 2);
      addNote(x.doc, 'after', { text: '別のインスタンスで' });
      addNote(y.doc, 'from-y', { text: 'B から' });
      await until(() => isDeepStrictEqual(content(x.doc), content(y.doc)) && notesOf(x.doc).size === 8);
      expect(content(x.doc)).toEqual(content(y.doc));
      expect(notesOf(y.doc).has('after')).toBe(true);
      await p.stop();
      await q.stop();
    } finally {
      await new Promise((resolve) => lb.server.close(resolve));
    }
  });
});
