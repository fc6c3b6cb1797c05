import { wordDiff } from '../../lib/text/word-diff';

/** The edit from `before` to `after`, word by word: removed words struck, added ones marked. */
export function WordDiff({ before, after }: { before: string; after: string }) {
  return (
    <span className="word-diff">
      {wordDiff(before, after).map((part, i) =>
        part.kind === 'same' ? (
          <span key={i}>{part.text}</span>
        ) : part.kind === 'removed' ? (
          <del key={i}>{part.text}</del>
        ) : (
          <ins key={i}>{part.text}</ins>
        ),
      )}
    </span>
  );
}
