// The board socket with real Yjs clients (@hocuspocus/provider over ws) against the real
// server and database: convergence, permissions, the guard, persistence across a restart,
// and hostile bytes. Runs on PGlite or PostgreSQL (SHISHIN_TEST_DB).
import { randomBytes, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { reactionsOf, setReaction } from '../../boards/document.ts';
import { startServer } from '../../http/server.ts';
import { addNote, connectBoard, until, type BoardClient } from '../../test/board-client.ts';
import { dataOf, globalId, rowId, TestClient } from '../../test/client.ts';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../../test/server.ts';

let platform: TestPlatform;
let url: string;
const open: BoardClient[] = [];

beforeAll(async () => {
  platform = await startTestPlatform();
  url = platform.url;
});
afterAll(async () => {
  for (const client of open) client.destroy();
  await platform?.close();
});

async function signedIn(email: string): Promise<TestClient> {
  const client = new TestClient(url);
  dataOf(await client.signIn(email, TEST_PASSWORD));
  return client;
}

async function committeeId(kind: 'REVISION_WORKING_GROUP') {
  const committee = await platform.database.prisma.committee.findFirstOrThrow({ where: { kind } });
  return globalId('Committee', committee.id);
}

async function newBoard(facilitator: TestClient, title = '改定ワークショップ 第1回'): Promise<string> {
  const created = dataOf(
    await facilitator.request<{ createBoard: { id: string; documentName: string } }>(
      `mutation C($input: CreateBoardInput!) { createBoard(input: $input) { id documentName } }`,
      {
        input: {
          title,
          template: 'REVISION_WORKSHOP',
          committeeId: await committeeId('REVISION_WORKING_GROUP'),
          workshopDate: '2026-12-01',
        },
      },
    ),
  ).createBoard;
  return rowId(created.id);
}

function connect(documentName: string, who: TestClient, doc?: Y.Doc): BoardClient {
  const client = connectBoard(url, documentName, { cookie: who.cookie }, doc);
  open.push(client);
  return client;
}

const notesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('notes');
const refusals = (client: BoardClient) => client.stateless.filter((m) => m.type === 'refused').map((m) => m.code);

describe('the board socket', () => {
  let facilitator: TestClient;
  let member: TestClient;
  let observer: TestClient;
  let outsider: TestClient;
  beforeAll(async () => {
    facilitator = await signedIn('facilitator@example.jp');
    member = await signedIn('section.nakahara@example.jp');
    observer = await signedIn('admin@example.jp');
    outsider = await signedIn('section.miyamae@example.jp');
  });

  it('lets two members and the facilitator edit at once and converge on notes, clusters, text and reactions', async () => {
    const name = `board:${await newBoard(facilitator)}`;
    const a = connect(name, facilitator);
    const b = connect(name, member);
    await Promise.all([a.synced, b.synced]);
    expect(a.scope).toBe('read-write');
    expect(
      b.doc
        .getArray('lanes')
        .toJSON()
        .map((l: { title: string }) => l.title),
    ).toEqual(['現状', '課題', '方向性', '改善提案', '理念案']);

    addNote(a.doc, 'n1', { text: '窓口の案内表示が分かりにくい', lane: 'problems' });
    addNote(b.doc, 'n2', { text: '繁忙期の待ち時間', lane: 'problems', x: 200 });
    b.doc.transact(() => {
      const cluster = new Y.Map<unknown>();
      cluster.set('name', new Y.Text('案内'));
      for (const [k, v] of Object.entries({ x: 0, y: 0, w: 500, h: 300, color: 'blue' })) cluster.set(k, v);
      b.doc.getMap('clusters').set('c1', cluster);
    });
    await until(() => notesOf(a.doc).has('n2') && notesOf(b.doc).has('n1'));
    // Concurrent edits of one note's text, and reactions from both.
    (notesOf(a.doc).get('n1')!.get('text') as Y.Text).insert(0, '【庁舎】');
    (notesOf(b.doc).get('n1')!.get('text') as Y.Text).insert(
      (notesOf(b.doc).get('n1')!.get('text') as Y.Text).length,
      '（高齢の方から）',
    );
    notesOf(b.doc).get('n1')!.set('cluster', 'c1');
    setReaction(notesOf(a.doc).get('n1')!, 'u-a', '👍');
    setReaction(notesOf(b.doc).get('n1')!, 'u-b', '❤️');

    const content = (doc: Y.Doc) => ({ notes: notesOf(doc).toJSON(), clusters: doc.getMap('clusters').toJSON() });
    await until(
      () =>
        isDeepStrictEqual(content(a.doc), content(b.doc)) &&
        notesOf(a.doc).get('n1')!.get('cluster') === 'c1' &&
        Object.keys(reactionsOf(notesOf(a.doc).get('n1')!)).length === 2,
    );
    expect(content(a.doc)).toEqual(content(b.doc));
    const note = notesOf(a.doc).get('n1')!;
    expect(note.get('text')!.toString()).toBe('【庁舎】窓口の案内表示が分かりにくい（高齢の方から）');
    expect(note.get('cluster')).toBe('c1');
    expect(reactionsOf(note)).toEqual({ 'u-a': '👍', 'u-b': '❤️' });
    expect(a.doc.getMap('clusters').get('c1')).toBeDefined();
  });

  it('converges every client on the vote totals the facilitator closes, while nobody sees the dots before', async () => {
    const boardId = await newBoard(facilitator);
    const name = `board:${boardId}`;
    const a = connect(name, facilitator);
    const b = connect(name, member);
    await Promise.all([a.synced, b.synced]);
    addNote(a.doc, 'n1', { text: 'A' });
    addNote(a.doc, 'n2', { text: 'B' });
    await until(() => notesOf(b.doc).size === 2);
    const id = globalId('Board', boardId);
    dataOf(await facilitator.request(`mutation { openBoardVote(boardId: "${id}", votesPerPerson: 2) }`));
    await until(() => (b.doc.getMap('control').get('vote') as { open?: boolean } | null)?.open === true);
    const cast = `mutation V($b: ID!, $n: String!) { castBoardVote(boardId: $b, noteId: $n) { remaining noteIds } }`;
    dataOf(await member.request(cast, { b: id, n: 'n1' }));
    const second = dataOf(await member.request<{ castBoardVote: { remaining: number } }>(cast, { b: id, n: 'n1' }));
    expect(second.castBoardVote.remaining).toBe(0);
    const third = await member.request(cast, { b: id, n: 'n2' });
    expect(third.body.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
    dataOf(await facilitator.request(cast, { b: id, n: 'n2' }));
    // Before closing, the documents hold no dots at all.
    expect(b.doc.getMap('control').get('voteResults')).toEqual({});
    dataOf(await facilitator.request(`mutation { closeBoardVote(boardId: "${id}") { noteId votes } }`));
    await until(() => Object.keys((a.doc.getMap('control').get('voteResults') as object) ?? {}).length === 2);
    await until(() => Object.keys((b.doc.getMap('control').get('voteResults') as object) ?? {}).length === 2);
    expect(a.doc.getMap('control').get('voteResults')).toEqual({ n1: 2, n2: 1 });
    expect(b.doc.getMap('control').get('voteResults')).toEqual({ n1: 2, n2: 1 });
    expect(await platform.database.prisma.boardVote.count({ where: { boardId } })).toBe(0);
  });

  it('connects a city-wide observer read-only and refuses their write, which nobody else receives or stores', async () => {
    const boardId = await newBoard(facilitator);
    const name = `board:${boardId}`;
    const watcher = connect(name, observer);
    const writer = connect(name, member);
    await Promise.all([watcher.synced, writer.synced]);
    expect(watcher.scope).toBe('readonly');
    addNote(watcher.doc, 'sneaky', { text: '見ているだけのはず' });
    await until(() => refusals(watcher).includes('READ_ONLY'));
    expect(refusals(watcher)).toContain('READ_ONLY');
    addNote(writer.doc, 'real', { text: '書ける' });
    await until(() => notesOf(watcher.doc).has('real'));
    expect(notesOf(writer.doc).has('sneaky')).toBe(false);
    await platform.server.boards.flush();
    const stored = await platform.server.boards.documents.read(name, (doc) => [...notesOf(doc).keys()]);
    expect(stored).toEqual(['real']);
  });

  it('refuses non-members (4403) and anonymous visitors (4401) before they see anything', async () => {
    const name = `board:${await newBoard(facilitator)}`;
    const stranger = connect(name, outsider);
    await expect(stranger.synced).rejects.toThrow(/forbidden/);
    await until(() => stranger.closes.length > 0);
    expect(stranger.closes[0]).toBe(4403);
    expect(notesOf(stranger.doc).size).toBe(0);
    expect(stranger.doc.getArray('lanes').length).toBe(0);

    const nobody = connect(name, new TestClient(url));
    await expect(nobody.synced).rejects.toThrow(/unauthenticated/);
    await until(() => nobody.closes.length > 0);
    expect(nobody.closes[0]).toBe(4401);
    // Someone else's private writing is not theirs to open, even as a member.
    const boardId = name.slice('board:'.length);
    const facilitatorId = (
      await platform.database.prisma.user.findUniqueOrThrow({ where: { email: 'facilitator@example.jp' } })
    ).id;
    const peek = connect(`${name}:private:${facilitatorId}`, member);
    await expect(peek.synced).rejects.toThrow(/forbidden/);
    void boardId;
  });

  it('lets only the facilitator change control and lanes, and honours locks and locked areas', async () => {
    const name = `board:${await newBoard(facilitator)}`;
    const runner = connect(name, facilitator);
    const person = connect(name, member);
    await Promise.all([runner.synced, person.synced]);

    person.doc.getMap('control').set('stage', 'VOTING');
    await until(() => refusals(person).includes('FACILITATOR_ONLY'));
    expect(refusals(person)).toEqual(['FACILITATOR_ONLY']);
    expect(person.stateless.find((m) => m.type === 'refused')).toMatchObject({
      resync: true,
      messages: { ja: expect.stringContaining('ファシリテーター'), en: expect.stringContaining('facilitator') },
    });
    expect(runner.doc.getMap('control').get('stage')).toBe('SILENT_WRITING');

    // The refused client starts again from a fresh document, as the UI does.
    person.destroy();
    const again = connect(name, member);
    await again.synced;
    expect(again.doc.getMap('control').get('stage')).toBe('SILENT_WRITING');

    runner.doc.getMap('control').set('lockedAreas', [{ x: 1000, y: 1000, w: 500, h: 500 }]);
    await until(
      () =>
        Array.isArray(again.doc.getMap('control').get('lockedAreas')) &&
        (again.doc.getMap('control').get('lockedAreas') as unknown[]).length === 1,
    );
    addNote(again.doc, 'inside', { text: 'ロック範囲', x: 1100, y: 1100 });
    await until(() => refusals(again).includes('AREA_LOCKED'));
    expect(refusals(again)).toContain('AREA_LOCKED');

    const third = connect(name, member);
    await third.synced;
    runner.doc.getMap('control').set('locked', true);
    await until(() => third.doc.getMap('control').get('locked') === true);
    addNote(third.doc, 'late', { text: '遅れて', x: 0, y: 0 });
    await until(() => refusals(third).includes('BOARD_LOCKED'));
    expect(refusals(third)).toContain('BOARD_LOCKED');
    addNote(runner.doc, 'mine', { text: '進行役は書ける', x: 1100, y: 1100 });
    await until(() => notesOf(third.doc).has('mine'));
    expect([...notesOf(runner.doc).keys()].sort()).toEqual(['mine']);
  });

  it('closes only the connection that sends random bytes, malformed updates or an oversized update', async () => {
    const name = `board:${await newBoard(facilitator)}`;
    const bystander = connect(name, facilitator);
    await bystander.synced;

    const raw = async (payload: Uint8Array): Promise<number> => {
      const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/boards`, { headers: { cookie: member.cookie! } });
      await new Promise((resolve) => ws.once('open', resolve));
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.send(payload);
      return closed;
    };
    expect(await raw(randomBytes(64))).toBe(4400);
    // A well-framed sync update whose Yjs content is garbage.
    const garbage = encoding.createEncoder();
    encoding.writeVarString(garbage, name);
    encoding.writeVarUint(garbage, 0);
    encoding.writeVarUint(garbage, 2);
    encoding.writeVarUint8Array(garbage, randomBytes(200));
    const malformed = connect(name, member);
    await malformed.synced;
    const ws = (malformed.provider.configuration.websocketProvider as unknown as { webSocket: WebSocket }).webSocket;
    ws.send(encoding.toUint8Array(garbage));
    await until(() => malformed.closes.includes(4400));
    expect(malformed.closes).toContain(4400);
    expect(refusals(malformed)).toContain('UNDECODABLE');

    const big = connect(name, member);
    await big.synced;
    addNote(big.doc, 'huge', { text: 'あ'.repeat(400_000) });
    await until(() => big.closes.includes(1009));
    expect(big.closes).toContain(1009);
    expect(refusals(big)).toContain('TOO_LARGE');

    // The others carry on, and nothing of it reached the document.
    addNote(bystander.doc, 'after', { text: 'まだ動いている' });
    const later = connect(name, facilitator);
    await later.synced;
    await until(() => notesOf(later.doc).has('after'));
    expect([...notesOf(later.doc).keys()]).toEqual(['after']);
  });

  it('answers an update that builds on changes it lacks with a sync step 1, not a refusal, and ends with both', async () => {
    const name = `board:${await newBoard(facilitator)}`;
    const writer = connect(name, member);
    await writer.synced;
    // Two changes made one after the other; only the second reaches the server first (as after
    // a reconnect, when the provider sends queued updates before its sync step 2).
    const before = Y.encodeStateVector(writer.doc);
    const draft = new Y.Doc();
    Y.applyUpdate(draft, Y.encodeStateAsUpdate(writer.doc));
    addNote(draft, 'first', { text: '先に書いた付箋' });
    const afterFirst = Y.encodeStateVector(draft);
    const first = Y.encodeStateAsUpdate(draft, before);
    draft.getMap<Y.Map<unknown>>('notes').get('first')!.set('color', 'blue');
    const second = Y.encodeStateAsUpdate(draft, afterFirst);
    // The writer's document holds both (origin = its provider: the provider sends neither).
    Y.applyUpdate(writer.doc, first, writer.provider);
    Y.applyUpdate(writer.doc, second, writer.provider);
    const frame = encoding.createEncoder();
    encoding.writeVarString(frame, name);
    encoding.writeVarUint(frame, 0);
    encoding.writeVarUint(frame, 2);
    encoding.writeVarUint8Array(frame, second);
    const ws = (writer.provider.configuration.websocketProvider as unknown as { webSocket: WebSocket }).webSocket;
    ws.send(encoding.toUint8Array(frame));

    const reader = connect(name, facilitator);
    await reader.synced;
    await until(() => (notesOf(reader.doc).get('first') as Y.Map<unknown> | undefined)?.get('color') === 'blue');
    expect((notesOf(reader.doc).get('first') as Y.Map<unknown>).toJSON()).toMatchObject({
      text: '先に書いた付箋',
      color: 'blue',
    });
    expect(refusals(writer)).toEqual([]);
    expect(writer.closes).toEqual([]);
  });

  it('closes a connection that keeps sending refused changes (4429), and only that one', async () => {
    const name = `board:${await newBoard(facilitator)}`;
    const bystander = connect(name, member);
    const watcher = connect(name, observer);
    await Promise.all([bystander.synced, watcher.synced]);
    for (let i = 0; i < 12 && !watcher.closes.includes(4429); i += 1) {
      addNote(watcher.doc, `sneaky-${i}`, { text: `${i}` });
      await until(() => refusals(watcher).length > i || watcher.closes.length > 0);
    }
    await until(() => watcher.closes.includes(4429));
    expect(refusals(watcher)).toContain('TOO_MANY_REFUSALS');
    expect(refusals(watcher).filter((code) => code === 'READ_ONLY').length).toBeGreaterThan(10);
    addNote(bystander.doc, 'still', { text: '続けられる' });
    const later = connect(name, facilitator);
    await later.synced;
    await until(() => notesOf(later.doc).has('still'));
    expect([...notesOf(later.doc).keys()]).toEqual(['still']);
  });

  it('closes a removed member’s connections at once', async () => {
    const boardId = await newBoard(facilitator);
    const name = `board:${boardId}`;
    const extra = await platform.database.prisma.user.create({
      data: { email: `temp-${randomUUID()}@example.jp`, displayName: '一時 委員', passwordHash: null },
    });
    const wg = await platform.database.prisma.committee.findFirstOrThrow({ where: { kind: 'REVISION_WORKING_GROUP' } });
    const admin = observer;
    dataOf(
      await admin.request(
        `mutation A($c: ID!, $u: ID!) { addCommitteeMember(committeeId: $c, userId: $u, role: COMMITTEE_MEMBER) { id role } }`,
        { c: globalId('Committee', wg.id), u: globalId('User', extra.id) },
      ),
    );
    // Sign the temporary member in through a session made for the test.
    const { hashSecret, newSecret } = await import('../../auth/secrets.ts');
    const token = newSecret();
    await platform.database.prisma.session.create({
      data: { tokenHash: hashSecret(token), userId: extra.id, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    const temp = new TestClient(url);
    temp.cookie = `shishin_session=${token}`;
    const client = connect(name, temp);
    await client.synced;
    expect(client.scope).toBe('read-write');
    const removed = dataOf(
      await admin.request<{ removeCommitteeMember: number }>(
        `mutation R($c: ID!, $u: ID!) { removeCommitteeMember(committeeId: $c, userId: $u) }`,
        { c: globalId('Committee', wg.id), u: globalId('User', extra.id) },
      ),
    );
    expect(removed.removeCommitteeMember).toBe(1);
    await until(() => client.closes.includes(4403));
    expect(client.closes).toContain(4403);
  });
  it('keeps every acknowledged change across a server restart', async () => {
    const boardId = await newBoard(facilitator);
    const name = `board:${boardId}`;
    const writer = connect(name, member);
    await writer.synced;
    for (let i = 0; i < 30; i += 1) addNote(writer.doc, `n${i}`, { text: `付箋 ${i}`, x: i * 10 });
    (notesOf(writer.doc).get('n0')!.get('text') as Y.Text).insert(0, '先頭: ');
    // 31 local transactions, 31 update messages: wait for the server to say all are saved.
    await until(() => writer.stateless.some((m) => m.type === 'saved' && Number(m.updates) >= 31));
    expect(writer.stateless.some((m) => m.type === 'saved' && Number(m.updates) >= 31)).toBe(true);
    const expected = writer.doc.getMap('notes').toJSON();

    // Stop the server: what was acknowledged is in the database already.
    for (const client of open) client.destroy();
    const old = platform.server;
    await old.stop();
    const server = await startServer({ database: platform.database, log: () => {} });
    platform.server = server;
    url = server.url;
    platform.url = server.url;
    // Sessions live in the database too: the same cookie works on the new server.
    const again = new TestClient(url);
    again.cookie = facilitator.cookie;
    const reader = connect(name, again);
    await reader.synced;
    expect(reader.doc.getMap('notes').toJSON()).toEqual(expected);
    const board = await platform.database.prisma.board.findUniqueOrThrow({ where: { id: boardId } });
    expect(board.documentSeq).toBeGreaterThan(0n);
  });
});
