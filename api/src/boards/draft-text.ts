// A principle draft's rich text (the `draft:<id>` Y.XmlFragment that y-prosemirror edits) read as
// the guideline's principle text: plain text, paragraphs separated by a blank line (the public
// pages split on blank lines). Marks (bold, italic) carry no meaning in the record and are
// dropped; a bullet list becomes lines starting with "・", an ordered list numbered lines
// ("1. ", from the list's `order`), nested lists indented with a full-width space per level; a
// list is one paragraph. Also used for exports and previews, so it never throws on odd content.
import * as Y from 'yjs';

/** The node names y-prosemirror writes for the board's draft schema (prosemirror-schema-basic + -list). */
export const DRAFT_NODES = {
  paragraph: 'paragraph',
  bulletList: 'bullet_list',
  orderedList: 'ordered_list',
  listItem: 'list_item',
  hardBreak: 'hard_break',
} as const;

type XmlNode = Y.XmlElement | Y.XmlText | Y.XmlHook;

const INDENT = '\u3000';

/** The inline text of a block (paragraph, heading…): its text runs and hard breaks. */
function inlineText(element: Y.XmlElement): string {
  let out = '';
  for (const child of element.toArray() as XmlNode[]) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown }[]) if (typeof op.insert === 'string') out += op.insert;
    } else if (child instanceof Y.XmlElement) {
      out += child.nodeName === DRAFT_NODES.hardBreak ? '\n' : inlineText(child);
    }
  }
  return out;
}

function listLines(list: Y.XmlElement, depth: number): string[] {
  const ordered = list.nodeName === DRAFT_NODES.orderedList;
  const start = Number(list.getAttribute('order') ?? 1);
  let number = Number.isInteger(start) ? start : 1;
  const lines: string[] = [];
  for (const item of list.toArray() as XmlNode[]) {
    if (!(item instanceof Y.XmlElement)) continue;
    const marker = ordered ? `${number}. ` : '・';
    number += 1;
    const indent = INDENT.repeat(depth);
    let first = true;
    for (const part of item.toArray() as XmlNode[]) {
      if (!(part instanceof Y.XmlElement)) continue;
      if (part.nodeName === DRAFT_NODES.bulletList || part.nodeName === DRAFT_NODES.orderedList) {
        if (first) lines.push(`${indent}${marker}`.trimEnd());
        first = false;
        lines.push(...listLines(part, depth + 1));
        continue;
      }
      const text = inlineText(part).trim();
      // A second paragraph inside one item continues it, under its text.
      const prefix = first ? `${indent}${marker}` : `${indent}${INDENT}`;
      for (const [i, line] of text.split('\n').entries()) {
        lines.push(i === 0 ? `${prefix}${line.trim()}` : `${indent}${INDENT}${line.trim()}`);
      }
      first = false;
    }
    if (first) lines.push(`${indent}${marker}`.trimEnd());
  }
  return lines;
}

/** The principle text of a draft body: paragraphs separated by a blank line, lists as "・" or "1. " lines. */
export function principleTextOf(fragment: Y.XmlFragment | Y.XmlElement): string {
  const blocks: string[] = [];
  for (const node of fragment.toArray() as XmlNode[]) {
    if (node instanceof Y.XmlText) {
      const text = node.toString().trim();
      if (text) blocks.push(text);
      continue;
    }
    if (!(node instanceof Y.XmlElement)) continue;
    if (node.nodeName === DRAFT_NODES.bulletList || node.nodeName === DRAFT_NODES.orderedList) {
      // Items left empty say nothing.
      const lines = listLines(node, 0).filter((line) => !/^(・|\d+\.)?$/.test(line.replace(/\u3000/g, '').trim()));
      if (lines.length > 0) blocks.push(lines.join('\n'));
      continue;
    }
    const text = inlineText(node)
      .split('\n')
      .map((line) => line.trim())
      .join('\n')
      .trim();
    if (text) blocks.push(text);
  }
  return blocks.join('\n\n');
}
