// Boards through GraphQL and HTTP: who creates and lists them, private writing revealed (and
// anonymity kept), snapshots and restore, promotion to records without duplicates, exports.
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, until } from '../../test/board-client.ts';
import { dataOf, errorCodes, globalId, rowId, TestClient } from '../../test/client.ts';
import { useBoardPlatform } from '../../test/board-platform.ts';

const boards = useBoardPlatform();
const { signedIn, connect } = boards;

const db = () => boards.platform.database.prisma;

const BOARD_FIELDS = `id title template documentName privateDocumentName socketPath viewerCanEdit viewerCanFacilitate
  committee { kind } ward { code } section { code } facilitator { displayName } workshopDate`;

async function createBoard(who: TestClient, input: Record<string, unknown>) {
  return who.request<{ createBoard: Record<string, unknown> & { id: string; documentName: string } }>(
    `mutation C($input: CreateBoardInput!) { createBoard(input: $input) { ${BOARD_FIELDS} } }`,
    { input },
  );
}

describe('boards through GraphQL', () => {
  let facilitator: TestClient;
  let member: TestClient;
  let admin: TestClient;
  let miyamae: TestClient;
  let wg: string;
  beforeAll(async () => {
    facilitator = await signedIn('facilitator@example.jp');
    member = await signedIn('section.nakahara@example.jp');
    admin = await signedIn('admin@example.jp');
    miyamae = await signedIn('section.miyamae@example.jp');
    wg = globalId(
      'Committee',
      (await db().committee.findFirstOrThrow({ where: { kind: 'REVISION_WORKING_GROUP' } })).id,
    );
  });

  it('creates a board from a template for its facilitator, lists it to members and city roles only, and answers viewerCan*', async () => {
    const board = dataOf(
      await createBoard(facilitator, {
        title: '理念を考える',
        template: 'REVISION_WORKSHOP',
        committeeId: wg,
        workshopDate: '2026-12-01',
      }),
    ).createBoard;
    expect(board).toMatchObject({
      template: 'REVISION_WORKSHOP',
      socketPath: '/boards',
      documentName: `board:${rowId(board.id)}`,
      viewerCanEdit: true,
      viewerCanFacilitate: true,
      committee: { kind: 'REVISION_WORKING_GROUP' },
      facilitator: { displayName: '山口 恵' },
      workshopDate: '2026-12-01',
    });
    const list = `{ boards(first: 50) { edges { node { id viewerCanEdit viewerCanFacilitate privateDocumentName } } } }`;
    const seen = dataOf(
      await member.request<{ boards: { edges: { node: Record<string, unknown> }[] } }>(list),
    ).boards.edges.map((e) => e.node);
    expect(seen.find((b) => b.id === board.id)).toMatchObject({ viewerCanEdit: true, viewerCanFacilitate: false });
    expect(String(seen.find((b) => b.id === board.id)!.privateDocumentName)).toMatch(/^board:.+:private:.+$/);
    const byAdmin = dataOf(await admin.request<{ boards: { edges: { node: Record<string, unknown> }[] } }>(list)).boards
      .edges;
    expect(byAdmin.find((e) => e.node.id === board.id)?.node).toMatchObject({
      viewerCanEdit: false,
      privateDocumentName: null,
    });
    const byOutsider = dataOf(await miyamae.request<{ boards: { edges: { node: { id: string } }[] } }>(list)).boards
      .edges;
    expect(byOutsider.some((e) => e.node.id === board.id)).toBe(false);
    // By id it is null for them, exactly as an id that names no board (or snapshot): the web
    // app shows a 404 either way.
    const direct = await miyamae.request(`query N($id: ID!) { node(id: $id) { id } }`, { id: board.id });
    expect({ codes: errorCodes(direct), data: direct.body.data }).toEqual({ codes: [], data: { node: null } });
    for (const type of ['Board', 'BoardSnapshot']) {
      const nothing = await member.request<{ node: null }>(`query N($id: ID!) { node(id: $id) { id } }`, {
        id: globalId(type, '00000000-0000-4000-8000-000000000000'),
      });
      expect(errorCodes(nothing)).toEqual([]);
      expect(dataOf(nothing).node).toBeNull();
    }

    // Members do not create boards; a section board needs a section for target drafting.
    expect(errorCodes(await createBoard(member, { title: 'x', template: 'BLANK', committeeId: wg }))).toEqual([
      'FORBIDDEN',
    ]);
    const coordinator = await signedIn('coordinator.nakahara@example.jp');
    expect(
      errorCodes(
        await createBoard(coordinator, {
          title: 'x',
          template: 'TARGET_DRAFTING',
          wardId: globalId('Ward', (await db().ward.findUniqueOrThrow({ where: { code: 'nakahara' } })).id),
        }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    const section = await db().section.findFirstOrThrow({ where: { code: 'citizens', ward: { code: 'nakahara' } } });
    const sectionBoard = dataOf(
      await createBoard(coordinator, {
        title: '区民課の目標づくり',
        template: 'TARGET_DRAFTING',
        sectionId: globalId('Section', section.id),
      }),
    ).createBoard;
    expect(sectionBoard).toMatchObject({ ward: { code: 'nakahara' }, section: { code: 'citizens' } });
    const lanes = await boards.platform.server.boards.documents.read(sectionBoard.documentName, (doc) =>
      doc
        .getArray<Y.Map<string>>('lanes')
        .toArray()
        .map((l) => l.get('title')),
    );
    expect(lanes).toEqual(['関連する基準', '区の方針', '現状', '目標案', '指標・達成の目安']);
    // The ward's staff write on it; miyamae's do not see it.
    const head = await signedIn('head.nakahara@example.jp');
    const forHead = dataOf(
      await head.request<{ node: { viewerCanEdit: boolean } }>(
        `query N($id: ID!) { node(id: $id) { ... on Board { viewerCanEdit } } }`,
        { id: sectionBoard.id },
      ),
    );
    expect(forHead.node.viewerCanEdit).toBe(true);

    // Archived: read-only for everyone, facilitator included.
    const archived = dataOf(
      await facilitator.request<{ archiveBoard: { viewerCanEdit: boolean; viewerCanFacilitate: boolean } }>(
        `mutation A($id: ID!) { archiveBoard(boardId: $id) { viewerCanEdit viewerCanFacilitate } }`,
        { id: board.id },
      ),
    ).archiveBoard;
    expect(archived).toEqual({ viewerCanEdit: false, viewerCanFacilitate: false });
  });

  it('reveals private writing into the shared board at once, without authors when anonymous, keeping the author nowhere', async () => {
    const board = dataOf(
      await createBoard(facilitator, { title: '個人ワーク', template: 'REVISION_WORKSHOP', committeeId: wg }),
    ).createBoard;
    const runner = connect(board.documentName, facilitator);
    await runner.synced;
    runner.doc.transact(() => {
      runner.doc.getMap('control').set('privateWriting', true);
      runner.doc.getMap('control').set('anonymous', true);
    });
    const { privateDocumentName } = dataOf(
      await member.request<{ node: { privateDocumentName: string } }>(
        `query N($id: ID!) { node(id: $id) { ... on Board { privateDocumentName } } }`,
        { id: board.id },
      ),
    ).node;
    const shared = connect(board.documentName, member);
    const mine = connect(privateDocumentName, member);
    await Promise.all([shared.synced, mine.synced]);
    await until(() => shared.doc.getMap('control').get('privateWriting') === true);
    // New notes on the shared board are refused while writing privately…
    addNote(shared.doc, 'early', { text: '共有に書いてしまった' });
    await until(() => shared.stateless.some((m) => m.code === 'PRIVATE_WRITING'));
    expect(shared.stateless.some((m) => m.code === 'PRIVATE_WRITING')).toBe(true);
    // …and go to the private document, which nobody else sees.
    const userId = (await db().user.findUniqueOrThrow({ where: { email: 'section.nakahara@example.jp' } })).id;
    addNote(mine.doc, 'p1', {
      text: '職員によって説明が違う',
      authorId: userId,
      authorName: '鈴木 彩',
      lane: 'problems',
    });
    addNote(mine.doc, 'p2', { text: '番号札の呼び出しが聞こえにくい', authorId: userId, authorName: '鈴木 彩' });
    await until(() => mine.stateless.some((m) => m.type === 'saved' && Number(m.updates) >= 2));
    expect(await db().boardPrivateDocument.count({ where: { boardId: rowId(board.id) } })).toBe(1);
    expect(runner.doc.getMap('notes').size).toBe(0);

    expect(
      errorCodes(await member.request(`mutation R($id: ID!) { revealPrivateNotes(boardId: $id) }`, { id: board.id })),
    ).toEqual(['FORBIDDEN']);
    const revealed = dataOf(
      await facilitator.request<{ revealPrivateNotes: number }>(
        `mutation R($id: ID!) { revealPrivateNotes(boardId: $id) }`,
        { id: board.id },
      ),
    );
    expect(revealed.revealPrivateNotes).toBe(2);
    await until(() => runner.doc.getMap('notes').size === 2 && mine.doc.getMap('notes').size === 0);
    const notes = runner.doc.getMap<Y.Map<unknown>>('notes').toJSON() as Record<string, Record<string, unknown>>;
    expect(
      Object.values(notes)
        .map((n) => n.text)
        .sort(),
    ).toEqual(['番号札の呼び出しが聞こえにくい', '職員によって説明が違う']);
    for (const note of Object.values(notes)) {
      expect(note.authorId).toBeUndefined();
      expect(note.authorName).toBeUndefined();
    }
    expect(mine.doc.getMap('notes').size).toBe(0);
    await boards.platform.server.boards.flush();
    expect(await db().boardPrivateDocument.count({ where: { boardId: rowId(board.id) } })).toBe(0);
    // Nowhere: not the update log, not the squashed state, not the audit.
    const stored = await db().board.findUniqueOrThrow({ where: { id: rowId(board.id) } });
    const rows = await db().boardUpdate.findMany({ where: { boardId: stored.id } });
    const everything = Buffer.concat([Buffer.from(stored.document ?? []), ...rows.map((r) => Buffer.from(r.update))]);
    expect(everything.includes(Buffer.from(userId))).toBe(false);
    expect(everything.includes(Buffer.from('鈴木 彩'))).toBe(false);
    const audit = await db().auditRecord.findMany({ where: { subjectId: stored.id } });
    expect(JSON.stringify(audit).includes(userId)).toBe(false);
    const csv = await fetch(`${boards.platform.url}/boards/${stored.id}/export.csv`, {
      headers: { cookie: facilitator.cookie! },
    });
    expect((await csv.text()).includes('鈴木')).toBe(false);
  });

  it('snapshots at every stage change and on request, and restores one as a new change', async () => {
    const board = dataOf(
      await createBoard(facilitator, { title: '履歴', template: 'PROBLEM_LISTING', committeeId: wg }),
    ).createBoard;
    const runner = connect(board.documentName, facilitator);
    await runner.synced;
    addNote(runner.doc, 'a', { text: '最初の付箋' });
    runner.doc.getMap('control').set('stage', 'SHARING');
    const snap = dataOf(
      await facilitator.request<{
        createBoardSnapshot: { id: string; name: string; automatic: boolean; document: string };
      }>(
        `mutation S($id: ID!) { createBoardSnapshot(boardId: $id, name: "共有の後") { id name automatic document } }`,
        { id: board.id },
      ),
    ).createBoardSnapshot;
    expect(snap).toMatchObject({ name: '共有の後', automatic: false });
    const view = new Y.Doc();
    Y.applyUpdate(view, Buffer.from(snap.document, 'base64'));
    expect([...view.getMap('notes').keys()]).toEqual(['a']);

    addNote(runner.doc, 'b', { text: '後の付箋' });
    runner.doc.getMap('notes').delete('a');
    runner.doc.getMap('control').set('stage', 'CLUSTERING');
    await until(() => runner.stateless.filter((m) => m.type === 'saved').length > 0);
    await boards.platform.server.boards.flush();
    const list = dataOf(
      await member.request<{
        node: { snapshots: { edges: { node: { name: string; automatic: boolean; stage: string } }[] } };
      }>(
        `query N($id: ID!) { node(id: $id) { ... on Board { snapshots(first: 10) { edges { node { name automatic stage } } } } } }`,
        { id: board.id },
      ),
    ).node.snapshots.edges.map((e) => e.node);
    expect(list).toEqual(
      expect.arrayContaining([
        { name: 'SILENT_WRITING → SHARING', automatic: true, stage: 'SHARING' },
        { name: 'SHARING → CLUSTERING', automatic: true, stage: 'CLUSTERING' },
        { name: '共有の後', automatic: false, stage: 'SHARING' },
      ]),
    );
    expect(
      errorCodes(
        await member.request(`mutation R($id: ID!) { restoreBoardSnapshot(snapshotId: $id) { id } }`, { id: snap.id }),
      ),
    ).toEqual(['FORBIDDEN']);
    dataOf(
      await facilitator.request(`mutation R($id: ID!) { restoreBoardSnapshot(snapshotId: $id) { id } }`, {
        id: snap.id,
      }),
    );
    await until(() => runner.doc.getMap('notes').has('a') && !runner.doc.getMap('notes').has('b'));
    expect([...runner.doc.getMap('notes').keys()]).toEqual(['a']);
    expect(runner.doc.getMap('control').get('stage')).toBe('SHARING');
    const restoredText = (runner.doc.getMap<Y.Map<unknown>>('notes').get('a')!.get('text') as Y.Text).toString();
    expect(restoredText).toBe('最初の付箋');
  });

  it('promotes notes to a problem through the problem service once, and links more notes to it instead of duplicating', async () => {
    const nakaharaCommittee = await db().committee.findFirstOrThrow({
      where: { kind: 'WARD_COMMITTEE', ward: { code: 'nakahara' } },
    });
    const chair = await signedIn('chair.nakahara@example.jp');
    const board = dataOf(
      await createBoard(chair, {
        title: '中原区 課題出し',
        template: 'PROBLEM_LISTING',
        committeeId: globalId('Committee', nakaharaCommittee.id),
        wardId: globalId('Ward', nakaharaCommittee.wardId!),
        workshopDate: '2026-11-20',
      }),
    ).createBoard;
    const runner = connect(board.documentName, chair);
    await runner.synced;
    addNote(runner.doc, 'n1', { text: '案内表示が分かりにくい\n特に2階' });
    addNote(runner.doc, 'n2', { text: '番号札が見えにくい' });
    addNote(runner.doc, 'n3', { text: '椅子が足りない' });
    await until(() => runner.stateless.some((m) => m.type === 'saved' && Number(m.updates) >= 3));
    const promote = `mutation P($input: PromoteBoardNotesInput!) { promoteBoardNotes(input: $input) { recordId recordType created noteIds } }`;
    const first = dataOf(
      await chair.request<{ promoteBoardNotes: { recordId: string; created: boolean } }>(promote, {
        input: { boardId: board.id, noteIds: ['n1', 'n2'], as: 'PROBLEM' },
      }),
    ).promoteBoardNotes;
    expect(first).toMatchObject({ recordType: 'Problem', created: true });
    const problem = await db().problem.findUniqueOrThrow({ where: { id: rowId(first.recordId) } });
    expect(problem).toMatchObject({
      origin: 'BOARD',
      originBoardId: rowId(board.id),
      originNoteIds: ['n1', 'n2'],
      title: '案内表示が分かりにくい',
      wardId: nakaharaCommittee.wardId,
    });
    expect(problem.workshopDate?.toISOString().slice(0, 10)).toBe('2026-11-20');
    expect(await db().auditRecord.count({ where: { subjectId: problem.id, action: 'problem.create' } })).toBe(1);
    await until(
      () => (runner.doc.getMap<Y.Map<unknown>>('notes').get('n1')!.get('promoted') as object | undefined) !== undefined,
    );
    expect(runner.doc.getMap<Y.Map<unknown>>('notes').get('n1')!.get('promoted')).toMatchObject({
      type: 'Problem',
      id: first.recordId,
    });

    const again = dataOf(
      await chair.request<{ promoteBoardNotes: { recordId: string; created: boolean } }>(promote, {
        input: { boardId: board.id, noteIds: ['n2', 'n3'], as: 'PROBLEM' },
      }),
    ).promoteBoardNotes;
    expect(again).toMatchObject({ recordId: first.recordId, created: false });
    expect(await db().problem.count({ where: { originBoardId: rowId(board.id) } })).toBe(1);
    expect((await db().problem.findUniqueOrThrow({ where: { id: problem.id } })).originNoteIds.sort()).toEqual([
      'n1',
      'n2',
      'n3',
    ]);
    // A member cannot mark a note promoted themselves.
    const person = connect(board.documentName, await signedIn('committee.nakahara@example.jp'));
    await person.synced;
    person.doc.getMap<Y.Map<unknown>>('notes').get('n3')!.set('promoted', { type: 'Problem', id: 'fake', at: 'now' });
    await until(() => person.stateless.some((m) => m.code === 'PROMOTED_BY_SERVER'));
    expect(person.stateless.some((m) => m.code === 'PROMOTED_BY_SERVER')).toBe(true);

    // Proposal from the same notes is a different record kind.
    const proposal = dataOf(
      await chair.request<{ promoteBoardNotes: { recordType: string; created: boolean } }>(promote, {
        input: { boardId: board.id, noteIds: ['n3'], as: 'PROPOSAL', title: '椅子を増やす' },
      }),
    ).promoteBoardNotes;
    expect(proposal).toMatchObject({ recordType: 'Proposal', created: true });
  });

  it('exports the board as JSON, CSV with a BOM, and SVG, to readers only', async () => {
    const board = dataOf(
      await createBoard(facilitator, { title: '書き出し <テスト>', template: 'REVISION_WORKSHOP', committeeId: wg }),
    ).createBoard;
    const runner = connect(board.documentName, facilitator);
    await runner.synced;
    addNote(runner.doc, 'n1', { text: '説明が丁寧, "とても"', lane: 'current', authorName: '山口 恵' });
    await until(() => runner.stateless.some((m) => m.type === 'saved'));
    const id = rowId(board.id);
    const get = (who: TestClient | null, format: string) =>
      fetch(`${boards.platform.url}/boards/${id}/export.${format}`, {
        headers: who?.cookie ? { cookie: who.cookie } : {},
      });

    const json = await get(member, 'json');
    expect(json.status).toBe(200);
    const data = (await json.json()) as {
      board: { title: string };
      notes: { text: string; lane: string; authorName: string }[];
      lanes: unknown[];
    };
    expect(data.board.title).toBe('書き出し <テスト>');
    expect(data.notes[0]).toMatchObject({ text: '説明が丁寧, "とても"', lane: 'current', authorName: '山口 恵' });
    expect(data.lanes).toHaveLength(5);

    const csv = await get(member, 'csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('"説明が丁寧, ""とても"""');
    expect(text).toContain('現状');

    const svg = await (await get(member, 'svg')).text();
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('書き出し &lt;テスト&gt;');
    expect(svg).toContain('説明が丁寧');

    expect((await get(miyamae, 'json')).status).toBe(404);
    expect((await get(null, 'csv')).status).toBe(401);
  });
});
