// The rich-text editor of a principle draft: ProseMirror bound to the draft's Y.XmlFragment
// (`draft:<id>`) by y-prosemirror, with the others' cursors and selections from the board's
// awareness. Loaded with a dynamic import() only when a draft is opened, so the board route
// does not carry ProseMirror for everyone.
//
// CONCERNS:
// - Undo is y-prosemirror's (a Y.UndoManager over this fragment tracking this editor's own
//   origin): a person undoes only their own typing, never someone else's.
// - The board's presence already uses the awareness field `cursor` for the pointer on the
//   canvas ({ x, y }); y-prosemirror 1.3 reads and writes `cursor` itself. The editor gets an
//   adapter that maps its `cursor` onto the field `draftCursor` ({ anchor, head }, Yjs relative
//   positions in one draft body), so the two never collide. A cursor in another draft resolves
//   to nothing here and is not drawn.
// - The CSP forbids style attributes: cursors and selections are coloured by class (one per
//   person colour, PEER_COLORS), never by y-prosemirror's default inline styles.
import { baseKeymap, setBlockType, toggleMark, chainCommands, exitCode } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import { Schema, type MarkType, type NodeType } from 'prosemirror-model';
import { schema as basic } from 'prosemirror-schema-basic';
import { addListNodes, liftListItem, sinkListItem, splitListItem, wrapInList } from 'prosemirror-schema-list';
import { EditorState, type Command, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { redo, undo, yCursorPlugin, ySyncPlugin, ySyncPluginKey, yUndoPlugin } from 'y-prosemirror';
import type * as Y from 'yjs';
import { PEER_COLORS } from './board-binding.svelte';

/** Paragraphs, hard breaks, bullet and ordered lists; bold and italic. The server reads the same names (api/src/boards/draft-text.ts). */
export const draftSchema = new Schema({
  nodes: addListNodes(
    basic.spec.nodes
      .remove('heading')
      .remove('blockquote')
      .remove('code_block')
      .remove('horizontal_rule')
      .remove('image'),
    'paragraph block*',
    'block',
  ),
  marks: { strong: basic.spec.marks.get('strong')!, em: basic.spec.marks.get('em')! },
});

const nodes = draftSchema.nodes as unknown as Record<
  'paragraph' | 'bullet_list' | 'ordered_list' | 'list_item',
  NodeType
>;
const marks = draftSchema.marks as unknown as Record<'strong' | 'em', MarkType>;

export interface DraftToolbarState {
  strong: boolean;
  em: boolean;
  bulletList: boolean;
  orderedList: boolean;
  paragraph: boolean;
}

export type DraftCommand = 'strong' | 'em' | 'bulletList' | 'orderedList' | 'paragraph' | 'undo' | 'redo';

interface AwarenessLike {
  clientID: number;
  getStates(): Map<number, Record<string, unknown>>;
  getLocalState(): Record<string, unknown> | null;
  setLocalStateField(field: string, value: unknown): void;
  on(event: 'change', listener: (...args: unknown[]) => void): void;
  off(event: 'change', listener: (...args: unknown[]) => void): void;
}

/** The awareness as y-prosemirror sees it: its `cursor` is our `draftCursor`. */
function draftAwareness(awareness: AwarenessLike): AwarenessLike {
  const swap = (state: Record<string, unknown> | null) =>
    state ? { ...state, cursor: (state.draftCursor as unknown) ?? null } : state;
  return {
    get clientID() {
      return awareness.clientID;
    },
    getStates: () => {
      const states = new Map<number, Record<string, unknown>>();
      awareness.getStates().forEach((state, id) => states.set(id, swap(state)!));
      return states;
    },
    getLocalState: () => swap(awareness.getLocalState()),
    setLocalStateField: (_field, value) => awareness.setLocalStateField('draftCursor', value),
    on: (event, listener) => awareness.on(event, listener),
    off: (event, listener) => awareness.off(event, listener),
  };
}

function colourClass(color: string | undefined): string {
  const index = PEER_COLORS.indexOf(color ?? '');
  return `draft-peer--${index >= 0 ? index : 0}`;
}

function cursorBuilder(user: { name?: string; color?: string }): HTMLElement {
  const cursor = document.createElement('span');
  cursor.className = `draft-cursor ${colourClass(user.color)}`;
  const label = document.createElement('span');
  label.className = 'draft-cursor__name';
  label.textContent = user.name ?? '';
  cursor.append('\u2060', label, '\u2060');
  return cursor;
}

function isActiveMark(state: EditorState, type: MarkType): boolean {
  const { from, $from, to, empty } = state.selection;
  if (empty) return !!type.isInSet(state.storedMarks ?? $from.marks());
  return state.doc.rangeHasMark(from, to, type);
}

/** The nearest list around the selection: bullet, ordered, or none. */
function listAround(state: EditorState): NodeType | null {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth -= 1) {
    const type = $from.node(depth).type;
    if (type === nodes.bullet_list || type === nodes.ordered_list) return type;
  }
  return null;
}

export function toolbarState(state: EditorState): DraftToolbarState {
  const list = listAround(state);
  return {
    strong: isActiveMark(state, marks.strong),
    em: isActiveMark(state, marks.em),
    bulletList: list === nodes.bullet_list,
    orderedList: list === nodes.ordered_list,
    paragraph: list === null,
  };
}

/** Leaves every list the selection is in, so the text is plain paragraphs again. */
const toParagraph: Command = (state, dispatch) => {
  if (!listAround(state)) return setBlockType(nodes.paragraph)(state, dispatch);
  if (!dispatch) return liftListItem(nodes.list_item)(state);
  const tr = state.tr;
  let current = state;
  while (listAround(current)) {
    let next: Transaction | null = null;
    liftListItem(nodes.list_item)(current, (t) => (next = t));
    if (next === null) break;
    const step: Transaction = next;
    for (const s of step.steps) tr.step(s);
    current = current.apply(step);
  }
  if (!tr.docChanged) return false;
  dispatch(tr.scrollIntoView());
  return true;
};

/** The list button: into that list, or switching a list's kind, or (pressed again) out of it. */
function listCommand(type: NodeType): Command {
  return (state, dispatch, view) => {
    const around = listAround(state);
    if (around === type) return toParagraph(state, dispatch, view);
    if (around) {
      // Switch the kind of the innermost list in place.
      const { $from } = state.selection;
      for (let depth = $from.depth; depth > 0; depth -= 1) {
        if ($from.node(depth).type === around) {
          if (dispatch) dispatch(state.tr.setNodeMarkup($from.before(depth), type));
          return true;
        }
      }
    }
    return wrapInList(type)(state, dispatch);
  };
}

const COMMANDS: Record<DraftCommand, Command> = {
  strong: toggleMark(marks.strong),
  em: toggleMark(marks.em),
  bulletList: listCommand(nodes.bullet_list),
  orderedList: listCommand(nodes.ordered_list),
  paragraph: toParagraph,
  undo,
  redo,
};

export interface DraftEditorOptions {
  fragment: Y.XmlFragment;
  awareness: AwarenessLike;
  /** Accessible name of the text box. */
  label: string;
  /** Id of the element that describes the keys. */
  describedBy?: string;
  editable: boolean;
  onState: (state: DraftToolbarState) => void;
}

export interface DraftEditor {
  run(command: DraftCommand): void;
  focus(): void;
  setEditable(editable: boolean): void;
  destroy(): void;
}

export function createDraftEditor(place: HTMLElement, options: DraftEditorOptions): DraftEditor {
  let editable = options.editable;
  const hardBreak = chainCommands(exitCode, (state, dispatch) => {
    if (dispatch) dispatch(state.tr.replaceSelectionWith(draftSchema.nodes.hard_break!.create()).scrollIntoView());
    return true;
  });
  const state = EditorState.create({
    schema: draftSchema,
    plugins: [
      ySyncPlugin(options.fragment),
      yCursorPlugin(draftAwareness(options.awareness) as never, {
        cursorBuilder,
        selectionBuilder: (user: { color?: string }) => ({
          class: `draft-selection ${colourClass(user.color)}`,
        }),
      }),
      yUndoPlugin(),
      keymap({
        'Mod-z': undo,
        'Mod-y': redo,
        'Mod-Shift-z': redo,
        'Mod-b': COMMANDS.strong,
        'Mod-i': COMMANDS.em,
        'Mod-Shift-8': COMMANDS.bulletList,
        'Mod-Shift-7': COMMANDS.orderedList,
        'Mod-Alt-0': COMMANDS.paragraph,
        Enter: splitListItem(nodes.list_item),
        'Mod-]': sinkListItem(nodes.list_item),
        'Mod-[': liftListItem(nodes.list_item),
        'Shift-Enter': hardBreak,
        // Tab is left to the browser: keyboard users must be able to leave the text box.
      }),
      keymap(baseKeymap),
    ],
  });
  const view = new EditorView(place, {
    state,
    editable: () => editable,
    attributes: {
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-label': options.label,
      ...(options.describedBy ? { 'aria-describedby': options.describedBy } : {}),
      class: 'draft-editor__text',
    },
    // `this`, not `view`: y-prosemirror dispatches while the view is still being constructed.
    dispatchTransaction(this: EditorView, tr) {
      // Someone else's typing must not undo my Ctrl+B: ProseMirror clears the marks stored for
      // the next character on every change, also a remote one, so they are kept across those.
      const stored = this.state.storedMarks;
      const remote = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin;
      if (remote && stored && !tr.storedMarksSet) tr.setStoredMarks(stored);
      this.updateState(this.state.apply(tr));
      options.onState(toolbarState(this.state));
    },
  });
  options.onState(toolbarState(view.state));
  return {
    run(command) {
      if (!editable && command !== 'undo' && command !== 'redo') return;
      COMMANDS[command](view.state, view.dispatch, view);
      view.focus();
    },
    focus: () => view.focus(),
    setEditable(next) {
      editable = next;
      view.setProps({});
      view.dom.setAttribute('aria-readonly', next ? 'false' : 'true');
    },
    destroy: () => view.destroy(),
  };
}
