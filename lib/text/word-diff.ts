export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Above this many table cells the middle of the texts is shown as one removal and one addition. */
const MAX_CELLS = 2_000_000;

/** Words and the whitespace between them, so joining the parts gives back the text exactly. */
function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

function push(parts: DiffPart[], kind: DiffPart['kind'], text: string): void {
  if (!text) return;
  const last = parts[parts.length - 1];
  if (last?.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

/**
 * A word-level diff from `a` to `b`: the longest common subsequence of words, with the common prefix and suffix
 * trimmed first so that a small edit in a long email stays cheap.
 */
export function wordDiff(a: string, b: string): DiffPart[] {
  const x = tokenize(a);
  const y = tokenize(b);
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }

  const parts: DiffPart[] = [];
  push(parts, 'same', x.slice(0, start).join(''));
  const midX = x.slice(start, endX);
  const midY = y.slice(start, endY);
  if (midX.length * midY.length > MAX_CELLS) {
    push(parts, 'removed', midX.join(''));
    push(parts, 'added', midY.join(''));
  } else {
    for (const part of joinChangeRuns(lcsDiff(midX, midY))) push(parts, part.kind, part.text);
  }
  push(parts, 'same', x.slice(endX).join(''));
  return parts;
}

function lcsDiff(x: string[], y: string[]): DiffPart[] {
  const n = x.length;
  const m = y.length;
  // lengths[i * (m + 1) + j]: the LCS length of x[i..] and y[j..]
  const lengths = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * (m + 1) + j] =
        x[i] === y[j]
          ? lengths[(i + 1) * (m + 1) + j + 1]! + 1
          : Math.max(lengths[(i + 1) * (m + 1) + j]!, lengths[i * (m + 1) + j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      push(parts, 'same', x[i]!);
      i++;
      j++;
    } else if (lengths[(i + 1) * (m + 1) + j]! >= lengths[i * (m + 1) + j + 1]!) {
      push(parts, 'removed', x[i++]!);
    } else {
      push(parts, 'added', y[j++]!);
    }
  }
  while (i < n) push(parts, 'removed', x[i++]!);
  while (j < m) push(parts, 'added', y[j++]!);
  return parts;
}

/**
 * Folds a lone space between two changes into them, so "a b" → "c d" reads as one removal and one addition rather
 * than four fragments around a shared space.
 */
function joinChangeRuns(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    push(out, 'removed', removed);
    push(out, 'added', added);
    removed = added = '';
  };
  parts.forEach((part, i) => {
    if (part.kind === 'removed') removed += part.text;
    else if (part.kind === 'added') added += part.text;
    else if ((removed || added) && /^\s+$/.test(part.text) && parts[i + 1] && parts[i + 1]!.kind !== 'same') {
      removed += part.text;
      added += part.text;
    } else {
      flush();
      push(out, 'same', part.text);
    }
  });
  flush();
  return out;
}
