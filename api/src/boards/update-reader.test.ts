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

  it('agrees with applying, over random concurrent edits of three clients (notes, keys, texts, reactions, control)', () => {
    for (const start of [12345, 777, 4242]) randomEdits(start);
  });
});

function randomEdits(start: number) {
  {
    const server = board();
    let seed = start;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    const clients = [0, 1, 2].map(() => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
      return doc;
    });
    for (let step = 0; step < 300; step += 1) {
      const client = pick(clients);
      // Sometimes catch up with the server first; otherwise edit concurrently.
      if (random() < 0.5) Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
      const before = Y.encodeStateVector(client);
      const notes = client.getMap<Y.Map<unknown>>('notes');
      const ids = [...notes.keys()];
      client.transact(() => {
        const action = random();
        const id = ids.length > 0 ? pick(ids) : null;
        const note = id ? notes.get(id) : undefined;
        if (action < 0.2 || !note) {
          const created = new Y.Map<unknown>();
          created.set('text', new Y.Text('n'));
          created.set('x', Math.floor(random() * 2000));
          created.set('reactions', new Y.Map<string>());
          notes.set(`n${Math.floor(random() * 12)}`, created);
        } else if (action < 0.4) {
          note.set('x', Math.floor(random() * 2000));
          note.set('y', Math.floor(random() * 2000));
        } else if (action < 0.5) {
          notes.delete(id!);
        } else if (action < 0.6) {
          note.delete('x');
        } else if (action < 0.75) {
          const text = note.get('text');
          if (text instanceof Y.Text) {
            if (text.length > 0 && random() < 0.4) text.delete(0, 1);
            else text.insert(Math.floor(random() * (text.length + 1)), 'あい');
          }
        } else if (action < 0.85) {
          const reactions = note.get('reactions');
          if (reactions instanceof Y.Map) reactions.set(`u${Math.floor(random() * 3)}`, pick(['+1', 'ok']));
        } else if (action < 0.92) {
          note.set('authorId', `u${Math.floor(random() * 3)}`);
        } else {
          client.getMap('control').set('locked', random() < 0.5);
        }
      });
      const update = Y.encodeStateAsUpdate(client, before);
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
      let applied: ReturnType<typeof touchedBy> | undefined;
      copy.transact((transaction) => {
        Y.applyUpdate(copy, update);
        applied = touchedBy(transaction);
      });
      const reading = readUpdate(server, Y.decodeUpdate(update));
      expect(reading.missing).toBe(false);
      expect([...reading.roots].sort()).toEqual([...applied!.roots].sort());
      // Every note that applying changes is read as changed (a concurrent edit may be read on a
      // note that applying then leaves as it was: stricter, never weaker).
      for (const noteId of applied!.notes) expect(reading.notes.has(noteId)).toBe(true);
      // A note read as deleted is gone afterwards (or set anew by the same update).
      for (const [noteId, change] of reading.notes) {
        if (change.deleted) expect(copy.getMap('notes').has(noteId)).toBe(false);
      }
      Y.applyUpdate(server, update);
    }
  }
}
