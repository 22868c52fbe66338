// A board of `count` notes shaped as the web UI writes them (docs/boards.md), spread over the
// REVISION_WORKSHOP lanes and a few clusters, for the board benches.
import * as Y from 'yjs';
import { initialiseBoard, setRect } from '../api/src/boards/document.ts';

const LANES = ['current', 'problems', 'directions', 'proposals', 'principles'];
const COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'];
const TEXTS = [
  '窓口の案内表示が分かりにくい',
  '繁忙期の待ち時間が長い',
  '職員によって説明が違う',
  '番号札の呼び出しが聞こえにくい',
  '椅子が足りない',
];

/** `legacy`: notes in the shape boards had before `rect` and `reaction:` keys (docs/boards.md). */
export function bigBoard(count: number, legacy = false): { doc: Y.Doc; state: Uint8Array } {
  const doc = new Y.Doc();
  initialiseBoard(doc, 'REVISION_WORKSHOP');
  const notes = doc.getMap<Y.Map<unknown>>('notes');
  const clusters = doc.getMap<Y.Map<unknown>>('clusters');
  doc.transact(() => {
    for (let c = 0; c < 50; c += 1) {
      const cluster = new Y.Map<unknown>();
      cluster.set('name', new Y.Text(`グループ ${c + 1}`));
      for (const [k, v] of Object.entries({
        x: (c % 10) * 2000,
        y: Math.floor(c / 10) * 1500,
        w: 1800,
        h: 1400,
        color: 'blue',
      }))
        cluster.set(k, v);
      clusters.set(`c${c}`, cluster);
    }
    for (let i = 0; i < count; i += 1) {
      const note = new Y.Map<unknown>();
      note.set('text', new Y.Text(`${TEXTS[i % TEXTS.length]}（${i + 1}）`));
      if (legacy) {
        note.set('x', (i % 100) * 180);
        note.set('y', Math.floor(i / 100) * 140);
        note.set('w', 160);
        note.set('h', 120);
      } else {
        setRect(note, { x: (i % 100) * 180, y: Math.floor(i / 100) * 140, w: 160, h: 120 });
      }
      note.set('color', COLORS[i % COLORS.length]);
      note.set('lane', LANES[i % LANES.length]);
      note.set('cluster', `c${i % 50}`);
      note.set('createdAt', new Date(Date.UTC(2026, 11, 1, 10, 0, i % 3600)).toISOString());
      if (legacy) note.set('reactions', new Y.Map<string>());
      notes.set(`note-${i}`, note);
    }
  });
  return { doc, state: Y.encodeStateAsUpdate(doc) };
}
