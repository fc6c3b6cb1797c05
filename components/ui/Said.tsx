/** What the page says back after an action: that it was done, or what went wrong. */
export type Said = { kind: 'ok' | 'error'; text: string };

/** What went wrong, announced at once (an alert); nothing when nothing did. */
export function ErrorLine({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <p className="form-error" role="alert">
      {text}
    </p>
  );
}

/** What an action said back: an error as an alert, a success as a polite status. */
export function SaidLine({ said }: { said: Said | null }) {
  if (!said) return null;
  if (said.kind === 'error') return <ErrorLine text={said.text} />;
  return (
    <p className="saved" role="status">
      {said.text}
    </p>
  );
}
