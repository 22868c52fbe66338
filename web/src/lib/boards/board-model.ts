// The board's Yjs document read as plain values (docs/boards.md "The document"): the same
// reading serves the live board, its outline and a snapshot's read-only view (on the server).
// Written here, not imported from the api package, because the web ships to browsers.
import * as Y from 'yjs';

export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];
export const STAGES = ['SILENT_WRITING', 'SHARING', 'CLUSTERING', 'VOTING', 'WRAP_UP'] as const;
// Plain characters every Japanese system font has (emoji fonts are not everywhere).
export const REACTIONS = ['+1', '★', '♥', '？'] as const;

/** Board units: a lane is this wide, notes start at this size. */
export const LANE_WIDTH = 360;
export const LANE_TOP = 72;
export const NOTE_W = 160;
export const NOTE_H = 112;
export const MIN_NOTE = 96;
export const MAX_NOTE = 480;

export interface NoteView {
  id: string;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  color: NoteColor;
  lane: string | null;
  cluster: string | null;
  authorId: string | null;
  authorName: string | null;
  createdAt: string;
  reactions: Record<string, string>;
  promoted: { type: string; id: string; at: string } | null;
  /** In the writer's private document, not yet revealed. */
  private: boolean;
}

export interface ClusterView {
  id: string;
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
}

export interface LaneView {
  id: string;
  title: string;
  titleEn: string;
}

export interface ConnectorView {
  id: string;
  from: string;
  to: string;
  label: string | null;
}

export interface Area {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ControlView {
  stage: string;
  timer: { startedAt: string; durationMs: number } | null;
  locked: boolean;
  lockedAreas: Area[];
  privateWriting: boolean;
  anonymous: boolean;
  spotlight: { userId: string; x: number; y: number; zoom: number; at?: string } | null;
  vote: { id: string; votesPerPerson: number; open: boolean } | null;
  voteResults: Record<string, number>;
}

/** One block of a principle draft's body, read for cards and the outline (lists flattened one level). */
export interface DraftBlock {
  kind: 'paragraph' | 'bullet_list' | 'ordered_list';
  /** A paragraph: one line; a list: one per item. */
  lines: string[];
}

export interface DraftView {
  id: string;
  title: string;
  principleKey: string | null;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Written by the server when the draft became a principle of a guideline version. */
  promoted: { type: string; id: string; at: string; key?: string; versionCode?: string } | null;
  blocks: DraftBlock[];
}

export const DRAFT_W = 320;
export const DRAFT_H = 220;

export interface BoardContent {
  notes: NoteView[];
  drafts: DraftView[];
  clusters: ClusterView[];
  lanes: LaneView[];
  connectors: ConnectorView[];
  control: ControlView;
}

const num = (value: unknown, fallback = 0) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const str = (value: unknown) => (typeof value === 'string' ? value : null);
const text = (value: unknown) => (value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '');

// A note is one Y.Map: `rect: [x, y, w, h]` for its place and size, `reaction:<userId>` keys
// for reactions. Boards written before hold `x`/`y`/`w`/`h` keys and a `reactions` Y.Map per
// note; both are read (`rect` first; a `reaction:` key over the old map's entry) exactly as the
// server reads them (api/src/boards/document.ts), and a note moves to the new keys when edited.

export const REACTION_PREFIX = 'reaction:';
const LEGACY_RECT_KEYS = ['x', 'y', 'w', 'h'] as const;

/** A note's rectangle: `rect`, else the older `x`/`y`/`w`/`h` keys. */
export function noteRect(note: Y.Map<unknown>): Area {
  const rect = note.get('rect');
  if (Array.isArray(rect) && rect.length === 4 && rect.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    const [x, y, w, h] = rect as number[];
    return { x: x!, y: y!, w: w!, h: h! };
  }
  return {
    x: num(note.get('x')),
    y: num(note.get('y')),
    w: num(note.get('w'), NOTE_W),
    h: num(note.get('h'), NOTE_H),
  };
}

/** Writes a note's rectangle as one key (dropping the older keys, so only one is ever read). */
export function setNoteRect(note: Y.Map<unknown>, rect: Area): void {
  note.set('rect', [Math.round(rect.x), Math.round(rect.y), Math.round(rect.w), Math.round(rect.h)]);
  // A note not yet in a document (being made) has no older keys.
  if (note.doc) for (const key of LEGACY_RECT_KEYS) if (note.has(key)) note.delete(key);
}

/** Who reacted with what: `reaction:<userId>` keys over an older `reactions` map. */
export function noteReactions(note: Y.Map<unknown>): Record<string, string> {
  const reactions: Record<string, string> = {};
  const legacy = note.get('reactions');
  if (legacy instanceof Y.Map)
    legacy.forEach((emoji, userId) => {
      if (typeof emoji === 'string') reactions[userId] = emoji;
    });
  note.forEach((emoji, key) => {
    if (key.startsWith(REACTION_PREFIX) && typeof emoji === 'string')
      reactions[key.slice(REACTION_PREFIX.length)] = emoji;
  });
  return reactions;
}

/** Sets (or, with null, removes) one person's reaction. */
export function setNoteReaction(note: Y.Map<unknown>, userId: string, emoji: string | null): void {
  const legacy = note.get('reactions');
  if (legacy instanceof Y.Map && legacy.has(userId)) legacy.delete(userId);
  if (emoji === null) note.delete(`${REACTION_PREFIX}${userId}`);
  else note.set(`${REACTION_PREFIX}${userId}`, emoji);
}

function noteOf(id: string, map: Y.Map<unknown>, isPrivate: boolean): NoteView {
  const promoted = map.get('promoted');
  const color = str(map.get('color'));
  return {
    id,
    text: text(map.get('text')),
    ...noteRect(map),
    color: (NOTE_COLORS as readonly string[]).includes(color ?? '') ? (color as NoteColor) : 'yellow',
    lane: str(map.get('lane')),
    cluster: str(map.get('cluster')),
    authorId: str(map.get('authorId')),
    authorName: str(map.get('authorName')),
    createdAt: str(map.get('createdAt')) ?? '',
    reactions: noteReactions(map),
    promoted: promoted && typeof promoted === 'object' && 'id' in promoted ? (promoted as NoteView['promoted']) : null,
    private: isPrivate,
  };
}

export function notesIn(doc: Y.Doc, isPrivate = false): NoteView[] {
  const notes: NoteView[] = [];
  doc.getMap<unknown>('notes').forEach((value, id) => {
    if (value instanceof Y.Map) notes.push(noteOf(id, value, isPrivate));
  });
  // A stable order for lists and tab order: by creation, then id.
  return notes.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

function inlineOf(element: Y.XmlElement): string {
  let out = '';
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown }[]) if (typeof op.insert === 'string') out += op.insert;
    } else if (child instanceof Y.XmlElement) out += child.nodeName === 'hard_break' ? ' ' : inlineOf(child);
  }
  return out;
}

/** A draft body (`draft:<id>`) as blocks of plain lines; the server's principle text is api/src/boards/draft-text.ts. */
export function draftBlocks(fragment: Y.XmlFragment): DraftBlock[] {
  const blocks: DraftBlock[] = [];
  for (const node of fragment.toArray()) {
    if (!(node instanceof Y.XmlElement)) continue;
    if (node.nodeName === 'bullet_list' || node.nodeName === 'ordered_list') {
      const lines = node
        .toArray()
        .filter((item): item is Y.XmlElement => item instanceof Y.XmlElement)
        .map((item) => inlineOf(item).trim());
      blocks.push({ kind: node.nodeName, lines });
    } else {
      blocks.push({ kind: 'paragraph', lines: [inlineOf(node).trim()] });
    }
  }
  return blocks;
}

export function draftsIn(doc: Y.Doc): DraftView[] {
  const drafts: DraftView[] = [];
  doc.getMap<unknown>('drafts').forEach((value, id) => {
    if (!(value instanceof Y.Map)) return;
    const promoted = value.get('promoted');
    drafts.push({
      id,
      title: text(value.get('title')),
      principleKey: str(value.get('principleKey')),
      x: num(value.get('x')),
      y: num(value.get('y')),
      w: num(value.get('w'), DRAFT_W),
      h: num(value.get('h'), DRAFT_H),
      promoted:
        promoted && typeof promoted === 'object' && 'id' in promoted ? (promoted as DraftView['promoted']) : null,
      blocks: doc.share.has(`draft:${id}`) ? draftBlocks(doc.getXmlFragment(`draft:${id}`)) : [],
    });
  });
  return drafts.sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id));
}

export function readContent(doc: Y.Doc): BoardContent {
  const clusters: ClusterView[] = [];
  doc.getMap<unknown>('clusters').forEach((value, id) => {
    if (!(value instanceof Y.Map)) return;
    clusters.push({
      id,
      name: text(value.get('name')),
      x: num(value.get('x')),
      y: num(value.get('y')),
      w: num(value.get('w'), 400),
      h: num(value.get('h'), 300),
      color: str(value.get('color')) ?? 'blue',
    });
  });
  const lanes = doc
    .getArray<unknown>('lanes')
    .toArray()
    .flatMap((value) =>
      value instanceof Y.Map
        ? [
            {
              id: String(value.get('id') ?? ''),
              title: String(value.get('title') ?? ''),
              titleEn: String(value.get('titleEn') ?? ''),
            },
          ]
        : [],
    );
  const connectors: ConnectorView[] = [];
  doc.getMap<unknown>('connectors').forEach((value, id) => {
    if (value instanceof Y.Map)
      connectors.push({
        id,
        from: String(value.get('from') ?? ''),
        to: String(value.get('to') ?? ''),
        label: str(value.get('label')),
      });
  });
  const control = doc.getMap<unknown>('control');
  const vote = control.get('vote') as ControlView['vote'] | undefined;
  const timer = control.get('timer') as ControlView['timer'] | undefined;
  const spotlight = control.get('spotlight') as ControlView['spotlight'] | undefined;
  const areas = control.get('lockedAreas');
  const results = control.get('voteResults');
  return {
    notes: notesIn(doc),
    drafts: draftsIn(doc),
    clusters: clusters.sort((a, b) => a.x - b.x || a.y - b.y || a.id.localeCompare(b.id)),
    lanes,
    connectors,
    control: {
      stage: str(control.get('stage')) ?? '',
      timer: timer && typeof timer === 'object' && typeof timer.durationMs === 'number' ? timer : null,
      locked: control.get('locked') === true,
      lockedAreas: Array.isArray(areas) ? (areas as Area[]) : [],
      privateWriting: control.get('privateWriting') === true,
      anonymous: control.get('anonymous') === true,
      spotlight: spotlight && typeof spotlight === 'object' ? spotlight : null,
      vote: vote && typeof vote === 'object' && typeof vote.id === 'string' ? vote : null,
      voteResults: results && typeof results === 'object' ? (results as Record<string, number>) : {},
    },
  };
}

/** The lane a point falls in, by column (lanes are columns of LANE_WIDTH from x = 0). */
export function laneAt(lanes: readonly LaneView[], x: number): string | null {
  if (lanes.length === 0) return null;
  const index = Math.floor(x / LANE_WIDTH);
  return lanes[Math.max(0, Math.min(lanes.length - 1, index))]?.id ?? null;
}

export function laneArea(index: number): Area {
  return { x: index * LANE_WIDTH, y: 0, w: LANE_WIDTH, h: 100_000 };
}

/** Overlap, as the server judges locked areas (api/src/boards/document.ts `inside`). */
export function overlaps(note: Area, area: Area): boolean {
  return note.x < area.x + area.w && note.x + note.w > area.x && note.y < area.y + area.h && note.y + note.h > area.y;
}

/** The cluster whose frame holds a note's centre, if any. */
export function clusterAt(clusters: readonly ClusterView[], note: Area): string | null {
  const cx = note.x + note.w / 2;
  const cy = note.y + note.h / 2;
  return clusters.find((c) => cx >= c.x && cx <= c.x + c.w && cy >= c.y && cy <= c.y + c.h)?.id ?? null;
}

/** The smallest edit turning `before` into `after`: concurrent edits elsewhere in the text survive. */
export function textDiff(before: string, after: string): { index: number; remove: number; insert: string } | null {
  if (before === after) return null;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start += 1;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB -= 1;
    endA -= 1;
  }
  return { index: start, remove: endB - start, insert: after.slice(start, endA) };
}

export function applyTextDiff(target: Y.Text, after: string): void {
  const diff = textDiff(target.toString(), after);
  if (!diff) return;
  if (diff.remove > 0) target.delete(diff.index, diff.remove);
  if (diff.insert) target.insert(diff.index, diff.insert);
}

/**
 * A snapshot's name as people read it: the server names automatic ones by stage codes
 * (`SILENT_WRITING → SHARING`), shown in the page's language.
 */
export function snapshotName(
  snapshot: { name: string; automatic: boolean },
  stages: Readonly<Record<string, string>>,
): string {
  if (!snapshot.automatic) return snapshot.name;
  return snapshot.name
    .split(' → ')
    .map((stage) => stages[stage] ?? stage)
    .join(' → ');
}

/** The content without authors when the board is anonymous (for what is sent to a page). */
export function withoutAuthorsIfAnonymous(content: BoardContent): BoardContent {
  if (!content.control.anonymous) return content;
  return { ...content, notes: content.notes.map((n) => ({ ...n, authorId: null, authorName: null })) };
}
