// The random edits a workshop participant makes, as the web app writes them (docs/boards.md
// "The document"): notes (add, edit text, move, colour, resize, cluster, react, delete; some
// notes are added in the shape boards had before `rect` and `reaction:` keys, as a stored board
// still holds them, and are moved to the new keys by the edits below),
// clusters (add, rename, move, delete) and principle drafts (a Y.XmlFragment `draft:<id>` of
// paragraphs: type, delete, bold, split). Only what a member may change — nothing the guard
// refuses — so every change must reach everyone.
import * as Y from 'yjs';
import { DRAFT_PREFIX, rectOf, ROOT, setReaction, setRect } from '../../src/boards/document.ts';
import type { Prng } from './prng.ts';

const COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'] as const;
const LANES = ['current', 'problems', 'directions', 'proposals', 'principles'] as const;
const EMOJI = ['+1', 'heart', 'eyes', 'idea'] as const;

const keysOf = (map: Y.Map<unknown>) => [...map.keys()].sort();

function editText(prng: Prng, text: Y.Text): void {
  const length = text.length;
  const roll = prng.float();
  if (length > 0 && roll < 0.3) {
    const at = prng.int(0, length - 1);
    text.delete(at, prng.int(1, Math.min(5, length - at)));
  } else if (length > 0 && roll < 0.4) {
    const at = prng.int(0, length - 1);
    text.format(at, prng.int(1, length - at), { bold: prng.chance(0.5) ? true : null });
  } else {
    text.insert(prng.int(0, length), prng.text(8));
  }
}

/** Makes one random change to `doc` as `userId`, in one transaction; returns its name. */
export function randomOperation(prng: Prng, doc: Y.Doc, userId: string, ids: () => string): string {
  const notes = doc.getMap<unknown>(ROOT.notes);
  const clusters = doc.getMap<unknown>(ROOT.clusters);
  const drafts = doc.getMap<unknown>(ROOT.drafts);
  const noteIds = keysOf(notes);
  const clusterIds = keysOf(clusters);
  const draftIds = keysOf(drafts);
  const note = () => notes.get(prng.pick(noteIds)) as Y.Map<unknown>;
  const roll = prng.float();
  let name = 'none';
  doc.transact(() => {
    if (noteIds.length === 0 || roll < 0.2) {
      name = 'note.add';
      const map = new Y.Map<unknown>();
      map.set('text', new Y.Text(prng.text(20)));
      const legacy = prng.chance(0.2);
      if (legacy) {
        map.set('x', prng.int(0, 3000));
        map.set('y', prng.int(0, 2000));
        map.set('w', 160);
        map.set('h', 120);
        map.set('reactions', new Y.Map<string>());
      } else {
        setRect(map, { x: prng.int(0, 3000), y: prng.int(0, 2000), w: 160, h: 120 });
      }
      map.set('color', prng.pick(COLORS));
      if (prng.chance(0.7)) map.set('lane', prng.pick(LANES));
      if (clusterIds.length > 0 && prng.chance(0.3)) map.set('cluster', prng.pick(clusterIds));
      map.set('createdAt', new Date(Date.UTC(2026, 11, 1) + prng.int(0, 3_600_000)).toISOString());
      notes.set(ids(), map);
    } else if (roll < 0.4) {
      name = 'note.text';
      const text = note().get('text');
      if (text instanceof Y.Text) editText(prng, text);
    } else if (roll < 0.5) {
      name = 'note.move';
      const map = note();
      setRect(map, { ...rectOf((key) => map.get(key)), x: prng.int(0, 3000), y: prng.int(0, 2000) });
    } else if (roll < 0.55) {
      name = 'note.colour';
      note().set('color', prng.pick(COLORS));
    } else if (roll < 0.6) {
      name = 'note.resize';
      const map = note();
      setRect(map, { ...rectOf((key) => map.get(key)), w: prng.int(80, 400), h: prng.int(60, 300) });
    } else if (roll < 0.65) {
      name = 'note.cluster';
      const map = note();
      if (clusterIds.length > 0 && prng.chance(0.7)) map.set('cluster', prng.pick(clusterIds));
      else map.delete('cluster');
    } else if (roll < 0.7) {
      name = 'note.react';
      setReaction(note(), userId, prng.chance(0.8) ? prng.pick(EMOJI) : null);
    } else if (roll < 0.75) {
      name = 'note.delete';
      notes.delete(prng.pick(noteIds));
    } else if (clusterIds.length === 0 || roll < 0.78) {
      name = 'cluster.add';
      const map = new Y.Map<unknown>();
      map.set('name', new Y.Text(prng.text(10)));
      for (const [k, v] of Object.entries({
        x: prng.int(0, 3000),
        y: prng.int(0, 2000),
        w: 500,
        h: 300,
        color: prng.pick(COLORS),
      }))
        map.set(k, v);
      clusters.set(ids(), map);
    } else if (roll < 0.81) {
      name = 'cluster.edit';
      const map = clusters.get(prng.pick(clusterIds)) as Y.Map<unknown>;
      if (prng.chance(0.5)) {
        const text = map.get('name');
        if (text instanceof Y.Text) editText(prng, text);
      } else {
        map.set('x', prng.int(0, 3000));
        map.set('y', prng.int(0, 2000));
      }
    } else if (roll < 0.83) {
      name = 'cluster.delete';
      clusters.delete(prng.pick(clusterIds));
    } else if (draftIds.length === 0 || roll < 0.85) {
      name = 'draft.add';
      const id = ids();
      const map = new Y.Map<unknown>();
      map.set('title', new Y.Text(prng.text(12)));
      for (const [k, v] of Object.entries({ x: prng.int(0, 3000), y: prng.int(0, 2000), w: 600, h: 400 }))
        map.set(k, v);
      drafts.set(id, map);
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(prng.text(20))]);
      doc.getXmlFragment(`${DRAFT_PREFIX}${id}`).insert(0, [paragraph]);
    } else {
      name = 'draft.body';
      const body = doc.getXmlFragment(`${DRAFT_PREFIX}${prng.pick(draftIds)}`);
      const paragraphs = body.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
      const r = prng.float();
      if (paragraphs.length === 0 || r < 0.2) {
        const paragraph = new Y.XmlElement(prng.chance(0.8) ? 'paragraph' : 'heading');
        paragraph.insert(0, [new Y.XmlText(prng.text(20))]);
        body.insert(prng.int(0, body.length), [paragraph]);
      } else if (r < 0.3) {
        body.delete(prng.int(0, body.length - 1), 1);
      } else {
        const paragraph = prng.pick(paragraphs);
        const text = paragraph.toArray().find((n): n is Y.XmlText => n instanceof Y.XmlText);
        if (text) editText(prng, text);
        else paragraph.insert(0, [new Y.XmlText(prng.text(10))]);
      }
    }
  });
  return name;
}
