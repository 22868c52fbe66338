// A readable diff of two texts: Japanese compared character by character (it has no spaces
// between words), other text word by word. Longest common subsequence over the tokens; texts
// too long for that are shown as removed and inserted whole rather than slowly.
export interface DiffPart {
  kind: 'same' | 'inserted' | 'deleted';
  text: string;
}

const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]|[\p{L}\p{N}_'’-]+|\s+|./gsu;
const MAX_CELLS = 4_000_000;

function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

export function diffText(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length * b.length > MAX_CELLS) {
    return [
      ...(before ? [{ kind: 'deleted' as const, text: before }] : []),
      ...(after ? [{ kind: 'inserted' as const, text: after }] : []),
    ];
  }
  // lengths[i][j]: LCS length of a[i:] and b[j:], in one flat array.
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i]!);
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      push('deleted', a[i++]!);
    } else {
      push('inserted', b[j++]!);
    }
  }
  while (i < a.length) push('deleted', a[i++]!);
  while (j < b.length) push('inserted', b[j++]!);
  return parts;
}
