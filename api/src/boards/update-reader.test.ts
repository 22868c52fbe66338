// The guard reads an update without applying it (update-reader.ts). These cases compare what it
// reads with what applying the update to a copy of the document actually changes.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initialiseBoard, touchedBy } from './document.ts';
import { DELETED, readUpdate } from './update-reader.ts';

function board(): Y.Doc {
  const doc = new Y.Doc();
  initialiseBoard(doc, 'REVISION_WORKSHOP');
  doc.transact(() => {
    const note = new Y.Map<unknown>();
    note.set('text', new Y.Text('既存'));
    for (const [k, v] of Object.entries({ x: 10, y: 20, w: 160, h: 120, color: 'yellow', cluster: 'c1' }))
      note.set(k, v);
    note.set('reactions', new Y.Map<string>());
    doc.getMap('notes').set('old', note);
  });
  return doc;
}

/** A client in sync with `server`, the update its `change` makes, and what applying it changes. */
function scenario(server: Y.Doc, change: (client: Y.Doc) => void) {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  const update = Y.encodeStateAsUpdate(client, before);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
  let applied: ReturnType<typeof touchedBy> | undefined;
  copy.transact((transaction) => {
    Y.applyUpdate(copy, update);
    applied = touchedBy(transaction);
  });
  const reading = readUpdate(server, Y.decodeUpdate(update));
  return { reading, applied: applied!, copy, update };
}

function expectSameAsApplying(result: ReturnType<typeof scenario>) {
  expect([...result.reading.roots].sort()).toEqual([...result.applied.roots].sort());
  expect([...result.reading.notes.keys()].sort()).toEqual([...result.applied.notes].sort());
  expect(result.reading.missing).toBe(false);
}

describe('reading an update without applying it', () => {
  it('places a new note and its keys', () => {
    const result = scenario(board(), (doc) => {
      const note = new Y.Map<unknown>();
      note.set('text', new Y.Text('新しい'));
      note.set('x', 1100);
      note.set('y', 1200);
      note.set('authorId', 'u1');
      doc.getMap('notes').set('new', note);
    });
    expectSameAsApplying(result);
    const change = result.reading.notes.get('new')!;
    expect(change.created).toBe(true);
    expect(change.createdValue).toBeInstanceOf(Y.Map);
    expect(Object.fromEntries([...change.keys].filter(([k]) => k !== 'text'))).toEqual({
      x: 1100,
      y: 1200,
      authorId: 'u1',
    });
  });

  it('reads moved, overwritten and deleted keys of an existing note, twice-set keys by their last value', () => {
    const result = scenario(board(), (doc) => {
      const note = doc.getMap<Y.Map<unknown>>('notes').get('old')!;
      doc.transact(() => {
        note.set('x', 500);
        note.set('x', 600);
        note.set('y', 700);
        note.delete('cluster');
      });
    });
    expectSameAsApplying(result);
    const change = result.reading.notes.get('old')!;
    expect(change.created).toBe(false);
    expect(change.keys.get('x')).toBe(600);
    expect(change.keys.get('y')).toBe(700);
    expect(change.keys.get('cluster')).toBe(DELETED);
  });

  it('places changes deep inside a note (its text, its reactions) on that note', () => {
    const server = board();
    for (const change of [
      (doc: Y.Doc) => (doc.getMap<Y.Map<unknown>>('notes').get('old')!.get('text') as Y.Text).insert(2, 'の付箋'),
      (doc: Y.Doc) =>
        (doc.getMap<Y.Map<unknown>>('notes').get('old')!.get('reactions') as Y.Map<string>).set('u2', '👍'),
      (doc: Y.Doc) => (doc.getMap<Y.Map<unknown>>('notes').get('old')!.get('text') as Y.Text).delete(0, 1),
    ]) {
      const result = scenario(server, change);
      expectSameAsApplying(result);
      expect(result.reading.notes.get('old')!.keys.size).toBe(0);
    }
  });

  it('reads a deleted note and a note replaced under the same id', () => {
    const deleted = scenario(board(), (doc) => doc.getMap('notes').delete('old'));
    expectSameAsApplying(deleted);
    expect(deleted.reading.notes.get('old')!.deleted).toBe(true);

    const replaced = scenario(board(), (doc) => {
      const note = new Y.Map<unknown>();
      note.set('promoted', { type: 'Problem', id: 'x', at: 'now' });
      doc.getMap('notes').set('old', note);
    });
    expectSameAsApplying(replaced);
    const change = replaced.reading.notes.get('old')!;
    expect(change.created).toBe(true);
    expect(change.keys.get('promoted')).toEqual({ type: 'Problem', id: 'x', at: 'now' });
  });

  it('places changes to control, lanes, clusters, drafts and unknown top-level types', () => {
    const server = board();
    const cases: [(doc: Y.Doc) => void, string][] = [
      [(doc) => doc.getMap('control').set('stage', 'VOTING'), 'control'],
      [(doc) => doc.getArray('lanes').delete(0, 1), 'lanes'],
      [(doc) => doc.getArray<Y.Map<unknown>>('lanes').get(1)!.set('title', '別名'), 'lanes'],
      [(doc) => doc.getMap('clusters').set('c9', new Y.Map()), 'clusters'],
      [(doc) => doc.getXmlFragment('draft:d1').insert(0, [new Y.XmlElement('paragraph')]), 'draft:d1'],
      [(doc) => doc.getMap('evil').set('k', 1), 'evil'],
    ];
    for (const [change, root] of cases) {
      const result = scenario(server, change);
      expectSameAsApplying(result);
      expect([...result.reading.roots]).toEqual([root]);
    }
  });

  it('follows an update through structs of the same update and through earlier ones the document has', () => {
    const server = board();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const note = new Y.Map<unknown>();
    client.getMap('notes').set('two-step', note);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));
    // Typing into a text created in an earlier update, then moving the note.
    const result = scenario(server, (doc) => {
      const mine = doc.getMap<Y.Map<unknown>>('notes').get('two-step')!;
      doc.transact(() => {
        mine.set('text', new Y.Text('a'));
        (mine.get('text') as Y.Text).insert(1, 'bc');
        mine.set('x', 3);
      });
    });
    expectSameAsApplying(result);
    expect(result.reading.notes.get('two-step')!.keys.get('x')).toBe(3);
  });

  it('reports an update built on changes the document does not have, and one it already has', () => {
    const server = board();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(client);
    client.getMap<Y.Map<unknown>>('notes').get('old')!.set('x', 1);
    const middle = Y.encodeStateVector(client);
    client.getMap<Y.Map<unknown>>('notes').get('old')!.set('x', 2);
    const second = Y.encodeStateAsUpdate(client, middle);
    expect(readUpdate(server, Y.decodeUpdate(second)).missing).toBe(true);

    const both = Y.encodeStateAsUpdate(client, before);
    expect(readUpdate(server, Y.decodeUpdate(both)).missing).toBe(false);
    Y.applyUpdate(server, both);
    const again = readUpdate(server, Y.decodeUpdate(both));
    expect(again.nothingNew).toBe(true);
    expect(again.roots.size).toBe(0);

    // A deletion of something the document does not have yet.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    const base = Y.encodeStateVector(other);
    other.getMap('notes').set('temp', new Y.Map());
    const created = Y.encodeStateAsUpdate(other, base);
    const afterCreate = Y.encodeStateVector(other);
    other.getMap('notes').delete('temp');
    const removal = Y.encodeStateAsUpdate(other, afterCreate);
    expect(readUpdate(server, Y.decodeUpdate(removal)).missing).toBe(true);
    expect(readUpdate(server, Y.decodeUpdate(Y.mergeUpdates([created, removal]))).missing).toBe(false);
  });
});
