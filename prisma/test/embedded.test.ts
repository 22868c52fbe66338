// The embedded database: it persists, it refuses a second opener, close() lets go of
// everything, and PGlite's single session cannot mix up concurrent transactions.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, openDatabase, type Database } from '../src/index.ts';
import { kind, sleep } from './helpers.ts';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'shishin-pglite-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('embedded PGlite', () => {
  it('keeps its data across close and reopen of the same directory', async () => {
    const dataDir = path.join(scratch, 'persist', 'pglite'); // missing parents are created
    const logs: string[] = [];
    const first = await openDatabase({ dataDir, log: (m) => logs.push(m) });
    expect(first.kind).toBe('pglite');
    expect(logs.join('\n')).toMatch(/applied migrations: \d{14}_init/);
    await first.prisma.ward.create({ data: { code: 'kita', name: '北区', nameEn: 'Kita', position: 1 } });
    await first.close();

    const again: string[] = [];
    const second = await openDatabase({ dataDir, log: (m) => again.push(m) });
    try {
      expect(again.join('\n')).not.toMatch(/applied migrations/);
      expect(await second.prisma.ward.findMany({ select: { code: true } })).toEqual([{ code: 'kita' }]);
    } finally {
      await second.close();
    }
  });

  it('refuses a second opener of the same directory', async () => {
    const dataDir = path.join(scratch, 'locked');
    const db = await openDatabase({ dataDir });
    try {
      await expect(openDatabase({ dataDir })).rejects.toThrow(/already open in this process/);
    } finally {
      await db.close();
    }
    // …and the lock goes with close().
    const reopened = await openDatabase({ dataDir });
    await reopened.close();
  });

  it('is reachable at its url while open, and not after close()', async () => {
    const db = await createTestDatabase('pglite');
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM _prisma_migrations');
    expect(rows[0]?.n).toBeGreaterThan(0);
    await client.end();
    await db.close();
    const late = new pg.Client({ connectionString: db.url });
    await expect(late.connect()).rejects.toThrow(/ECONNREFUSED/);
  });

  it('runs concurrent interactive transactions one at a time (read-modify-write loses nothing)', async () => {
    const db = await createTestDatabase('pglite');
    try {
      const w = await db.prisma.ward.create({ data: { code: 'c', name: 'c', nameEn: 'c', position: 0 } });
      // Each transaction reads, yields to the event loop, then writes what it read + 1. If two
      // could interleave on PGlite's one session, updates would be lost (or BEGINs nest).
      await Promise.all(
        Array.from({ length: 8 }, () =>
          db.prisma.$transaction(async (tx) => {
            const { position } = await tx.ward.findUniqueOrThrow({ where: { id: w.id } });
            await sleep(5);
            await tx.ward.update({ where: { id: w.id }, data: { position: position + 1 } });
          }),
        ),
      );
      expect((await db.prisma.ward.findUniqueOrThrow({ where: { id: w.id } })).position).toBe(8);
    } finally {
      await db.close();
    }
  });

  it('keeps queries from several connections apart, large ones included', async () => {
    // PGlite is one session shared by every connection to its socket. Without the server-side
    // serialisation in embedded.ts, this mix returns another query's result about once per
    // thousand queries (the large parameter makes a query arrive in several TCP reads).
    const db = await createTestDatabase('pglite');
    const others = new pg.Pool({ connectionString: db.url, max: 4 });
    try {
      const large = 'x'.repeat(200_000);
      const wrong: string[] = [];
      for (let round = 0; round < 5; round++) {
        await Promise.all(
          Array.from({ length: 200 }, async (_, i) => {
            const pad = i % 10 === 0 ? large : '';
            // Different SQL text per query, so a swapped statement shows in the result.
            const sql = `SELECT $1::int * 0 + ${i} AS v, length($2::text) AS l`;
            const row =
              i % 3 === 0
                ? (await db.prisma.$queryRawUnsafe<{ v: number; l: number }[]>(sql, i, pad))[0]
                : (await others.query<{ v: number; l: number }>(sql, [i, pad])).rows[0];
            if (row?.v !== i || row.l !== pad.length) wrong.push(`${i}: ${JSON.stringify(row)}`);
          }),
        );
      }
      expect(wrong).toEqual([]);
    } finally {
      await others.end();
      await db.close();
    }
  });
});

// Isolation as the application relies on it, on this run's database kind.
describe(`concurrent transactions (${kind})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('never shows one transaction the uncommitted writes of another, nor keeps a rolled-back one', async () => {
    // Counted per code: under READ COMMITTED, when a commits between b's two reads is a race
    // (and on PGlite the two run one after the other), so only what holds whatever the
    // interleaving is asserted.
    const seen = { a: [] as number[], aSawB: [] as number[], b: [] as number[], outside: [] as number[] };
    const insert = (tx: Pick<Database['prisma'], 'ward'>, code: string) =>
      tx.ward.create({ data: { code, name: code, nameEn: code, position: code.length } });
    const count = (tx: Pick<Database['prisma'], 'ward'>, code: string) => tx.ward.count({ where: { code } });
    const a = db.prisma.$transaction(async (tx) => {
      seen.a.push(await count(tx, 'aa'));
      await insert(tx, 'aa');
      await sleep(30);
      seen.a.push(await count(tx, 'aa'));
      seen.aSawB.push(await count(tx, 'bbb'));
    });
    const b = db.prisma
      .$transaction(async (tx) => {
        seen.b.push(await count(tx, 'bbb'));
        await insert(tx, 'bbb');
        await sleep(30);
        seen.b.push(await count(tx, 'bbb'));
        throw new Error('roll back b');
      })
      .catch((error: Error) => error.message);
    // Not in a transaction: must see only committed data, whenever it runs.
    const outside = (async () => {
      await sleep(10);
      seen.outside.push(await db.prisma.ward.count({ where: { code: 'bbb' } }));
    })();
    expect(await Promise.all([a, b, outside])).toEqual([undefined, 'roll back b', undefined]);

    // Each saw its own insert; a never saw b's (b never committed); nor did anyone outside.
    expect(seen.a).toEqual([0, 1]);
    expect(seen.b).toEqual([0, 1]);
    expect(seen.aSawB).toEqual([0]);
    expect(seen.outside).toEqual([0]);
    expect((await db.prisma.ward.findMany({ select: { code: true } })).map((w) => w.code)).toEqual(['aa']);
  });
});
