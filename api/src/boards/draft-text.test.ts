// The principle text of a draft's rich text, built the way y-prosemirror writes it.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { principleTextOf } from './draft-text.ts';

type Inline = string | { text: string; marks?: Record<string, object> } | 'BR';
type Block = { p: Inline[] } | { ul: Block[][] } | { ol: Block[][]; order?: number };

function paragraph(parts: Inline[]): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  const nodes = parts.map((part) => {
    if (part === 'BR') return new Y.XmlElement('hard_break');
    const text = new Y.XmlText();
    if (typeof part === 'string') text.insert(0, part);
    else text.insert(0, part.text, part.marks ?? {});
    return text;
  });
  element.insert(0, nodes);
  return element;
}

function block(b: Block): Y.XmlElement {
  if ('p' in b) return paragraph(b.p);
  const list = new Y.XmlElement('ul' in b ? 'bullet_list' : 'ordered_list');
  if ('ol' in b && b.order !== undefined) list.setAttribute('order', b.order as unknown as string);
  const items = ('ul' in b ? b.ul : b.ol).map((children) => {
    const item = new Y.XmlElement('list_item');
    item.insert(0, children.map(block));
    return item;
  });
  list.insert(0, items);
  return list;
}

function fragmentOf(blocks: Block[]): Y.XmlFragment {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('draft:x');
  fragment.insert(0, blocks.map(block));
  return fragment;
}

describe('principleTextOf', () => {
  it('separates paragraphs with a blank line and drops bold and italic', () => {
    const text = principleTextOf(
      fragmentOf([
        { p: ['市民の', { text: '視点', marks: { strong: {} } }, 'に立ちます。'] },
        { p: [{ text: '公平・公正に', marks: { em: {} } }, '対応します。'] },
      ]),
    );
    expect(text).toBe('市民の視点に立ちます。\n\n公平・公正に対応します。');
  });

  it('writes a bullet list as "・" lines and an ordered list as numbered lines, each list one paragraph', () => {
    const text = principleTextOf(
      fragmentOf([
        { p: ['私たちは:'] },
        { ul: [[{ p: ['よく聞く'] }], [{ p: ['分かりやすく伝える'] }]] },
        { ol: [[{ p: ['受け止める'] }], [{ p: ['案内する'] }]], order: 3 },
      ]),
    );
    expect(text).toBe('私たちは:\n\n・よく聞く\n・分かりやすく伝える\n\n3. 受け止める\n4. 案内する');
  });

  it('indents nested lists and continuation paragraphs with a full-width space, keeps hard breaks as lines', () => {
    const text = principleTextOf(
      fragmentOf([
        { p: ['一行目', 'BR', '二行目'] },
        {
          ul: [
            [{ p: ['窓口'] }, { ol: [[{ p: ['案内'] }], [{ p: ['説明'] }]] }],
            [{ p: ['電話'] }, { p: ['折り返す'] }],
          ],
        },
      ]),
    );
    expect(text).toBe('一行目\n二行目\n\n・窓口\n\u30001. 案内\n\u30002. 説明\n・電話\n\u3000折り返す');
  });

  it('leaves out empty paragraphs and empty list items, and gives an empty string for an empty draft', () => {
    expect(principleTextOf(fragmentOf([]))).toBe('');
    expect(principleTextOf(fragmentOf([{ p: [] }, { ul: [[{ p: [] }]] }, { p: ['  本文  '] }]))).toBe('本文');
  });
});
