// Crash safety (docs/suites.md): the api runs as its own process (crash/api-process.ts, the
// real composition root) on a PGlite data directory on disk, or on PostgreSQL. Mid-workshop,
// with clients writing, it is killed with SIGKILL — no shutdown code runs — and started again
// on the same database. Every update the server had acknowledged as persisted (`saved`) must
// be in the database after the kill; the clients reconnect by themselves and converge; and no
// note is lost or doubled, no text written twice.
//   CRASH_SEED=<n>  the seed (default 1); SHISHIN_TEST_DB=pglite|postgres runs one database only
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setRect } from '../../src/boards/document.ts';
import { TEST_PASSWORD } from '../../src/test/server.ts';
import { contentOf, loadPersisted, sameState } from '../support/board-state.ts';
import { createBoard, FACILITATOR, MEMBER, signIn, sleep, until } from '../support/platform.ts';
import { Prng } from '../support/prng.ts';
import { FaultyProxy } from '../support/proxy.ts';
import { Replica } from '../support/replica.ts';
import { prepareDatabase, startApi, type ApiChild, type CrashDatabase } from './api-child.ts';

const seed = Number(process.env.CRASH_SEED ?? 1);
const kinds = (process.env.SHISHIN_TEST_DB ? [process.env.SHISHIN_TEST_DB] : ['pglite', 'postgres']) as (
  'pglite' | 'postgres'
)[];
const CLIENTS = 6;
const KILLS = 3;

/** One participant's own notes (only they edit them), as they should end up everywhere. */
interface Writer {
  replica: Replica;
  notes: Map<string, string>;
  next: number;
}

function write(prng: Prng, index: number, writer: Writer): void {
  const notes = writer.replica.doc.getMap<Y.Map<unknown>>('notes');
  const own = [...writer.notes.keys()];
  const roll = prng.float();
  if (own.length === 0 || roll < 0.65) {
    const id = `w${index}-${(writer.next += 1)}`;
    const text = `${index}.${writer.next}`;
    writer.replica.doc.transact(() => {
      const note = new Y.Map<unknown>();
      note.set('text', new Y.Text(text));
      setRect(note, { x: prng.int(0, 2000), y: prng.int(0, 2000), w: 160, h: 120 });
      note.set('color', 'yellow');
      note.set('createdAt', new Date().toISOString());
      notes.set(id, note);
    });
    writer.notes.set(id, text);
  } else if (roll < 0.9) {
    const id = prng.pick(own);
    const suffix = `+${prng.int(0, 99)}`;
    (notes.get(id)!.get('text') as Y.Text).insert(writer.notes.get(id)!.length, suffix);
    writer.notes.set(id, writer.notes.get(id)! + suffix);
  } else {
    const id = prng.pick(own);
    notes.delete(id);
    writer.notes.delete(id);
  }
}

describe.each(kinds)('crash safety (%s)', (kind) => {
  let database: CrashDatabase;
  let api: ApiChild | undefined;
  let proxy: FaultyProxy | undefined;
  const writers: Writer[] = [];

  beforeAll(async () => {
    database = await prepareDatabase(kind);
  }, 600_000);
  afterAll(async () => {
    for (const writer of writers) writer.replica.destroy();
    await proxy?.close();
    await api?.kill();
    await database?.destroy();
  }, 600_000);

  it(`keeps every acknowledged update through ${KILLS} kill -9s, and the clients converge without duplicates`, async () => {
    const prng = new Prng(seed);
    const started = Date.now();
    const progress = (what: string) => {
      if (process.env.CRASH_TRACE) console.log(`crash (${kind}) +${Date.now() - started}ms ${what}`);
    };
    const context = `(CRASH_SEED=${seed} SHISHIN_TEST_DB=${kind} npx -y pnpm@12.21.0 suite:crash)`;
    api = await startApi(database);
    const cookies = [await signIn(api.url, FACILITATOR, TEST_PASSWORD), await signIn(api.url, MEMBER, TEST_PASSWORD)];
    const boardId = await createBoard(api.url, cookies[0]!, database.committeeId, `crash ${kind}`);
    const name = `board:${boardId}`;
    // A stable address for the clients across restarts (the api comes back on a new port).
    proxy = new FaultyProxy({ host: '127.0.0.1', port: Number(new URL(api.url).port) }, prng.fork());
    const proxyUrl = await proxy.listen();
    for (let i = 0; i < CLIENTS; i += 1) {
      const replica = new Replica({ url: proxyUrl, documentName: name, cookie: cookies[i % 2]!, reconnectDelayMs: 50 });
      writers.push({ replica, notes: new Map(), next: 0 });
    }
    expect(await until(() => writers.every((w) => w.replica.ready), 30_000), 'clients connected').toBe(true);

    let acknowledged = 0;
    for (let kill = 0; kill < KILLS; kill += 1) {
      // Everyone writes, each at their own pace, until the process dies — and a little beyond.
      let writing = true;
      const loops = writers.map(async (writer, index) => {
        const own = prng.fork();
        while (writing) {
          write(own, index, writer);
          await sleep(own.int(10, 60));
        }
      });
      await sleep(prng.int(1500, 3000));
      const log = api.log();
      await api.kill();
      progress(`killed (${writers.reduce((n, w) => n + w.replica.acknowledged.length, 0)} acknowledged)`);
      await sleep(prng.int(50, 300));
      writing = false;
      await Promise.all(loops);

      // What the server acknowledged is in the database, before any client can bring it back.
      const db = await database.open();
      const persisted = await loadPersisted(db.prisma, boardId);
      await db.close();
      const snapshot = Y.snapshot(persisted);
      const lost = writers.flatMap((w, i) =>
        w.replica.acknowledged.flatMap((update, n) =>
          Y.snapshotContainsUpdate(snapshot, update) ? [] : [`${i}#${n}`],
        ),
      );
      acknowledged = writers.reduce((sum, w) => sum + w.replica.acknowledged.length, 0);
      const saved = writers.map((w) => w.replica.stateless.filter((m) => m.type === 'saved').length).join(', ');
      expect(
        acknowledged,
        `the server acknowledged updates before kill ${kill + 1} (saved messages per client: ${saved}; api log:\n${log})`,
      ).toBeGreaterThan(0);
      expect(lost, `acknowledged updates missing after kill ${kill + 1} ${context}`).toEqual([]);
      persisted.destroy();

      // The api comes back on the same database; the clients find it by themselves.
      progress('checked the database');
      api = await startApi(database);
      progress('restarted');
      proxy.target = { host: '127.0.0.1', port: Number(new URL(api.url).port) };
      const converged = await until(
        () => writers.every((w) => w.replica.ready && sameState(w.replica.doc, writers[0]!.replica.doc)),
        60_000,
        50,
      );
      expect(converged, `clients converged after restart ${kill + 1} ${context}`).toBe(true);
      progress('converged');
    }

    // A newcomer reads the server's state: the same as everyone's, with each note once and
    // each text exactly as its writer left it.
    const expected = new Map(writers.flatMap((w) => [...w.notes]));
    const observer = new Replica({ url: proxyUrl, documentName: name, cookie: cookies[1]! });
    try {
      expect(await until(() => observer.ready, 30_000), 'a new client connects').toBe(true);
      const same = await until(() => writers.every((w) => sameState(w.replica.doc, observer.doc)), 30_000, 50);
      expect(same, `the server holds what the clients hold ${context}`).toBe(true);
      const texts = (doc: Y.Doc) =>
        new Map([...doc.getMap<Y.Map<unknown>>('notes').entries()].map(([id, note]) => [id, String(note.get('text'))]));
      const sorted = (m: Map<string, string>) => [...m].sort(([a], [b]) => a.localeCompare(b));
      expect(sorted(texts(observer.doc)), `notes and texts ${context}`).toEqual(sorted(expected));
      for (const writer of writers) expect(contentOf(writer.replica.doc)).toEqual(contentOf(observer.doc));
      const refusals = [...writers.map((w) => w.replica), observer].flatMap((r) => r.refusals());
      expect(refusals, 'refusals of changes a member may make').toEqual([]);
    } finally {
      observer.destroy();
    }

    // Once everyone has left and the api stopped, the database holds the same board.
    const final = contentOf(writers[0]!.replica.doc);
    for (const writer of writers.splice(0)) writer.replica.destroy();
    await api.stop();
    api = undefined;
    const db = await database.open();
    const persisted = await loadPersisted(db.prisma, boardId);
    await db.close();
    expect(contentOf(persisted), `the persisted board ${context}`).toEqual(final);
    console.log(
      `crash safety (${kind}): ${KILLS} kills, ${acknowledged} acknowledged updates checked, ${expected.size} notes`,
    );
  }, 600_000);
});
