// Dot votes when their database transaction fails, or the process stops between the commit and
// the document write (boards/votes.ts): the document never shows a vote open or closed that the
// database does not, and opening or closing again (or loading the board) converges. The failures
// are real: a trigger makes the database refuse the transaction's audit record. Runs on PGlite or
// PostgreSQL (SHISHIN_TEST_DB).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, connectBoard, until, type BoardClient } from '../../test/board-client.ts';
import { dataOf, globalId, rowId, TestClient } from '../../test/client.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../../test/server.ts';

let platform: TestPlatform;
const open: BoardClient[] = [];
beforeAll(async () => {
  platform = await startTestPlatform();
  await db().$executeRawUnsafe(
    `CREATE TABLE IF NOT EXISTS "test_refused_audit" ("action" TEXT NOT NULL, "subject_id" UUID NOT NULL)`,
  );
  await db().$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION "test_refuse_audit"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM "test_refused_audit" r WHERE r."action" = NEW."action" AND r."subject_id" = NEW."subject_id") THEN
        RAISE EXCEPTION 'refused by the test: %', NEW."action";
      END IF;
      RETURN NEW;
    END $$`);
  await db().$executeRawUnsafe(
    `CREATE TRIGGER "test_refuse_audit" BEFORE INSERT ON "audit_record" FOR EACH ROW EXECUTE FUNCTION "test_refuse_audit"()`,
  );
});
afterAll(async () => {
  for (const client of open) client.destroy();
  await platform?.close();
});

const db = () => platform.database.prisma;

/** From now on the database refuses (raises on) the audit record of `action` on this board. */
async function refuse(action: string, boardId: string): Promise<void> {
  await db()
    .$executeRaw`INSERT INTO "test_refused_audit" ("action", "subject_id") VALUES (${action}, ${boardId}::uuid)`;
}
async function allow(boardId: string): Promise<void> {
  await db().$executeRaw`DELETE FROM "test_refused_audit" WHERE "subject_id" = ${boardId}::uuid`;
}

async function signedIn(email: string): Promise<TestClient> {
  const client = new TestClient(platform.url);
  dataOf(await client.signIn(email, TEST_PASSWORD));
  return client;
}

function connect(name: string, who: TestClient): BoardClient {
  const client = connectBoard(platform.url, name, { cookie: who.cookie }, new Y.Doc());
  open.push(client);
  return client;
}

const control = (doc: Y.Doc) =>
  doc.getMap('control').toJSON() as { vote: { id: string; open: boolean } | null; voteResults: object };

describe('dot votes and their transactions', () => {
  let facilitator: TestClient;
  let member: TestClient;
  let boardId: string;
  let id: string;
  let name: string;
  const cast = `mutation V($b: ID!, $n: String!) { castBoardVote(boardId: $b, noteId: $n) { remaining } }`;
  const openVote = () => facilitator.request(`mutation { openBoardVote(boardId: "${id}", votesPerPerson: 2) }`);
  const closeVote = () =>
    facilitator.request<{ closeBoardVote: { noteId: string; votes: number }[] }>(
      `mutation { closeBoardVote(boardId: "${id}") { noteId votes } }`,
    );
  const serverControl = () => platform.server.boards.documents.read(name, control);

  beforeAll(async () => {
    facilitator = await signedIn('facilitator@example.jp');
    member = await signedIn('section.nakahara@example.jp');
  });

  async function newBoard(): Promise<void> {
    const committee = await db().committee.findFirstOrThrow({ where: { kind: 'REVISION_WORKING_GROUP' } });
    const created = dataOf(
      await facilitator.request<{ createBoard: { id: string } }>(
        `mutation C($input: CreateBoardInput!) { createBoard(input: $input) { id } }`,
        { input: { title: '投票の失敗', template: 'BLANK', committeeId: globalId('Committee', committee.id) } },
      ),
    ).createBoard;
    id = created.id;
    boardId = rowId(id);
    name = `board:${boardId}`;
  }

  it('leaves the document without the vote when opening fails, and opens it on the next try', async () => {
    await newBoard();
    const watcher = connect(name, member);
    await watcher.synced;
    await refuse('board.open_vote', boardId);
    const failed = await openVote();
    expect(failed.body.errors?.length).toBeGreaterThan(0);
    await platform.server.boards.flush();
    expect((await serverControl()).vote).toBeNull();
    expect(control(watcher.doc).vote).toBeNull();
    expect(await db().boardVoteRound.count({ where: { boardId } })).toBe(0);
    // Nobody can vote in a vote that is not open.
    addNote(watcher.doc, 'n1', { text: '案内表示' });
    await until(() => platform.server.boards.documents.isLoaded(name));
    const refused = await member.request(cast, { b: id, n: 'n1' });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');

    await allow(boardId);
    dataOf(await openVote());
    await until(() => control(watcher.doc).vote?.open === true);
    expect((await serverControl()).vote).toMatchObject({ open: true, votesPerPerson: 2 });
    watcher.destroy();
  });

  it('keeps the vote open with its dots when closing fails, and closes it with every dot on the next try', async () => {
    await newBoard();
    const watcher = connect(name, member);
    await watcher.synced;
    addNote(watcher.doc, 'n1', { text: '待ち時間' });
    addNote(watcher.doc, 'n2', { text: '電子申請' });
    await until(() => watcher.stateless.some((m) => m.type === 'saved'));
    dataOf(await openVote());
    await until(() => control(watcher.doc).vote?.open === true);
    dataOf(await member.request(cast, { b: id, n: 'n1' }));

    await refuse('board.close_vote', boardId);
    const failed = await closeVote();
    expect(failed.body.errors?.length).toBeGreaterThan(0);
    await platform.server.boards.flush();
    expect((await serverControl()).vote?.open).toBe(true);
    expect(control(watcher.doc).vote?.open).toBe(true);
    expect(control(watcher.doc).voteResults).toEqual({});
    expect(await db().boardVote.count({ where: { boardId } })).toBe(1);
    // Still open: members go on voting.
    dataOf(await member.request(cast, { b: id, n: 'n2' }));

    await allow(boardId);
    const closed = dataOf(await closeVote()).closeBoardVote;
    expect(closed.sort((a, b) => a.noteId.localeCompare(b.noteId))).toEqual([
      { noteId: 'n1', votes: 1 },
      { noteId: 'n2', votes: 1 },
    ]);
    await until(() => control(watcher.doc).vote?.open === false);
    expect(control(watcher.doc).voteResults).toEqual({ n1: 1, n2: 1 });
    expect(await db().boardVote.count({ where: { boardId } })).toBe(0);
    watcher.destroy();
  });

  /** A new board with one note ('n1'), an open vote and the member's one dot on the note. */
  async function openVoteWithOneDot(): Promise<{ writer: BoardClient; voteId: string }> {
    await newBoard();
    const writer = connect(name, member);
    await writer.synced;
    addNote(writer.doc, 'n1', { text: '窓口' });
    await until(() => writer.stateless.some((m) => m.type === 'saved'));
    dataOf(await openVote());
    await until(() => control(writer.doc).vote?.open === true);
    dataOf(await member.request(cast, { b: id, n: 'n1' }));
    return { writer, voteId: control(writer.doc).vote!.id };
  }

  /** What closeBoardVote's transaction commits for that vote, without its document write. */
  async function commitCloseWithoutDocument(voteId: string): Promise<void> {
    await db().$transaction([
      db().boardVoteRound.update({ where: { id: voteId }, data: { closedAt: new Date(), results: { n1: 1 } } }),
      db().boardVote.deleteMany({ where: { boardId } }),
    ]);
  }

  it('shows a close committed without its document write on the next load, and closing again answers its totals', async () => {
    const { writer, voteId } = await openVoteWithOneDot();
    writer.destroy();
    await until(() => !platform.server.boards.documents.isLoaded(name));

    // What closeBoardVote's transaction commits, and then the process stops: no document write.
    await commitCloseWithoutDocument(voteId);

    // The next load shows it closed, with its totals, to whoever connects.
    const again = connect(name, member);
    await again.synced;
    await until(() => control(again.doc).vote?.open === false);
    expect(control(again.doc)).toMatchObject({ vote: { id: voteId, open: false }, voteResults: { n1: 1 } });
    const refused = await member.request(cast, { b: id, n: 'n1' });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
    again.destroy();
  });

  it('refuses dots into a vote the database closed while the document still shows it open, and closing again shows the totals', async () => {
    const { writer, voteId } = await openVoteWithOneDot();
    // The board stays loaded; the commit happened, the document write did not (another instance died).
    await commitCloseWithoutDocument(voteId);
    expect(control(writer.doc).vote?.open).toBe(true);
    const refused = await member.request(cast, { b: id, n: 'n1' });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
    expect(await db().boardVote.count({ where: { boardId } })).toBe(0);

    expect(dataOf(await closeVote()).closeBoardVote).toEqual([{ noteId: 'n1', votes: 1 }]);
    await until(() => control(writer.doc).vote?.open === false);
    expect(control(writer.doc).voteResults).toEqual({ n1: 1 });
    writer.destroy();
  });

  it('shows the database’s vote after restoring a snapshot taken while an earlier vote was open', async () => {
    await newBoard();
    const writer = connect(name, member);
    await writer.synced;
    addNote(writer.doc, 'n1', { text: '窓口' });
    await until(() => writer.stateless.some((m) => m.type === 'saved'));
    dataOf(await openVote());
    await until(() => control(writer.doc).vote?.open === true);
    const snapshot = dataOf(
      await facilitator.request<{ createBoardSnapshot: { id: string } }>(
        `mutation S($b: ID!) { createBoardSnapshot(boardId: $b, name: "投票中") { id } }`,
        { b: id },
      ),
    ).createBoardSnapshot;
    dataOf(await member.request(cast, { b: id, n: 'n1' }));
    dataOf(await closeVote());
    await until(() => control(writer.doc).vote?.open === false);
    dataOf(
      await facilitator.request(`mutation R($s: ID!) { restoreBoardSnapshot(snapshotId: $s) { id } }`, {
        s: snapshot.id,
      }),
    );
    await platform.server.boards.flush();
    expect((await serverControl()).vote?.open).toBe(false);
    expect((await serverControl()).voteResults).toEqual({ n1: 1 });
    writer.destroy();
  });
});
