// Squashes of boards another instance is squashing (persistence-lock.ts), on PostgreSQL: waiting
// for the board row lock inside a transaction holds a pool connection, so enough of them (a
// shutdown's or a Redis resync's squash of every loaded board, while another instance squashes
// the same boards) left nothing for anyone else — "Unable to start a transaction in the given
// time". A squash now takes the lock only if it is free and otherwise skips, and the skipped
// squash is done later. Runs in the PostgreSQL pass (SHISHIN_TEST_DB=postgres).
import { Hocuspocus } from '@hocuspocus/server';
import { createTestDatabase, openDatabase, type Database } from '@shishin/prisma';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { until } from '../test/board-client.ts';
import { PersistenceExtension } from './persistence-extension.ts';
import { squashSharedBoard, SQUASH_BUSY } from './persistence-lock.ts';
import { applyStoredState } from './stored-state.ts';

const onPostgres = process.env.SHISHIN_TEST_DB === 'postgres';

describe.skipIf(!onPostgres)('squashing a board another instance is squashing', () => {
  let database: Database;
  /** This instance's own pool (pg's default size, 10), as an api instance has. */
  let instance: Database;
  const boards: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    instance = await openDatabase({ url: database.url, migrate: false });
    for (let i = 0; i < 12; i += 1) {
      const board = await database.prisma.board.create({ data: { title: `squash ${i}`, template: 'BLANK' } });
      boards.push(board.id);
      const doc = new Y.Doc();
      doc.getMap('notes').set(`n${i}`, new Y.Map());
      await database.prisma.boardUpdate.create({
        data: { boardId: board.id, update: Y.encodeStateAsUpdate(doc) as Uint8Array<ArrayBuffer> },
      });
    }
  });

  afterAll(async () => {
    await instance?.close();
    await database?.close();
  });

  /** Holds the row locks of `ids` (as another instance's squash does) until `release` is called. */
  async function holdLocks(ids: string[]): Promise<{ release: () => Promise<void> }> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const held = database.prisma.$transaction(
      async (tx) => {
        for (const id of ids) await tx.$queryRaw`SELECT 1 FROM "board" WHERE "id" = ${id}::uuid FOR NO KEY UPDATE`;
        locked();
        await released;
      },
      { timeout: 60_000 },
    );
    await isLocked;
    return {
      release: async () => {
        release();
        await held;
      },
    };
  }

  it('leaves the pool to others, and folds the rows once the lock is free', async () => {
    const other = await holdLocks(boards);
    const docs = boards.map(() => new Y.Doc());
    let outcomes: unknown[] = [];
    const squashes = Promise.all(boards.map((id, i) => squashSharedBoard(instance.prisma, id, docs[i]!, null))).then(
      (done) => (outcomes = done),
    );
    try {
      // Anyone else on this instance (a GraphQL write, an append) still gets a connection.
      const count = await instance.prisma.$transaction((tx) => tx.board.count(), { maxWait: 3000 });
      expect(count).toBeGreaterThanOrEqual(boards.length);
      await squashes;
      expect(outcomes.every((outcome) => outcome === SQUASH_BUSY)).toBe(true);
      expect(await database.prisma.boardUpdate.count({ where: { boardId: { in: boards } } })).toBe(boards.length);
    } finally {
      await other.release();
      await squashes;
    }
    // The lock is free: the next squash folds every row.
    const results = await Promise.all(boards.map((id, i) => squashSharedBoard(instance.prisma, id, docs[i]!, null)));
    expect(results.map((r) => (r === SQUASH_BUSY || r === null ? r : r.folded))).toEqual(boards.map(() => 1));
    expect(await database.prisma.boardUpdate.count({ where: { boardId: { in: boards } } })).toBe(0);
    const stored = await database.prisma.board.findUniqueOrThrow({ where: { id: boards[3]! } });
    const doc = new Y.Doc();
    applyStoredState(doc, stored.document!);
    expect([...doc.getMap('notes').keys()]).toEqual(['n3']);
  });

  it('squashes a board it found busy at unload once the other squash is done', async () => {
    const board = await database.prisma.board.create({ data: { title: 'unload', template: 'BLANK' } });
    const persistence = new PersistenceExtension({ db: instance.prisma, log: () => {} });
    const hocuspocus = new Hocuspocus({ quiet: true, unloadImmediately: true, extensions: [persistence] });
    const name = `board:${board.id}`;
    const connection = await hocuspocus.openDirectConnection(name, {});
    await connection.transact((doc) => doc.getMap('notes').set('n1', new Y.Map()));
    await persistence.drain(name);
    expect(await database.prisma.boardUpdate.count({ where: { boardId: board.id } })).toBe(1);

    const other = await holdLocks([board.id]);
    const unloading = connection.disconnect();
    try {
      await until(() => persistence.metrics.squashesSkipped > 0);
    } finally {
      await other.release();
    }
    await unloading;
    await until(() => !hocuspocus.documents.has(name));
    expect(persistence.metrics.failures).toBe(0);
    expect(await database.prisma.boardUpdate.count({ where: { boardId: board.id } })).toBe(0);
    const stored = await database.prisma.board.findUniqueOrThrow({ where: { id: board.id } });
    const doc = new Y.Doc();
    applyStoredState(doc, stored.document!);
    expect([...doc.getMap('notes').keys()]).toEqual(['n1']);
  });
});
