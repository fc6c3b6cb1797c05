import { diffWordsWithSpace } from 'diff';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** A word-level diff from `a` to `b` that keeps whitespace, so joining a side's parts gives that text back exactly. */
export function wordDiff(a: string, b: string): DiffPart[] {
  return diffWordsWithSpace(a, b).map((part) => ({
    kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
    text: part.value,
  }));
}
