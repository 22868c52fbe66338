// The application's view of the database: types survive the round trip, the hand-written
// CHECK constraints hold, onQuery sees what is sent, resetDatabase empties.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, Prisma, resetDatabase, violatedCheckConstraint, type Database } from '../src/index.ts';
import type { QueryEvent } from '../src/connection.ts';
import { kind } from './helpers.ts';

let db: Database;
const events: QueryEvent[] = [];
beforeAll(async () => {
  db = await createTestDatabase(kind, { onQuery: (e) => events.push(e) });
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await resetDatabase(db.prisma);
});

async function ward(code = 'kita') {
  return db.prisma.ward.create({ data: { code, name: `${code}区`, nameEn: code, position: code.length } });
}
async function user(email = 'a@example.test') {
  return db.prisma.user.create({ data: { email, displayName: email } });
}
async function section(wardId: string) {
  return db.prisma.section.create({
    data: { wardId, code: 'citizen', name: '区民課', nameEn: 'Citizens', kind: 'COUNTER', position: 1 },
  });
}

/** Rejects with the named CHECK constraint, not some other error. */
async function expectCheckViolation(write: Promise<unknown>, constraint: string): Promise<void> {
  const error: unknown = await write.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${constraint} to reject the row`).toBeDefined();
  expect(violatedCheckConstraint(error)).toBe(constraint);
}

describe(`database (${kind})`, () => {
  it('is the kind asked for', () => {
    expect(db.kind).toBe(kind);
    expect(db.url).toMatch(/^postgresql:\/\//);
  });

  it('round-trips Decimal, Bytes, BigInt, Json, dates, String[] and enum arrays', async () => {
    const w = await ward();
    const u = await user();
    const s = await section(w.id);
    const notes = ['plain', 'comma, inside', '"quoted"', 'back\\slash', '{braces}', '', 'NULL', 'ユニコード'];
    const document = new Uint8Array([0, 1, 2, 127, 128, 254, 255]);
    const board = await db.prisma.board.create({
      data: { title: 'ws', document, documentSeq: 9_007_199_254_740_993n, sectionId: s.id },
    });
    const target = await db.prisma.improvementTarget.create({
      data: {
        sectionId: s.id,
        fiscalYear: 2026,
        title: '待ち時間の短縮',
        description: '…',
        baselineValue: new Prisma.Decimal('1234567890.1234'),
        targetValue: '-0.0001',
        dueDate: new Date('2027-03-31T00:00:00Z'),
        originNoteIds: notes,
        originBoardId: board.id,
        revisions: { create: { number: 1, content: { title: 'x', nested: [1, 'two', null, { deep: true }] } } },
      },
    });
    await db.prisma.apiToken.create({
      data: {
        userId: u.id,
        name: 'report',
        prefix: 'shs_',
        tokenHash: 'h',
        scopes: ['READ_WARD', 'READ_ALL'],
        wardId: w.id,
      },
    });
    await db.prisma.boardUpdate.createMany({
      data: [
        { boardId: board.id, update: new Uint8Array([]) },
        { boardId: board.id, update: document },
      ],
    });

    const read = await db.prisma.improvementTarget.findUniqueOrThrow({
      where: { id: target.id },
      include: { revisions: true, originBoard: { include: { updates: { orderBy: { seq: 'asc' } } } } },
    });
    expect(read.baselineValue).toBeInstanceOf(Prisma.Decimal);
    expect(read.baselineValue?.toFixed(4)).toBe('1234567890.1234');
    expect(read.targetValue?.toFixed(4)).toBe('-0.0001');
    expect(read.dueDate?.toISOString()).toBe('2027-03-31T00:00:00.000Z');
    expect(read.originNoteIds).toEqual(notes);
    expect(read.revisions[0]?.content).toEqual({ title: 'x', nested: [1, 'two', null, { deep: true }] });
    expect(read.originBoard?.documentSeq).toBe(9_007_199_254_740_993n);
    expect(Array.from(read.originBoard?.document ?? [])).toEqual(Array.from(document));
    expect(read.originBoard?.updates.map((u) => Array.from(u.update))).toEqual([[], Array.from(document)]);
    const token = await db.prisma.apiToken.findFirstOrThrow({ where: { scopes: { has: 'READ_ALL' } } });
    expect(token.scopes).toEqual(['READ_WARD', 'READ_ALL']);
  });

  it('keeps a membership to at most one scope', async () => {
    const w = await ward();
    const s = await section(w.id);
    const u = await user();
    const committee = await db.prisma.committee.create({
      data: { kind: 'WARD_COMMITTEE', wardId: w.id, name: '委員会', nameEn: 'c' },
    });
    // none (city-wide) and each single scope are fine
    await db.prisma.membership.createMany({
      data: [
        { userId: u.id, role: 'POLICY_ADMIN' },
        { userId: u.id, role: 'WARD_MAYOR', wardId: w.id },
        { userId: u.id, role: 'SECTION_HEAD', sectionId: s.id },
        { userId: u.id, role: 'COMMITTEE_CHAIR', committeeId: committee.id },
      ],
    });
    await expectCheckViolation(
      db.prisma.membership.create({
        data: { userId: u.id, role: 'COMMITTEE_MEMBER', wardId: w.id, committeeId: committee.id },
      }),
      'membership_single_scope_check',
    );
    await expectCheckViolation(
      db.prisma.membership.update({
        where: { id: (await db.prisma.membership.findFirstOrThrow({ where: { role: 'SECTION_HEAD' } })).id },
        data: { wardId: w.id },
      }),
      'membership_single_scope_check',
    );
  });

  it('gives a comment exactly one subject', async () => {
    const w = await ward();
    const s = await section(w.id);
    const target = await db.prisma.improvementTarget.create({
      data: { sectionId: s.id, fiscalYear: 2026, title: 't', description: 'd' },
    });
    const policy = await db.prisma.improvementPolicy.create({
      data: { wardId: w.id, fiscalYear: 2026, title: 'p', body: 'b' },
    });
    await db.prisma.comment.create({ data: { body: 'ok', targetId: target.id } });
    await expectCheckViolation(
      db.prisma.comment.create({ data: { body: 'no subject' } }),
      'comment_single_subject_check',
    );
    await expectCheckViolation(
      db.prisma.comment.create({ data: { body: 'two', targetId: target.id, policyId: policy.id } }),
      'comment_single_subject_check',
    );
  });

  it('keeps ward committees in a ward and city-wide bodies out of one', async () => {
    const w = await ward();
    await db.prisma.committee.create({ data: { kind: 'DIRECTORS_MEETING', name: '部長会議', nameEn: 'd' } });
    await expectCheckViolation(
      db.prisma.committee.create({ data: { kind: 'WARD_COMMITTEE', name: 'x', nameEn: 'x' } }),
      'committee_ward_scope_check',
    );
    await expectCheckViolation(
      db.prisma.committee.create({ data: { kind: 'REVISION_WORKING_GROUP', wardId: w.id, name: 'x', nameEn: 'x' } }),
      'committee_ward_scope_check',
    );
  });

  it('dates each state a target result reaches', async () => {
    const w = await ward();
    const s = await section(w.id);
    const newTarget = () =>
      db.prisma.improvementTarget.create({ data: { sectionId: s.id, fiscalYear: 2026, title: 't', description: 'd' } });
    const reported = await db.prisma.targetResult.create({
      data: { targetId: (await newTarget()).id, achievementLevel: 'ACHIEVED', actualValue: '12.5' },
    });
    await expectCheckViolation(
      db.prisma.targetResult.update({ where: { id: reported.id }, data: { state: 'CONFIRMED' } }),
      'target_result_confirmed_check',
    );
    await db.prisma.targetResult.update({
      where: { id: reported.id },
      data: { state: 'CONFIRMED', confirmedAt: new Date() },
    });
    await expectCheckViolation(
      db.prisma.targetResult.update({ where: { id: reported.id }, data: { state: 'PUBLISHED' } }),
      'target_result_published_check',
    );
    await expectCheckViolation(
      db.prisma.targetResult.create({
        data: { targetId: (await newTarget()).id, achievementLevel: 'BELOW', lateReason: '  ' },
      }),
      'target_result_late_reason_check',
    );
  });

  it('reports every statement to onQuery, transaction control included', async () => {
    events.length = 0;
    await db.prisma.$transaction(async (tx) => {
      await tx.ward.create({ data: { code: 'naka', name: '中区', nameEn: 'Naka', position: 9 } });
      await tx.ward.count();
    });
    await db.prisma.$queryRaw`SELECT 1 AS one`;
    const sent = events.map((e) => e.query);
    expect(sent[0]).toBe('BEGIN');
    expect(sent[1]).toMatch(/^INSERT INTO "public"."ward"/);
    expect(sent[2]).toMatch(/^SELECT COUNT\(\*\)/);
    expect(sent[3]).toBe('COMMIT');
    expect(sent[4]).toBe('SELECT 1 AS one');
    expect(sent).toHaveLength(5);
    for (const e of events) expect(e.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('resetDatabase empties every table but keeps the migration history', async () => {
    await ward();
    await user();
    await resetDatabase(db.prisma);
    expect(await db.prisma.ward.count()).toBe(0);
    expect(await db.prisma.user.count()).toBe(0);
    const [{ n }] = await db.prisma.$queryRaw<[{ n: bigint }]>`SELECT count(*) AS n FROM _prisma_migrations`;
    expect(n).toBeGreaterThan(0n);
  });
});
