// What an incoming Yjs update would change, read from its decoded structs against the live
// document — without applying it anywhere (the guard checks this, then applies the update once).
//
// CONCERNS:
// - Exactness: every struct the document does not have yet is placed (top-level type, note id,
//   note key) through its parent, or — when Yjs left the parent out — through its origin or
//   right origin, in the document or in the update itself, exactly as Yjs resolves it on
//   integration. Every deleted range is placed through the document's structs it covers.
// - "After" values are what the update writes: a key set by the update is read from the update,
//   a key it deletes is absent, any other key keeps the document's value. Where a concurrent
//   edit would make Yjs keep the document's value instead, the rules see both (before and
//   after), so the check is never weaker than applying the update and looking.
// - Dependencies: an update that refers to structs neither the document nor the update has
//   (a gap in a client's clock, an unknown origin or parent, deletions past what exists) is
//   reported as missing: Yjs would keep it pending, and the guard refuses it.
import * as Y from 'yjs';
import { ROOT } from './document.ts';

type Struct = Y.Item | Y.GC | Y.Skip;
type Decoded = ReturnType<typeof Y.decodeUpdate>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are parameterised by their event type
type AnyType = Y.AbstractType<any>;

/** A type's position: top-level (level 0), a note or other entry (1), inside a note's key (2+). */
interface Container {
  root: string;
  note: string | null;
  field: string | null;
  level: number;
}

/** Where a struct lives: its container and its key there. Null: Yjs would drop it (GC'd neighbour). */
type Place = { container: Container; key: string | null } | null;

export const DELETED: unique symbol = Symbol('deleted');

export interface NoteChange {
  /** The update sets the note itself (a new note, or one replaced under the same id). */
  created: boolean;
  /** What it sets the note to, when `created` (a note is a Y.Map; anything else is not one). */
  createdValue: unknown;
  /** The update deletes the note (and sets none in its place). */
  deleted: boolean;
  /** Keys of the note the update sets (their new values) or deletes (DELETED). */
  keys: Map<string, unknown>;
}

export interface UpdateReading {
  /** The update refers to structs the document does not have: Yjs would keep it pending. */
  missing: boolean;
  /** The document already has everything in the update. */
  nothingNew: boolean;
  /** Top-level names changed anywhere below them. */
  roots: Set<string>;
  /** Notes added, removed or changed anywhere inside, by id. */
  notes: Map<string, NoteChange>;
}

function valueOf(item: Y.Item): unknown {
  const content = item.content as unknown;
  if (content instanceof Y.ContentAny) return content.arr[content.arr.length - 1];
  if (content instanceof Y.ContentType) return content.type;
  if (content instanceof Y.ContentString) return content.str;
  if (content instanceof Y.ContentDeleted) return DELETED;
  const values = (content as { getContent(): unknown[] }).getContent();
  return values[values.length - 1];
}

export class UpdateReader {
  private readonly rootNames = new Map<AnyType, string>();
  /** The update's structs by client, in clock order. */
  private readonly byClient = new Map<number, Struct[]>();
  private readonly places = new Map<Struct, Place>();
  private readonly state = new Map<number, number>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly update: Decoded,
  ) {
    for (const [name, type] of doc.share) this.rootNames.set(type, name);
    for (const struct of update.structs) {
      const list = this.byClient.get(struct.id.client);
      if (list) list.push(struct);
      else this.byClient.set(struct.id.client, [struct]);
    }
  }

  private known(client: number): number {
    let clock = this.state.get(client);
    if (clock === undefined) {
      clock = Y.getState(this.doc.store, client);
      this.state.set(client, clock);
    }
    return clock;
  }

  /** The struct holding `id`: the document's, else the update's; undefined when neither has it. */
  private lookup(id: Y.ID): Struct | undefined {
    if (id.clock < this.known(id.client)) {
      const structs = this.doc.store.clients.get(id.client)!;
      return structs[Y.findIndexSS(structs, id.clock)];
    }
    const list = this.byClient.get(id.client);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s instanceof Y.Skip ? undefined : s;
    }
    return undefined;
  }

  private rootContainer(name: string): Container {
    return { root: name, note: null, field: null, level: 0 };
  }

  /** The container a type held by `holder` (a ContentType item) forms. */
  private containerHeldBy(place: NonNullable<Place>): Container {
    const { container, key } = place;
    if (container.level === 0) {
      return { root: container.root, note: container.root === ROOT.notes ? key : null, field: null, level: 1 };
    }
    if (container.level === 1) return { ...container, field: key, level: 2 };
    return { ...container, level: container.level + 1 };
  }

  private docContainer(type: AnyType): Container | null {
    if (type._item === null) {
      const name = this.rootNames.get(type);
      return name === undefined ? null : this.rootContainer(name);
    }
    const place = this.docPlace(type._item);
    return place ? this.containerHeldBy(place) : null;
  }

  private docPlace(item: Y.Item): Place {
    const container = this.docContainer(item.parent as AnyType);
    return container ? { container, key: item.parentSub } : null;
  }

  /** Where a struct (the document's or the update's) lives. */
  private placeOf(struct: Struct | undefined): Place {
    if (!struct || !(struct instanceof Y.Item)) return null;
    if (this.places.has(struct)) return this.places.get(struct)!;
    // Guards against cycles in a crafted update: a struct being resolved has no place yet.
    this.places.set(struct, null);
    let place: Place = null;
    const parent = struct.parent as unknown;
    if (parent instanceof Y.AbstractType) {
      // Integrated: one of the document's own.
      place = this.docPlace(struct);
    } else if (typeof parent === 'string') {
      place = { container: this.rootContainer(parent), key: struct.parentSub };
    } else if (parent instanceof Y.ID) {
      const holder = this.lookup(parent);
      const holderPlace =
        holder instanceof Y.Item && holder.content instanceof Y.ContentType ? this.placeOf(holder) : null;
      place = holderPlace ? { container: this.containerHeldBy(holderPlace), key: struct.parentSub } : null;
    } else {
      // Yjs left the parent out: it is the origin's (or right origin's), key included.
      const left = struct.origin ? this.lookup(struct.origin) : undefined;
      const right = struct.rightOrigin ? this.lookup(struct.rightOrigin) : undefined;
      // Yjs drops an item next to a garbage-collected struct.
      if (!(left instanceof Y.GC) && !(right instanceof Y.GC)) place = this.placeOf(left ?? right);
    }
    this.places.set(struct, place);
    return place;
  }

  private touch(reading: UpdateReading, place: Place): NoteChange | null {
    if (!place) return null;
    reading.roots.add(place.container.root);
    const { container, key } = place;
    const id = container.level === 0 ? (container.root === ROOT.notes ? key : null) : container.note;
    if (id === null) return null;
    let change = reading.notes.get(id);
    if (!change) {
      change = { created: false, createdValue: undefined, deleted: false, keys: new Map() };
      reading.notes.set(id, change);
    }
    return change;
  }

  private deletedByUpdate(id: Y.ID): boolean {
    const ranges = this.update.ds.clients.get(id.client);
    return !!ranges?.some((r: { clock: number; len: number }) => id.clock >= r.clock && id.clock < r.clock + r.len);
  }

  read(): UpdateReading {
    const reading: UpdateReading = { missing: false, nothingNew: true, roots: new Set(), notes: new Map() };
    // Structs: each client's run must start where the document's ends (or before), without gaps.
    for (const [client, list] of this.byClient) {
      let next = this.known(client);
      for (const struct of list) {
        const end = struct.id.clock + struct.length;
        if (struct.id.clock > next) {
          reading.missing = true;
          return reading;
        }
        if (end <= this.known(client)) {
          next = Math.max(next, end);
          continue;
        }
        if (struct instanceof Y.Skip) {
          reading.missing = true;
          return reading;
        }
        next = Math.max(next, end);
        reading.nothingNew = false;
        if (!(struct instanceof Y.Item)) continue;
        for (const ref of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
          // A reference to a later struct of the same client cannot be integrated at all.
          if (ref && ((ref.client === client && ref.clock >= struct.id.clock) || !this.lookup(ref))) {
            reading.missing = true;
            return reading;
          }
        }
      }
    }
    for (const list of this.byClient.values()) {
      for (const struct of list) {
        if (!(struct instanceof Y.Item) || struct.id.clock + struct.length <= this.known(struct.id.client)) continue;
        const place = this.placeOf(struct);
        const change = this.touch(reading, place);
        if (!change || !place) continue;
        const { container, key } = place;
        if (this.deletedByUpdate(struct.id)) continue;
        if (container.level === 0 && key !== null) {
          // The note itself (a new Y.Map under its id).
          change.created = true;
          change.createdValue = valueOf(struct);
          change.deleted = false;
          change.keys.clear();
        } else if (container.level === 1 && key !== null) {
          change.keys.set(key, valueOf(struct));
        }
      }
    }
    // Deletions: the document's structs in each range (the update's own are covered above).
    for (const [client, ranges] of this.update.ds.clients) {
      const structs = this.doc.store.clients.get(client);
      const updateEnd = (() => {
        const list = this.byClient.get(client);
        const last = list?.[list.length - 1];
        return last ? last.id.clock + last.length : 0;
      })();
      for (const { clock, len } of ranges) {
        if (clock + len > Math.max(this.known(client), updateEnd)) {
          reading.missing = true;
          return reading;
        }
        if (!structs || clock >= this.known(client)) continue;
        const end = Math.min(clock + len, this.known(client));
        for (let i = Y.findIndexSS(structs, clock); i < structs.length; i += 1) {
          const struct = structs[i]!;
          if (struct.id.clock >= end) break;
          if (!(struct instanceof Y.Item) || struct.deleted) continue;
          reading.nothingNew = false;
          const place = this.docPlace(struct);
          const change = this.touch(reading, place);
          if (!change || !place) continue;
          const { container, key } = place;
          if (container.level === 0 && key !== null) {
            if (!change.created) change.deleted = true;
          } else if (container.level === 1 && key !== null && !change.created) {
            // Only the key's current value matters; an overwritten one is already gone.
            const parent = struct.parent as Y.Map<unknown>;
            if (parent._map.get(key) === struct && !change.keys.has(key)) change.keys.set(key, DELETED);
          }
        }
      }
    }
    return reading;
  }
}

/** Reads a decoded update (`Y.decodeUpdate`) against the document it is meant for. */
export function readUpdate(doc: Y.Doc, update: Decoded): UpdateReading {
  return new UpdateReader(doc, update).read();
}
