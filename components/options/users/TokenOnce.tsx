import { useId, useState } from 'react';

/**
 * A freshly issued token, shown this once: the server keeps only its hash. Read-only and selected on focus, with a
 * copy button; it goes when the admin says they are done.
 */
export function TokenOnce({ userName, token, onDone }: { userName: string; token: string; onDone(): void }) {
  const id = useId();
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="token-once" role="region" aria-label={`New token for ${userName}`}>
      <p className="warning">
        <strong>Copy this token now.</strong> It is shown only once: Countersign keeps only a hash of it.
      </p>
      <label htmlFor={id}>Token for {userName}</label>
      <div className="row">
        <input id={id} type="text" readOnly value={token} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="btn" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Done
        </button>
      </div>
      {copied === null ? null : (
        <p role="status" className="muted">
          {copied ? 'Copied.' : 'Could not copy: select the token and copy it by hand.'}
        </p>
      )}
    </div>
  );
}
