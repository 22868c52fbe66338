// The board's Yjs document shape (docs/boards.md "The document"), read and written on the
// server: templates, names, what a transaction touched, plain-object views for exports and
// promotion, and replacing the content with a snapshot's as one new change.
import type { BoardTemplate } from '@shishin/prisma';
import * as Y from 'yjs';
import { principleTextOf } from './draft-text.ts';

export const ROOT = {
  notes: 'notes',
  clusters: 'clusters',
  lanes: 'lanes',
  connectors: 'connectors',
  drafts: 'drafts',
  control: 'control',
} as const;

/** Root types only the facilitator changes. */
export const FACILITATOR_ROOTS: ReadonlySet<string> = new Set([ROOT.control, ROOT.lanes]);

export const DRAFT_PREFIX = 'draft:';

export const STAGES = ['SILENT_WRITING', 'SHARING', 'CLUSTERING', 'VOTING', 'WRAP_UP'] as const;

export interface Lane {
  id: string;
  title: string;
  titleEn: string;
}

export const TEMPLATE_LANES: Record<BoardTemplate, readonly Lane[]> = {
  REVISION_WORKSHOP: [
    { id: 'current', title: '現状', titleEn: 'Current state' },
    { id: 'problems', title: '課題', titleEn: 'Problems' },
    { id: 'directions', title: '方向性', titleEn: 'Directions' },
    { id: 'proposals', title: '改善提案', titleEn: 'Improvement proposals' },
    { id: 'principles', title: '理念案', titleEn: 'Principle drafts' },
  ],
  PROBLEM_LISTING: [
    { id: 'observations', title: '気づいたこと', titleEn: 'Observations' },
    { id: 'problems', title: '課題', titleEn: 'Problems' },
    { id: 'priorities', title: '優先して取り組む課題', titleEn: 'Priorities' },
  ],
  TARGET_DRAFTING: [
    { id: 'standards', title: '関連する基準', titleEn: 'Related standards' },
    { id: 'policy', title: '区の方針', titleEn: 'Ward policy' },
    { id: 'current', title: '現状', titleEn: 'Current state' },
    { id: 'targets', title: '目標案', titleEn: 'Draft targets' },
    { id: 'indicators', title: '指標・達成の目安', titleEn: 'Indicators and milestones' },
  ],
  BLANK: [],
};

export interface VoteState {
  id: string;
  votesPerPerson: number;
  open: boolean;
}

export interface LockedArea {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The initial content of a new board: its template's lanes and a control map at rest. */
export function initialiseBoard(doc: Y.Doc, template: BoardTemplate): void {
  doc.transact(() => {
    const lanes = doc.getArray<Y.Map<unknown>>(ROOT.lanes);
    lanes.push(
      TEMPLATE_LANES[template].map((lane) => {
        const map = new Y.Map<unknown>();
        map.set('id', lane.id);
        map.set('title', lane.title);
        map.set('titleEn', lane.titleEn);
        return map;
      }),
    );
    const control = doc.getMap<unknown>(ROOT.control);
    control.set('stage', template === 'BLANK' ? '' : 'SILENT_WRITING');
    control.set('timer', null);
    control.set('locked', false);
    control.set('lockedAreas', []);
    control.set('privateWriting', false);
    control.set('anonymous', false);
    control.set('spotlight', null);
    control.set('vote', null);
    control.set('voteResults', {});
    doc.getMap(ROOT.notes);
    doc.getMap(ROOT.clusters);
    doc.getMap(ROOT.connectors);
    doc.getMap(ROOT.drafts);
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are parameterised by their event type
type AnyType = Y.AbstractType<any>;

/** The top-level name of a type and the key under it (a note id under `notes`), walking up. */
export function locate(type: AnyType): { root: string | null; key: string | null } {
  let current: AnyType = type;
  let key: string | null = null;
  while (current._item) {
    const item = current._item;
    const parent = item.parent as AnyType;
    if (!parent._item) key = item.parentSub;
    current = parent;
  }
  const doc = current.doc;
  if (!doc) return { root: null, key };
  for (const [name, value] of doc.share) if (value === current) return { root: name, key };
  return { root: null, key };
}

export interface Touched {
  /** Top-level names whose content changed anywhere below them. */
  roots: Set<string>;
  /** Note ids added, removed, or changed anywhere inside. */
  notes: Set<string>;
  /** Principle draft ids whose card (`drafts`) or body (`draft:<id>`) changed. */
  drafts: Set<string>;
}

/** What a transaction changed, by top-level name and by note id. */
export function touchedBy(transaction: Y.Transaction): Touched {
  const roots = new Set<string>();
  const notes = new Set<string>();
  const drafts = new Set<string>();
  for (const [type, keys] of transaction.changed) {
    const { root, key } = locate(type);
    if (root === null) {
      roots.add('?');
      continue;
    }
    roots.add(root);
    if (root.startsWith(DRAFT_PREFIX)) {
      drafts.add(root.slice(DRAFT_PREFIX.length));
      continue;
    }
    const ids = root === ROOT.notes ? notes : root === ROOT.drafts ? drafts : null;
    if (!ids) continue;
    if (type._item === null) {
      // the map itself: its keys are note (or draft) ids
      for (const k of keys) if (k !== null) ids.add(k);
    } else if (key !== null) {
      ids.add(key);
    }
  }
  return { roots, notes, drafts };
}

// ───────────────────────────── plain views ─────────────────────────────

export interface NoteView {
  id: string;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
  lane: string | null;
  cluster: string | null;
  authorId: string | null;
  authorName: string | null;
  createdAt: string | null;
  reactions: Record<string, string>;
  promoted: { type: string; id: string; at: string } | null;
}

const num = (value: unknown, fallback = 0) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const str = (value: unknown) => (typeof value === 'string' ? value : null);
const text = (value: unknown) =>
  value instanceof Y.Text ? (value.doc ? value.toString() : '') : typeof value === 'string' ? value : '';

// ───────────────────────────── the note model ─────────────────────────────
//
// A note is one Y.Map. Its place and size are one key, `rect: [x, y, w, h]`; a reaction is a key
// of the note, `reaction:<userId>` → emoji, so a note without reactions holds no nested type.
// Boards written before keep `x`, `y`, `w`, `h` keys and a `reactions` Y.Map per note: both are
// read (`rect` wins; a `reaction:` key wins over the old map's entry), and a note is moved to the
// new keys when it is next moved, resized or reacted to.

export const NOTE_SIZE = { w: 160, h: 120 } as const;
export const REACTION_PREFIX = 'reaction:';
const LEGACY_RECT_KEYS = ['x', 'y', 'w', 'h'] as const;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A note's rectangle from a reader of its keys: `rect`, else the older `x`/`y`/`w`/`h`. */
export function rectOf(get: (key: string) => unknown, size: { w: number; h: number } = NOTE_SIZE): Rect {
  const rect = get('rect');
  if (Array.isArray(rect) && rect.length === 4 && rect.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    const [x, y, w, h] = rect as number[];
    return { x: x!, y: y!, w: w!, h: h! };
  }
  return { x: num(get('x')), y: num(get('y')), w: num(get('w'), size.w), h: num(get('h'), size.h) };
}

/** Writes a note's rectangle as one key (and drops the older keys, so only one is ever read). */
export function setRect(note: Y.Map<unknown>, rect: Rect): void {
  note.set('rect', [Math.round(rect.x), Math.round(rect.y), Math.round(rect.w), Math.round(rect.h)]);
  // A note not yet in a document (being made) has no older keys.
  if (note.doc) for (const key of LEGACY_RECT_KEYS) if (note.has(key)) note.delete(key);
}

/** Who reacted with what: the note's `reaction:<userId>` keys over an older `reactions` map. */
export function reactionsOf(note: Y.Map<unknown>): Record<string, string> {
  const reactions: Record<string, string> = {};
  const legacy = note.get('reactions');
  if (legacy instanceof Y.Map && legacy.doc)
    legacy.forEach((emoji, userId) => {
      if (typeof emoji === 'string') reactions[userId] = emoji;
    });
  note.forEach((emoji, key) => {
    if (key.startsWith(REACTION_PREFIX) && typeof emoji === 'string')
      reactions[key.slice(REACTION_PREFIX.length)] = emoji;
  });
  return reactions;
}

/** Sets (or, with null, removes) one person's reaction to a note. */
export function setReaction(note: Y.Map<unknown>, userId: string, emoji: string | null): void {
  const legacy = note.get('reactions');
  if (legacy instanceof Y.Map && legacy.has(userId)) legacy.delete(userId);
  if (emoji === null) note.delete(`${REACTION_PREFIX}${userId}`);
  else note.set(`${REACTION_PREFIX}${userId}`, emoji);
}

export function noteView(id: string, map: Y.Map<unknown>): NoteView {
  return { ...noteViewOf(id, (key) => map.get(key)), reactions: reactionsOf(map) };
}

/**
 * A note's view from a reader of its keys (the guard reads a note as an update would leave
 * it); `reactions` stays empty: read them with `noteView` or `reactionsOf`.
 */
export function noteViewOf(id: string, get: (key: string) => unknown): NoteView {
  const promoted = get('promoted') as NoteView['promoted'] | undefined;
  return {
    id,
    text: text(get('text')),
    ...rectOf(get),
    color: str(get('color')) ?? 'yellow',
    lane: str(get('lane')),
    cluster: str(get('cluster')),
    authorId: str(get('authorId')),
    authorName: str(get('authorName')),
    createdAt: str(get('createdAt')),
    reactions: {},
    promoted: promoted && typeof promoted === 'object' ? promoted : null,
  };
}

export function notesOf(doc: Y.Doc): NoteView[] {
  const notes: NoteView[] = [];
  doc.getMap<unknown>(ROOT.notes).forEach((value, id) => {
    if (value instanceof Y.Map) notes.push(noteView(id, value));
  });
  return notes.sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.id.localeCompare(b.id));
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

export function clustersOf(doc: Y.Doc): ClusterView[] {
  const clusters: ClusterView[] = [];
  doc.getMap<unknown>(ROOT.clusters).forEach((value, id) => {
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
  return clusters;
}

export function lanesOf(doc: Y.Doc): Lane[] {
  return doc
    .getArray<unknown>(ROOT.lanes)
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
}

export function controlOf(doc: Y.Doc) {
  const control = doc.getMap<unknown>(ROOT.control);
  const vote = control.get('vote') as VoteState | null | undefined;
  const areas = control.get('lockedAreas');
  return {
    stage: str(control.get('stage')) ?? '',
    locked: control.get('locked') === true,
    lockedAreas: Array.isArray(areas) ? (areas as LockedArea[]) : [],
    privateWriting: control.get('privateWriting') === true,
    anonymous: control.get('anonymous') === true,
    vote: vote && typeof vote === 'object' && typeof vote.id === 'string' ? vote : null,
    voteResults: (control.get('voteResults') as Record<string, number> | undefined) ?? {},
  };
}

/** The Y.XmlFragment holding a principle draft's body (y-prosemirror), by draft id. */
export function draftFragment(doc: Y.Doc, draftId: string): Y.XmlFragment {
  return doc.getXmlFragment(`${DRAFT_PREFIX}${draftId}`);
}

/**
 * A principle draft's body as the guideline's principle text (draft-text.ts): paragraphs
 * separated by a blank line, lists as "・" / "1. " lines.
 */
export function draftText(doc: Y.Doc, draftId: string): string {
  // Reading a fragment that was never written must not create it in `doc.share`.
  if (!doc.share.has(`${DRAFT_PREFIX}${draftId}`)) return '';
  return principleTextOf(draftFragment(doc, draftId));
}

export interface DraftView {
  id: string;
  title: string;
  principleKey: string | null;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Set by the server only (`promoteBoardNotes`): the principle it became. */
  promoted: { type: string; id: string; at: string; versionCode?: string; key?: string } | null;
}

export function draftView(id: string, map: Y.Map<unknown>): DraftView {
  const promoted = map.get('promoted') as DraftView['promoted'] | undefined;
  return {
    id,
    title: text(map.get('title')),
    principleKey: str(map.get('principleKey')),
    x: num(map.get('x')),
    y: num(map.get('y')),
    w: num(map.get('w'), 320),
    h: num(map.get('h'), 200),
    promoted: promoted && typeof promoted === 'object' ? promoted : null,
  };
}

export function inside(note: { x: number; y: number; w: number; h: number }, area: LockedArea): boolean {
  // A note is inside an area when they overlap at all: dragging a note's corner into a locked
  // area is as much a change to that area as dropping it there.
  return note.x < area.x + area.w && note.x + note.w > area.x && note.y < area.y + area.h && note.y + note.h > area.y;
}

// ───────────────────────────── restoring a snapshot ─────────────────────────────

function cloneValue(value: unknown): unknown {
  return value instanceof Y.AbstractType ? (value as Y.AbstractType<unknown> & { clone(): unknown }).clone() : value;
}

/**
 * Makes `target`'s content equal to `source`'s, as ordinary changes inside the caller's
 * transaction: the state before stays in the history, and every client simply receives one
 * more update.
 */
export function replaceContent(target: Y.Doc, source: Y.Doc): void {
  const mapNames = [ROOT.notes, ROOT.clusters, ROOT.connectors, ROOT.drafts, ROOT.control];
  for (const name of mapNames) {
    const to = target.getMap<unknown>(name);
    const from = source.getMap<unknown>(name);
    for (const key of [...to.keys()]) if (!from.has(key)) to.delete(key);
    from.forEach((value, key) => to.set(key, cloneValue(value)));
  }
  const lanesTo = target.getArray<unknown>(ROOT.lanes);
  lanesTo.delete(0, lanesTo.length);
  lanesTo.insert(0, source.getArray<unknown>(ROOT.lanes).toArray().map(cloneValue));

  const draftNames = new Set<string>();
  for (const name of [...source.share.keys(), ...target.share.keys()])
    if (name.startsWith(DRAFT_PREFIX)) draftNames.add(name);
  for (const name of draftNames) {
    const to = target.getXmlFragment(name);
    const from = source.getXmlFragment(name);
    if (to.length > 0) to.delete(0, to.length);
    const children = from.toArray().map((child) => (child as Y.XmlElement).clone());
    if (children.length > 0) to.insert(0, children as Y.XmlElement[]);
  }
}
