import { describe, expect, it } from 'vitest';
import { wordDiff } from './word-diff';

const join = (parts: { kind: string; text: string }[], keep: string) =>
  parts
    .filter((p) => p.kind === 'same' || p.kind === keep)
    .map((p) => p.text)
    .join('');

describe('wordDiff', () => {
  it('marks a replaced word as removed and added', () => {
    expect(wordDiff('Meet on Tuesday at 10', 'Meet on Thursday at 10')).toEqual([
      { kind: 'same', text: 'Meet on ' },
      { kind: 'removed', text: 'Tuesday' },
      { kind: 'added', text: 'Thursday' },
      { kind: 'same', text: ' at 10' },
    ]);
  });

  it('gives back both texts exactly', () => {
    const a = 'Hi Dana,\n\nThanks for the call. We can ship in May.\n\nBest,\nSam';
    const b = 'Hi Dana,\n\nThanks for your time today. We can ship in June.\n\nBest regards,\nSam';
    const parts = wordDiff(a, b);
    expect(join(parts, 'removed')).toBe(a);
    expect(join(parts, 'added')).toBe(b);
  });

  it('handles identical and empty texts', () => {
    expect(wordDiff('same text', 'same text')).toEqual([{ kind: 'same', text: 'same text' }]);
    expect(wordDiff('', 'new')).toEqual([{ kind: 'added', text: 'new' }]);
    expect(wordDiff('old', '')).toEqual([{ kind: 'removed', text: 'old' }]);
    expect(wordDiff('', '')).toEqual([]);
  });

  it('stays exact on long texts that differ throughout', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(' ');
    const parts = wordDiff(a, b);
    expect(join(parts, 'removed')).toBe(a);
    expect(join(parts, 'added')).toBe(b);
  });
});

describe('wordDiff readability', () => {
  it('marks exactly the rewritten words, keeping the words around them', () => {
    const parts = wordDiff('Thanks for the call today', 'Thanks for your time today');
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual(['the', 'call']);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text)).toEqual(['your', 'time']);
    expect(parts[0]).toEqual({ kind: 'same', text: 'Thanks for ' });
    expect(parts.at(-1)).toEqual({ kind: 'same', text: ' today' });
  });
});
