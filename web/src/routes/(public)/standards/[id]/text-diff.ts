// A word-and-character diff between two versions of a standard's text. Japanese has no
// spaces, so every character outside a Latin word or number is its own token; Latin words
// and numbers stay whole, so "85%" → "90%" reads as one replacement, not two digits.
export type DiffPart = { kind: 'same' | 'inserted' | 'deleted'; text: string };

const TOKEN = /[A-Za-z0-9.,%]+|\s+|[^A-Za-z0-9.,%\s]/gu;

/** Above this many token pairs the texts are shown as replaced whole (the LCS table is n×m). */
const MAX_CELLS = 2_000_000;

export function diffText(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : [];
  const a = before.match(TOKEN) ?? [];
  const b = after.match(TOKEN) ?? [];
  if (a.length * b.length > MAX_CELLS) {
    return [
      { kind: 'deleted', text: before },
      { kind: 'inserted', text: after },
    ].filter((p) => p.text) as DiffPart[];
  }
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i -= 1)
    for (let j = b.length - 1; j >= 0; j -= 1)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const last = parts[parts.length - 1];
    if (last?.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i]!);
      i += 1;
      j += 1;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      push('deleted', a[i]!);
      i += 1;
    } else {
      push('inserted', b[j]!);
      j += 1;
    }
  }
  while (i < a.length) push('deleted', a[i++]!);
  while (j < b.length) push('inserted', b[j++]!);
  return cleanUp(parts);
}

/**
 * A character diff of rewritten Japanese matches stray particles (の, を, 、) and reads as
 * confetti. Runs of changes separated by one or two unchanged characters are shown as one
 * deletion followed by one insertion, which is how a person would mark up the change.
 */
function cleanUp(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let deleted = '';
  let inserted = '';
  const flush = () => {
    if (deleted) out.push({ kind: 'deleted', text: deleted });
    if (inserted) out.push({ kind: 'inserted', text: inserted });
    deleted = '';
    inserted = '';
  };
  parts.forEach((part, index) => {
    const between = index > 0 && index < parts.length - 1 && (deleted || inserted);
    if (part.kind === 'same' && !(between && [...part.text].length <= 2)) {
      flush();
      out.push(part);
    } else if (part.kind === 'same') {
      deleted += part.text;
      inserted += part.text;
    } else if (part.kind === 'deleted') deleted += part.text;
    else inserted += part.text;
  });
  flush();
  return out;
}
