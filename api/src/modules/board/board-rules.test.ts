// The facilitation and privacy rules of a board as the server enforces them, with real Yjs
// clients over the real socket: locks (areas, lanes, the whole board), spotlight and stages
// (facilitator only, automatic snapshots), undo of one's own changes only, connectors when a
// note goes, private writing kept off the shared document, and anonymity in the document,
// snapshots, exports and GraphQL. Runs on PGlite or PostgreSQL (SHISHIN_TEST_DB).
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rectOf, setRect } from '../../boards/document.ts';
import { addNote, until, type BoardClient } from '../../test/board-client.ts';
import { dataOf, errorCodes, globalId, rowId, TestClient } from '../../test/client.ts';
import { useBoardPlatform } from '../../test/board-platform.ts';

const boards = useBoardPlatform();
const { signedIn, connect } = boards;

const db = () => boards.platform.database.prisma;

const notes = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('notes');
const control = (doc: Y.Doc) => doc.getMap<unknown>('control');
const refusals = (client: BoardClient) => client.stateless.filter((m) => m.type === 'refused').map((m) => m.code);
const textOf = (doc: Y.Doc, id: string) => (notes(doc).get(id)?.get('text') as Y.Text | undefined)?.toString();
const stored = (name: string) => boards.platform.server.boards.documents.read(name, (doc) => notes(doc).toJSON());

/** A 中原区 ward-committee board: the chair facilitates; two members write. */
async function wardBoard(chair: TestClient, title: string): Promise<{ id: string; name: string }> {
  const committee = await db().committee.findFirstOrThrow({
    where: { kind: 'WARD_COMMITTEE', ward: { code: 'nakahara' } },
  });
  const board = dataOf(
    await chair.request<{ createBoard: { id: string; documentName: string } }>(
      `mutation C($input: CreateBoardInput!) { createBoard(input: $input) { id documentName } }`,
      {
        input: {
          title,
          template: 'REVISION_WORKSHOP',
          committeeId: globalId('Committee', committee.id),
          wardId: globalId('Ward', committee.wardId!),
          workshopDate: '2026-12-01',
        },
      },
    ),
  ).createBoard;
  return { id: board.id, name: board.documentName };
}

describe('board rules on the server', () => {
  let chair: TestClient;
  let memberA: TestClient;
  let memberB: TestClient;
  let userA: { id: string; displayName: string };
  beforeAll(async () => {
    [chair, memberA, memberB] = await Promise.all([
      signedIn('chair.nakahara@example.jp'),
      signedIn('section.nakahara@example.jp'),
      signedIn('committee.nakahara@example.jp'),
    ]);
    userA = await db().user.findUniqueOrThrow({ where: { email: 'section.nakahara@example.jp' } });
  });

  it('refuses a member’s edit of a note in a locked lane or on a locked board, and accepts it again once unlocked', async () => {
    const { name } = await wardBoard(chair, 'ロックの確認');
    const runner = connect(name, chair);
    const a = connect(name, memberA);
    const b = connect(name, memberB);
    await Promise.all([runner.synced, a.synced, b.synced]);
    // A note in the second lane (x 360–720) and one in the first.
    addNote(a.doc, 'inLane', { text: '課題の付箋', x: 400, y: 100 });
    addNote(a.doc, 'outside', { text: '現状の付箋', x: 20, y: 100 });
    await until(() => notes(runner.doc).size === 2 && notes(b.doc).size === 2);

    // A member cannot set locks at all.
    a.doc.getMap('control').set('lockedAreas', [{ x: 0, y: 0, w: 360, h: 100_000 }]);
    await until(() => refusals(a).includes('FACILITATOR_ONLY'));
    expect(refusals(a)).toEqual(['FACILITATOR_ONLY']);
    b.doc.getMap('control').set('locked', true);
    await until(() => refusals(b).includes('FACILITATOR_ONLY'));
    expect(refusals(b)).toEqual(['FACILITATOR_ONLY']);
    await boards.platform.server.boards.flush();
    expect(
      await boards.platform.server.boards.documents.read(name, (doc) => ({
        locked: control(doc).get('locked'),
        areas: control(doc).get('lockedAreas'),
      })),
    ).toEqual({ locked: false, areas: [] });

    // The refused clients start again from fresh documents, as the UI does.
    const a2 = connect(name, memberA);
    const b2 = connect(name, memberB);
    await Promise.all([a2.synced, b2.synced]);

    // The facilitator locks the second lane (the UI's lane area).
    control(runner.doc).set('lockedAreas', [{ x: 360, y: 0, w: 360, h: 100_000 }]);
    await until(() => (control(a2.doc).get('lockedAreas') as unknown[] | undefined)?.length === 1);
    (notes(a2.doc).get('inLane')!.get('text') as Y.Text).insert(0, '変更: ');
    await until(() => refusals(a2).includes('AREA_LOCKED'));
    expect(a2.stateless.find((m) => m.type === 'refused')).toMatchObject({
      code: 'AREA_LOCKED',
      resync: true,
      messages: { ja: expect.stringContaining('ロック'), en: expect.stringContaining('locked area') },
    });
    // Moving a note from outside into the locked lane is as much a change to it.
    const outside = notes(b2.doc).get('outside')!;
    setRect(outside, { ...rectOf((key) => outside.get(key)), x: 380 });
    await until(() => refusals(b2).includes('AREA_LOCKED'));
    expect(refusals(b2)).toEqual(['AREA_LOCKED']);
    await boards.platform.server.boards.flush();
    let now = await stored(name);
    expect(now.inLane!.text).toBe('課題の付箋');
    expect(now.outside!.rect).toEqual([20, 100, 160, 120]);
    expect(textOf(runner.doc, 'inLane')).toBe('課題の付箋');
    // A note outside the lane is still the member's to change.
    const a3 = connect(name, memberA);
    await a3.synced;
    notes(a3.doc).get('outside')!.set('color', 'pink');
    await until(() => notes(runner.doc).get('outside')?.get('color') === 'pink');
    expect(refusals(a3)).toEqual([]);
    // The facilitator changes the locked note.
    (notes(runner.doc).get('inLane')!.get('text') as Y.Text).insert(0, '【進行】');
    await until(() => textOf(a3.doc, 'inLane') === '【進行】課題の付箋');

    // Unlocked: the member's edit goes through.
    control(runner.doc).set('lockedAreas', []);
    await until(() => (control(a3.doc).get('lockedAreas') as unknown[]).length === 0);
    (notes(a3.doc).get('inLane')!.get('text') as Y.Text).insert(0, '再開: ');
    await until(() => textOf(runner.doc, 'inLane') === '再開: 【進行】課題の付箋');
    expect(refusals(a3)).toEqual([]);

    // The whole board locked: any change by a member is refused, the facilitator's is not.
    control(runner.doc).set('locked', true);
    await until(() => control(a3.doc).get('locked') === true);
    notes(a3.doc).get('outside')!.set('color', 'green');
    await until(() => refusals(a3).includes('BOARD_LOCKED'));
    expect(refusals(a3)).toEqual(['BOARD_LOCKED']);
    notes(runner.doc).get('outside')!.set('color', 'blue');
    control(runner.doc).set('locked', false);
    const a4 = connect(name, memberA);
    await a4.synced;
    expect(notes(a4.doc).get('outside')!.get('color')).toBe('blue');
    expect(control(a4.doc).get('locked')).toBe(false);
    notes(a4.doc).get('outside')!.set('color', 'green');
    await until(() => notes(runner.doc).get('outside')?.get('color') === 'green');
    expect(refusals(a4)).toEqual([]);
    await boards.platform.server.boards.flush();
    now = await stored(name);
    expect(now.outside!.color).toBe('green');
  });

  it('takes the facilitator’s spotlight, timer and stage to everyone, refuses a member’s, and snapshots each stage change', async () => {
    const { id, name } = await wardBoard(chair, '進行の確認');
    const runner = connect(name, chair);
    const a = connect(name, memberA);
    await Promise.all([runner.synced, a.synced]);

    control(runner.doc).set('spotlight', { userId: 'chair', x: 720, y: 40, zoom: 1.2, at: new Date().toISOString() });
    control(runner.doc).set('timer', { startedAt: new Date().toISOString(), durationMs: 300_000 });
    control(runner.doc).set('stage', 'SHARING');
    await until(() => control(a.doc).get('stage') === 'SHARING');
    expect(control(a.doc).get('spotlight')).toMatchObject({ x: 720, y: 40, zoom: 1.2 });
    expect(control(a.doc).get('timer')).toMatchObject({ durationMs: 300_000 });

    // A member can neither bring everyone to their view, nor run the clock or the stages.
    for (const [key, value] of [
      ['spotlight', { userId: userA.id, x: 0, y: 0, zoom: 1 }],
      ['timer', null],
      ['stage', 'VOTING'],
    ] as const) {
      const member = connect(name, memberA);
      await member.synced;
      control(member.doc).set(key, value);
      await until(() => refusals(member).includes('FACILITATOR_ONLY'));
      expect(refusals(member)).toEqual(['FACILITATOR_ONLY']);
    }
    // Awareness is presence only: a member announcing a "spotlight" in it changes nobody's document.
    a.provider.setAwarenessField('spotlight', { x: 0, y: 0, zoom: 2 });
    a.provider.setAwarenessField('viewport', { x: 5, y: 6, zoom: 1 });
    await until(() =>
      [...runner.provider.awareness!.getStates().values()].some(
        (s) => (s.viewport as { x?: number } | undefined)?.x === 5,
      ),
    );
    expect(control(runner.doc).get('spotlight')).toMatchObject({ x: 720, y: 40, zoom: 1.2 });
    await boards.platform.server.boards.flush();
    expect(
      await boards.platform.server.boards.documents.read(name, (doc) => ({
        stage: control(doc).get('stage'),
        spotlight: control(doc).get('spotlight'),
        timer: control(doc).get('timer'),
      })),
    ).toMatchObject({ stage: 'SHARING', spotlight: { x: 720, zoom: 1.2 }, timer: { durationMs: 300_000 } });

    // Each stage change by the facilitator left a snapshot of the board at that moment.
    control(runner.doc).set('stage', 'CLUSTERING');
    await until(() => control(a.doc).get('stage') === 'CLUSTERING');
    const snapshots = async () =>
      (await db().boardSnapshot.findMany({ where: { boardId: rowId(id) }, orderBy: { createdAt: 'asc' } })).map(
        (s) => ({ name: s.name, automatic: s.automatic, stage: s.stage }),
      );
    const end = Date.now() + 10_000;
    while ((await snapshots()).length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(await snapshots()).toEqual([
      { name: 'SILENT_WRITING → SHARING', automatic: true, stage: 'SHARING' },
      { name: 'SHARING → CLUSTERING', automatic: true, stage: 'CLUSTERING' },
    ]);
  });

  it('undoes only one’s own changes (Y.UndoManager with trackedOrigins), for everyone', async () => {
    const { name } = await wardBoard(chair, '元に戻す');
    const a = connect(name, memberA);
    const b = connect(name, memberB);
    await Promise.all([a.synced, b.synced]);
    addNote(a.doc, 'n1', { text: '待ち時間', x: 20, y: 100 });
    await until(() => notes(b.doc).has('n1'));
    const originA = { board: 'local-a' };
    const undoA = new Y.UndoManager([notes(a.doc)], { trackedOrigins: new Set([originA]) });
    // A and B edit the same note and another one.
    a.doc.transact(() => (notes(a.doc).get('n1')!.get('text') as Y.Text).insert(0, '繁忙期の'), originA);
    a.doc.transact(() => notes(a.doc).get('n1')!.set('color', 'pink'), originA);
    await until(() => textOf(b.doc, 'n1') === '繁忙期の待ち時間');
    b.doc.transact(() => {
      const text = notes(b.doc).get('n1')!.get('text') as Y.Text;
      text.insert(text.length, 'が長い');
    }, 'b');
    addNote(b.doc, 'n2', { text: 'Bの付箋', x: 200, y: 100 });
    await until(() => textOf(a.doc, 'n1') === '繁忙期の待ち時間が長い' && notes(a.doc).has('n2'));

    undoA.undo();
    await until(() => textOf(b.doc, 'n1') === '待ち時間が長い' && notes(b.doc).get('n1')?.get('color') === 'yellow');
    expect(textOf(a.doc, 'n1')).toBe('待ち時間が長い');
    expect(notes(a.doc).get('n1')!.get('color')).toBe('yellow');
    expect(textOf(b.doc, 'n1')).toBe('待ち時間が長い');
    expect(notes(b.doc).has('n2')).toBe(true);
    undoA.redo();
    await until(() => textOf(b.doc, 'n1') === '繁忙期の待ち時間が長い');
    expect(notes(b.doc).get('n1')!.get('color')).toBe('pink');
    await boards.platform.server.boards.flush();
    expect((await stored(name)).n1!.text).toBe('繁忙期の待ち時間が長い');
    undoA.destroy();
  });

  it('drops a deleted note’s connectors everywhere, and exports no connector to a note that is gone', async () => {
    const { id, name } = await wardBoard(chair, 'つなぐ');
    const a = connect(name, memberA);
    const b = connect(name, memberB);
    await Promise.all([a.synced, b.synced]);
    addNote(a.doc, 'n1', { text: '一', x: 20, y: 100 });
    addNote(a.doc, 'n2', { text: '二', x: 400, y: 100 });
    addNote(a.doc, 'n3', { text: '三', x: 800, y: 100 });
    const connector = (doc: Y.Doc, key: string, from: string, to: string) =>
      doc.transact(() => {
        const c = new Y.Map<unknown>();
        c.set('from', from);
        c.set('to', to);
        doc.getMap('connectors').set(key, c);
      });
    connector(a.doc, 'c12', 'n1', 'n2');
    await until(() => b.doc.getMap('connectors').has('c12'));
    expect(b.doc.getMap('connectors').toJSON()).toEqual({ c12: { from: 'n1', to: 'n2' } });

    // B deletes n1 with its connectors (as the UI does) while A, not yet aware, connects n1 to n3.
    b.doc.transact(() => {
      notes(b.doc).delete('n1');
      b.doc.getMap<Y.Map<unknown>>('connectors').forEach((c, key) => {
        if (c.get('from') === 'n1' || c.get('to') === 'n1') b.doc.getMap('connectors').delete(key);
      });
    });
    connector(a.doc, 'c13', 'n1', 'n3');
    await until(() => !notes(a.doc).has('n1') && b.doc.getMap('connectors').has('c13'));
    // Both sides converge on the same document: c12 is gone; c13 points at nothing.
    expect(a.doc.getMap('connectors').toJSON()).toEqual(b.doc.getMap('connectors').toJSON());
    expect(Object.keys(a.doc.getMap('connectors').toJSON())).toEqual(['c13']);
    await boards.platform.server.boards.flush();
    const json = (await (
      await fetch(`${boards.platform.url}/boards/${rowId(id)}/export.json`, { headers: { cookie: memberA.cookie! } })
    ).json()) as { connectors: unknown[] };
    // A connector whose note is gone is drawn nowhere, and is not exported either.
    expect(json.connectors).toEqual([]);
    const svg = await (
      await fetch(`${boards.platform.url}/boards/${rowId(id)}/export.svg`, { headers: { cookie: memberA.cookie! } })
    ).text();
    expect(svg).not.toContain('<line');
  });

  it('keeps private writing off the shared document, and an anonymous note’s author out of the document, snapshots, exports and GraphQL', async () => {
    const { id, name } = await wardBoard(chair, '個人で書く');
    const runner = connect(name, chair);
    await runner.synced;
    runner.doc.transact(() => {
      control(runner.doc).set('privateWriting', true);
      control(runner.doc).set('anonymous', true);
    });
    const privateName = async (who: TestClient) =>
      dataOf(
        await who.request<{ node: { privateDocumentName: string } }>(
          `query N($id: ID!) { node(id: $id) { ... on Board { privateDocumentName } } }`,
          { id },
        ),
      ).node.privateDocumentName;
    const mineA = connect(await privateName(memberA), memberA);
    const sharedB = connect(name, memberB);
    await Promise.all([mineA.synced, sharedB.synced]);
    // Written with the author on purpose (an old client): the reveal must still drop it.
    addNote(mineA.doc, 'secret-1', {
      text: '説明が職員によって違う',
      x: 400,
      y: 100,
      authorId: userA.id,
      authorName: userA.displayName,
    });
    addNote(mineA.doc, 'secret-2', { text: '案内の紙が古い', x: 400, y: 260 });
    await until(() => mineA.stateless.some((m) => m.type === 'saved' && Number(m.updates) >= 2));
    // Not in anyone else's document, nor in the shared one on the server.
    expect(notes(sharedB.doc).size).toBe(0);
    expect(notes(runner.doc).size).toBe(0);
    expect(await stored(name)).toEqual({});
    const peek = connect(await privateName(memberA), memberB);
    await expect(peek.synced).rejects.toThrow(/forbidden/);
    // Nor in an export or a snapshot taken meanwhile.
    const exportOf = async (format: string) =>
      (
        await fetch(`${boards.platform.url}/boards/${rowId(id)}/export.${format}`, {
          headers: { cookie: chair.cookie! },
        })
      ).text();
    expect(await exportOf('json')).not.toContain('説明が職員によって違う');
    const during = dataOf(
      await chair.request<{ createBoardSnapshot: { document: string } }>(
        `mutation S($id: ID!) { createBoardSnapshot(boardId: $id, name: "個人ワーク中") { document } }`,
        { id },
      ),
    ).createBoardSnapshot;
    expect(Buffer.from(during.document, 'base64').includes(Buffer.from('説明が職員によって違う'))).toBe(false);

    // The member's selection is presence: a revealed anonymous note gets a new id, so nobody can
    // tie it to what a member had selected while writing.
    const revealed = dataOf(
      await chair.request<{ revealPrivateNotes: number }>(`mutation R($id: ID!) { revealPrivateNotes(boardId: $id) }`, {
        id,
      }),
    );
    expect(revealed.revealPrivateNotes).toBe(2);
    await until(() => notes(sharedB.doc).size === 2);
    const seen = notes(sharedB.doc).toJSON() as Record<string, Record<string, unknown>>;
    expect(Object.keys(seen).some((key) => key.startsWith('secret-'))).toBe(false);
    expect(
      Object.values(seen)
        .map((n) => n.text)
        .sort(),
    ).toEqual(['案内の紙が古い', '説明が職員によって違う']);
    for (const note of Object.values(seen)) {
      expect(note).not.toHaveProperty('authorId');
      expect(note).not.toHaveProperty('authorName');
    }
    // A member may not put the author back while the board is anonymous.
    const [firstId] = Object.keys(seen);
    notes(sharedB.doc).get(firstId!)!.set('authorName', userA.displayName);
    await until(() => refusals(sharedB).includes('ANONYMOUS'));
    expect(refusals(sharedB)).toEqual(['ANONYMOUS']);

    // The stage changes (an automatic snapshot), a manual snapshot, the exports, a promoted record.
    control(runner.doc).set('stage', 'SHARING');
    await boards.platform.server.boards.flush();
    dataOf(
      await chair.request(`mutation S($id: ID!) { createBoardSnapshot(boardId: $id, name: "公開のあと") { id } }`, {
        id,
      }),
    );
    const promoted = dataOf(
      await chair.request<{ promoteBoardNotes: { recordId: string } }>(
        `mutation P($input: PromoteBoardNotesInput!) { promoteBoardNotes(input: $input) { recordId } }`,
        { input: { boardId: id, noteIds: Object.keys(seen), as: 'PROBLEM' } },
      ),
    ).promoteBoardNotes;
    await boards.platform.server.boards.flush();
    const end = Date.now() + 10_000;
    while ((await db().boardSnapshot.count({ where: { boardId: rowId(id) } })) < 3 && Date.now() < end)
      await new Promise((r) => setTimeout(r, 50));
    const traces = (text: string) => [userA.id, userA.displayName, 'section.nakahara'].filter((t) => text.includes(t));
    const bytes = (b: Uint8Array | null) => Buffer.from(b ?? []).toString('latin1');
    const board = await db().board.findUniqueOrThrow({ where: { id: rowId(id) } });
    const updates = await db().boardUpdate.findMany({ where: { boardId: board.id } });
    const snapshots = await db().boardSnapshot.findMany({ where: { boardId: board.id } });
    expect(snapshots.length).toBe(3);
    const utf8 = (b: Uint8Array | null) => Buffer.from(b ?? []).toString('utf8');
    for (const blob of [board.document, ...updates.map((u) => u.update), ...snapshots.map((s) => s.document)]) {
      expect(traces(bytes(blob))).toEqual([]);
      expect(traces(utf8(blob))).toEqual([]);
    }
    for (const format of ['json', 'csv', 'svg']) expect(traces(await exportOf(format))).toEqual([]);
    const history = dataOf(
      await chair.request<{ node: { snapshots: { edges: { node: { document: string } }[] } } }>(
        `query N($id: ID!) { node(id: $id) { ... on Board { snapshots(first: 10) { edges { node { document name createdBy { displayName } } } } } } }`,
        { id },
      ),
    );
    for (const edge of history.node.snapshots.edges)
      expect(traces(Buffer.from(edge.node.document, 'base64').toString('utf8'))).toEqual([]);
    const problem = await chair.request(
      `query N($id: ID!) { node(id: $id) { ... on Problem { title body origin workshopDate auditTrail(first: 10) { edges { node { action after actor { displayName } } } } } } }`,
      { id: promoted.recordId },
    );
    expect(JSON.stringify(dataOf(problem))).toContain('説明が職員によって違う');
    expect(traces(JSON.stringify(problem.body))).toEqual([]);
    const audit = await db().auditRecord.findMany({
      where: { subjectId: { in: [board.id, rowId(promoted.recordId)] } },
    });
    expect(traces(JSON.stringify(audit))).toEqual([]);
    expect(
      errorCodes(await memberA.request(`mutation R($id: ID!) { revealPrivateNotes(boardId: $id) }`, { id })),
    ).toEqual(['FORBIDDEN']);
  });

  it('hides authors of notes written before the board went anonymous from every export', async () => {
    const { id, name } = await wardBoard(chair, '匿名モード');
    const runner = connect(name, chair);
    const a = connect(name, memberA);
    await Promise.all([runner.synced, a.synced]);
    addNote(a.doc, 'named', {
      text: '名前のある付箋',
      x: 20,
      y: 100,
      authorId: userA.id,
      authorName: userA.displayName,
    });
    await until(() => notes(runner.doc).has('named'));
    const exportOf = async (format: string) =>
      (
        await fetch(`${boards.platform.url}/boards/${rowId(id)}/export.${format}`, {
          headers: { cookie: memberA.cookie! },
        })
      ).text();
    await boards.platform.server.boards.flush();
    expect(await exportOf('csv')).toContain(userA.displayName);
    control(runner.doc).set('anonymous', true);
    await until(() => control(a.doc).get('anonymous') === true);
    await boards.platform.server.boards.flush();
    const json = JSON.parse(await exportOf('json')) as { anonymous: boolean; notes: Record<string, unknown>[] };
    expect(json.anonymous).toBe(true);
    expect(json.notes[0]).toMatchObject({ text: '名前のある付箋', authorId: null, authorName: null });
    for (const format of ['json', 'csv', 'svg']) {
      const text = await exportOf(format);
      expect(text).toContain('名前のある付箋');
      expect(text).not.toContain(userA.displayName);
      expect(text).not.toContain(userA.id);
    }
    // A member's new note may not carry an author while anonymous.
    addNote(a.doc, 'signed', { text: '署名', authorName: userA.displayName });
    await until(() => refusals(a).includes('ANONYMOUS'));
    expect(refusals(a)).toEqual(['ANONYMOUS']);
  });
});
