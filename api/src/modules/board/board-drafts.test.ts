// Principle drafts written together: the rich text (`draft:<id>`, as y-prosemirror writes it)
// edited by two real Yjs clients over the real server converges; the guard refuses an
// observer's edit, a locked board's or area's, and a client marking a draft promoted; the
// policy department promotes the draft into a draft guideline version once and then updates
// it. Runs on PGlite or PostgreSQL (SHISHIN_TEST_DB).
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { until, type BoardClient } from '../../test/board-client.ts';
import { dataOf, errorCodes, globalId, rowId, TestClient } from '../../test/client.ts';
import { useBoardPlatform } from '../../test/board-platform.ts';

const boards = useBoardPlatform();
const { signedIn, connect } = boards;

async function newBoard(facilitator: TestClient): Promise<string> {
  const committee = await boards.platform.database.prisma.committee.findFirstOrThrow({
    where: { kind: 'REVISION_WORKING_GROUP' },
  });
  const created = dataOf(
    await facilitator.request<{ createBoard: { id: string } }>(
      `mutation C($input: CreateBoardInput!) { createBoard(input: $input) { id } }`,
      {
        input: {
          title: '理念案づくり',
          template: 'REVISION_WORKSHOP',
          committeeId: globalId('Committee', committee.id),
          workshopDate: '2026-12-01',
        },
      },
    ),
  ).createBoard;
  return rowId(created.id);
}

const refusals = (client: BoardClient) => client.stateless.filter((m) => m.type === 'refused').map((m) => m.code);
const body = (doc: Y.Doc, id: string) => doc.getXmlFragment(`draft:${id}`);

/** A draft card and an empty paragraph in its body, as the web UI writes them. */
function addDraft(doc: Y.Doc, id: string, title: string, at = { x: 40, y: 900 }): void {
  doc.transact(() => {
    const card = new Y.Map<unknown>();
    card.set('title', new Y.Text(title));
    for (const [k, v] of Object.entries({ ...at, w: 320, h: 200 })) card.set(k, v);
    doc.getMap('drafts').set(id, card);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText()]);
    body(doc, id).insert(0, [paragraph]);
  });
}

/** Waits until the server's copy of the document satisfies `check`. */
async function onServer(name: string, check: (doc: Y.Doc) => boolean): Promise<void> {
  const end = Date.now() + 10_000;
  while (Date.now() < end) {
    if (await boards.platform.server.boards.documents.read(name, check)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the server's ${name} never got there`);
}

const firstText = (doc: Y.Doc, id: string) => (body(doc, id).get(0) as Y.XmlElement).get(0) as Y.XmlText;

describe('principle drafts on a board', () => {
  let facilitator: TestClient;
  let member: TestClient;
  let observer: TestClient;
  beforeAll(async () => {
    [facilitator, member, observer] = await Promise.all([
      signedIn('facilitator@example.jp'),
      signedIn('section.nakahara@example.jp'),
      signedIn('admin@example.jp'),
    ]);
  });

  it('converges when two members edit one draft’s rich text at once, and refuses an observer’s edit', async () => {
    const name = `board:${await newBoard(facilitator)}`;
    const a = connect(name, facilitator);
    const b = connect(name, member);
    const watcher = connect(name, observer);
    await Promise.all([a.synced, b.synced, watcher.synced]);
    addDraft(a.doc, 'd1', '市民の視点');
    firstText(a.doc, 'd1').insert(0, 'を');
    await until(() => body(b.doc, 'd1').toString().includes('を') && body(watcher.doc, 'd1').length === 1);

    // At once: A types and bolds at the start, B types at the end and adds a bullet list.
    firstText(a.doc, 'd1').insert(0, '市民の立場で', { strong: {} });
    b.doc.transact(() => {
      firstText(b.doc, 'd1').insert(firstText(b.doc, 'd1').length, '考えます。');
      const list = new Y.XmlElement('bullet_list');
      const items = ['よく聞く', '分かりやすく伝える'].map((t) => {
        const item = new Y.XmlElement('list_item');
        const p = new Y.XmlElement('paragraph');
        const text = new Y.XmlText();
        text.insert(0, t);
        p.insert(0, [text]);
        item.insert(0, [p]);
        return item;
      });
      list.insert(0, items);
      body(b.doc, 'd1').insert(1, [list]);
    });
    const xml = (doc: Y.Doc) => body(doc, 'd1').toString();
    await until(() => xml(a.doc) === xml(b.doc) && body(a.doc, 'd1').length === 2 && xml(a.doc).includes('考えます'));
    expect(xml(a.doc)).toBe(xml(b.doc));
    expect(xml(a.doc)).toBe(
      '<paragraph><strong>市民の立場で</strong>を考えます。</paragraph><bullet_list><list_item><paragraph>よく聞く</paragraph></list_item><list_item><paragraph>分かりやすく伝える</paragraph></list_item></bullet_list>',
    );
    await until(() => xml(watcher.doc) === xml(a.doc));

    // The observer (read-only) edits the same text: refused, nobody receives it, nothing stored.
    firstText(watcher.doc, 'd1').insert(0, '見ているだけ');
    await until(() => refusals(watcher).includes('READ_ONLY'));
    expect(refusals(watcher)).toContain('READ_ONLY');
    firstText(b.doc, 'd1').insert(0, '【案】');
    await until(() => xml(a.doc).includes('【案】'));
    expect(xml(a.doc)).not.toContain('見ているだけ');
    await boards.platform.server.boards.flush();
    const stored = await boards.platform.server.boards.documents.read(name, (doc) => body(doc, 'd1').toString());
    expect(stored).toBe(xml(a.doc));
  });

  it('refuses a member’s draft edit while the board or the draft’s area is locked, and a client marking a draft promoted', async () => {
    const name = `board:${await newBoard(facilitator)}`;
    const runner = connect(name, facilitator);
    const person = connect(name, member);
    await Promise.all([runner.synced, person.synced]);
    addDraft(person.doc, 'd2', '共感', { x: 40, y: 900 });
    await until(() => body(runner.doc, 'd2').length === 1);

    runner.doc.getMap('control').set('lockedAreas', [{ x: 0, y: 0, w: 360, h: 5000 }]);
    await until(() => (person.doc.getMap('control').get('lockedAreas') as unknown[]).length === 1);
    firstText(person.doc, 'd2').insert(0, 'ロック中');
    await until(() => refusals(person).includes('AREA_LOCKED'));
    expect(refusals(person)).toContain('AREA_LOCKED');
    // The facilitator may.
    firstText(runner.doc, 'd2').insert(0, '進行役');
    await onServer(name, (doc) => body(doc, 'd2').toString().includes('進行役'));

    runner.doc.getMap('control').set('lockedAreas', []);
    runner.doc.getMap('control').set('locked', true);
    const again = connect(name, member);
    await again.synced;
    await until(() => again.doc.getMap('control').get('locked') === true);
    firstText(again.doc, 'd2').insert(0, 'ロック中');
    await until(() => refusals(again).includes('BOARD_LOCKED'));
    expect(refusals(again)).toContain('BOARD_LOCKED');

    (runner.doc.getMap('drafts').get('d2') as Y.Map<unknown>).set('promoted', { type: 'Principle', id: 'x', at: '' });
    await until(() => refusals(runner).includes('PROMOTED_BY_SERVER'));
    expect(refusals(runner)).toContain('PROMOTED_BY_SERVER');
    await boards.platform.server.boards.flush();
    const stored = await boards.platform.server.boards.documents.read(name, (doc) => ({
      text: body(doc, 'd2').toString(),
      promoted: (doc.getMap('drafts').get('d2') as Y.Map<unknown>).get('promoted') ?? null,
    }));
    expect(stored).toEqual({ text: '<paragraph>進行役</paragraph>', promoted: null });
  });

  it('promotes a draft into a draft guideline version once (the policy department), then updates the same principle', async () => {
    const boardId = await newBoard(facilitator);
    const name = `board:${boardId}`;
    const writer = connect(name, member);
    await writer.synced;
    addDraft(writer.doc, 'd3', '対話の姿勢');
    firstText(writer.doc, 'd3').insert(0, '市民と', {});
    firstText(writer.doc, 'd3').insert(3, '対話', { strong: {} });
    writer.doc.transact(() => {
      const list = new Y.XmlElement('ordered_list');
      const item = new Y.XmlElement('list_item');
      const p = new Y.XmlElement('paragraph');
      const t = new Y.XmlText();
      t.insert(0, 'まず聞く');
      p.insert(0, [t]);
      item.insert(0, [p]);
      list.insert(0, [item]);
      body(writer.doc, 'd3').insert(1, [list]);
    });
    await onServer(name, (doc) => body(doc, 'd3').toString().includes('まず聞く'));

    const draftVersion = dataOf(
      await observer.request<{ createGuidelineDraft: { id: string; code: string } }>(
        `mutation D($input: CreateGuidelineDraftInput!) { createGuidelineDraft(input: $input) { id code } }`,
        { input: { code: 'R9.4', title: '改定案', titleEn: 'Revision draft' } },
      ),
    ).createGuidelineDraft;
    const promote = (who: TestClient, key?: string) =>
      who.request<{ promoteBoardNotes: { recordType: string; recordId: string; created: boolean } }>(
        `mutation P($input: PromoteBoardNotesInput!) { promoteBoardNotes(input: $input) { recordType recordId created } }`,
        {
          input: {
            boardId: globalId('Board', boardId),
            draftId: 'd3',
            as: 'PRINCIPLE_DRAFT',
            guidelineVersionId: draftVersion.id,
            ...(key ? { principleKey: key } : {}),
          },
        },
      );

    // The facilitator runs the board but does not write the guideline.
    expect(errorCodes(await promote(facilitator, 'DIALOGUE'))).toEqual(['FORBIDDEN']);
    // A key is needed the first time, in the guideline's form.
    expect(errorCodes(await promote(observer))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await promote(observer, 'dialogue!'))).toEqual(['BAD_USER_INPUT']);

    const first = dataOf(await promote(observer, 'DIALOGUE')).promoteBoardNotes;
    expect(first).toMatchObject({ recordType: 'Principle', created: true });
    const versionId = rowId(draftVersion.id);
    const principle = await boards.platform.database.prisma.principle.findUniqueOrThrow({
      where: { versionId_key: { versionId, key: 'DIALOGUE' } },
    });
    expect(principle).toMatchObject({
      name: '対話の姿勢',
      text: '市民と対話\n\n1. まず聞く',
      origin: 'BOARD',
      originBoardId: boardId,
      originNoteIds: ['draft:d3'],
    });
    // The card says so, with the key and the version.
    await until(() => (writer.doc.getMap('drafts').get('d3') as Y.Map<unknown>).get('promoted') !== undefined);
    const card = writer.doc.getMap('drafts').get('d3') as Y.Map<unknown>;
    expect(card.get('promoted')).toMatchObject({
      type: 'Principle',
      id: first.recordId,
      key: 'DIALOGUE',
      versionCode: 'R9.4',
    });
    expect(card.get('principleKey')).toBe('DIALOGUE');

    // Edit and promote again (even naming another key): the same principle is rewritten.
    firstText(writer.doc, 'd3').insert(firstText(writer.doc, 'd3').length, 'します。');
    await onServer(name, (doc) => body(doc, 'd3').toString().includes('します。'));
    const count = await boards.platform.database.prisma.principle.count({ where: { versionId } });
    const second = dataOf(await promote(observer, 'ANOTHER_KEY')).promoteBoardNotes;
    expect(second).toEqual({ recordType: 'Principle', recordId: first.recordId, created: false });
    expect(await boards.platform.database.prisma.principle.count({ where: { versionId } })).toBe(count);
    const updated = await boards.platform.database.prisma.principle.findUniqueOrThrow({ where: { id: principle.id } });
    expect(updated.text).toBe('市民と対話します。\n\n1. まず聞く');
    const audits = await boards.platform.database.prisma.auditRecord.findMany({
      where: { subjectId: principle.id },
      select: { action: true },
    });
    expect(audits.map((a) => a.action).sort()).toEqual(['guideline.add_principle', 'guideline.update_principle']);
  });
});
