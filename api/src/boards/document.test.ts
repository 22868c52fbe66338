// The note model (docs/boards.md "The document"): `rect` and `reaction:` keys, and notes of
// boards written before (x/y/w/h keys, a `reactions` map per note) read the same way.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { notesOf, reactionsOf, rectOf, setReaction, setRect } from './document.ts';
import { encodeStoredState, applyStoredState } from './stored-state.ts';

function legacyNote(doc: Y.Doc, id: string): Y.Map<unknown> {
  const note = new Y.Map<unknown>();
  doc.transact(() => {
    note.set('text', new Y.Text('窓口の案内表示が分かりにくい'));
    for (const [k, v] of Object.entries({ x: 40, y: 80, w: 200, h: 140, color: 'pink' })) note.set(k, v);
    note.set('createdAt', '2026-12-01T10:00:00.000Z');
    const reactions = new Y.Map<string>();
    note.set('reactions', reactions);
    doc.getMap('notes').set(id, note);
    reactions.set('u-old', '+1');
  });
  return note;
}

const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

describe('the note model', () => {
  it('reads a stored board of the older shape: place, size and reactions', () => {
    const old = new Y.Doc();
    legacyNote(old, 'n1');
    const loaded = new Y.Doc();
    applyStoredState(loaded, encodeStoredState(old));
    expect(notesOf(loaded)).toMatchObject([
      { id: 'n1', x: 40, y: 80, w: 200, h: 140, color: 'pink', reactions: { 'u-old': '+1' } },
    ]);
  });

  it('moves an older note to `rect` and `reaction:` keys when it is edited, and reads it the same', () => {
    const doc = new Y.Doc();
    const note = legacyNote(doc, 'n1');
    doc.transact(() => {
      setRect(note, { ...rectOf((key) => note.get(key)), x: 400 });
      setReaction(note, 'u-new', '★');
      setReaction(note, 'u-old', null);
    });
    expect(note.get('rect')).toEqual([400, 80, 200, 140]);
    expect(['x', 'y', 'w', 'h'].filter((key) => note.has(key))).toEqual([]);
    expect(notesOf(doc)[0]).toMatchObject({ x: 400, y: 80, w: 200, h: 140, reactions: { 'u-new': '★' } });
    expect(reactionsOf(note)).toEqual({ 'u-new': '★' });
  });

  it('keeps both first reactions to a note made at once by two people (no map to create)', () => {
    const a = new Y.Doc();
    const note = new Y.Map<unknown>();
    a.transact(() => {
      note.set('text', new Y.Text('付箋'));
      setRect(note, { x: 0, y: 0, w: 160, h: 120 });
      a.getMap('notes').set('n1', note);
    });
    const b = new Y.Doc();
    sync(a, b);
    setReaction(a.getMap<Y.Map<unknown>>('notes').get('n1')!, 'u-a', '+1');
    setReaction(b.getMap<Y.Map<unknown>>('notes').get('n1')!, 'u-b', '♥');
    sync(a, b);
    sync(b, a);
    for (const doc of [a, b]) expect(notesOf(doc)[0]!.reactions).toEqual({ 'u-a': '+1', 'u-b': '♥' });
  });

  it('stores a note in fewer Yjs items and types than the older shape', () => {
    const count = (make: (doc: Y.Doc, id: string) => void) => {
      const doc = new Y.Doc();
      for (let i = 0; i < 100; i += 1) make(doc, `n${i}`);
      let items = 0;
      for (const structs of doc.store.clients.values()) items += structs.length;
      return { items, bytes: Y.encodeStateAsUpdateV2(doc).byteLength };
    };
    const before = count((doc, id) => legacyNote(doc, id));
    const after = count((doc, id) => {
      doc.transact(() => {
        const note = new Y.Map<unknown>();
        note.set('text', new Y.Text('窓口の案内表示が分かりにくい'));
        setRect(note, { x: 40, y: 80, w: 200, h: 140 });
        note.set('color', 'pink');
        note.set('createdAt', '2026-12-01T10:00:00.000Z');
        doc.getMap('notes').set(id, note);
        setReaction(note, 'u-old', '+1');
      });
    });
    expect(after.items).toBeLessThan(before.items);
    expect(after.bytes).toBeLessThan(before.bytes);
  });
});
