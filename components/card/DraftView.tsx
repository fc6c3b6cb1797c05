import type { Draft } from '../../lib/schemas/suggestion';
import { WordDiff } from './WordDiff';

interface Props {
  draft: Draft;
  /** The edited draft (a modification): shown as a word diff against the AI's draft. */
  edited?: { subject?: string; body: string } | null;
}

/** A drafted email as plain text, or, once edited, the edit word by word. */
export function DraftView({ draft, edited }: Props) {
  const subject = edited?.subject ?? draft.subject;
  return (
    <section className="draft" aria-label="Drafted email">
      {draft.to ? (
        <p className="draft-line">
          <span className="draft-key">To</span> {draft.to}
        </p>
      ) : null}
      {subject !== undefined ? (
        <p className="draft-line">
          <span className="draft-key">Subject</span>{' '}
          {edited && draft.subject !== undefined && subject !== draft.subject ? (
            <WordDiff before={draft.subject} after={subject} />
          ) : (
            subject
          )}
        </p>
      ) : null}
      {edited && edited.body !== draft.body ? (
        <p className="draft-body">
          <WordDiff before={draft.body} after={edited.body} />
        </p>
      ) : (
        <p className="draft-body">{draft.body}</p>
      )}
    </section>
  );
}
