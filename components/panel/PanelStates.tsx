import type { ReactNode } from 'react';

function State({ title, children, busy = false }: { title: string; children?: ReactNode; busy?: boolean }) {
  return (
    <div className="state" role="status" aria-busy={busy || undefined}>
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

export function Loading() {
  return <State title="Loading suggestions…" busy />;
}

export function NoRecord() {
  return (
    <State title="Open a record to see its suggestions">
      <p className="muted">Suggestions show up here for the deal, contact or company on screen.</p>
    </State>
  );
}

export function BackgroundUnavailable({ error }: { error: string }) {
  return (
    <State title="The extension is not answering">
      <p className="muted">Reload the page; if that does not help, reload the extension. ({error})</p>
    </State>
  );
}

export function SignedOut({ refused, onOpenOptions }: { refused: boolean; onOpenOptions(): void }) {
  return (
    <State title="Sign in on the options page">
      <p className="muted">
        {refused
          ? 'The server refused your sign-in (the token may have been revoked). Sign in again to see suggestions.'
          : 'Countersign needs your server address and token before it can show suggestions.'}
      </p>
      <button type="button" className="btn btn-primary" onClick={onOpenOptions}>
        Open the options page
      </button>
    </State>
  );
}
