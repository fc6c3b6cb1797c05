import { useState } from 'react';
import { askBackground } from '../../lib/hooks/ask-background';
import { needsHostPermission, originPattern, requestOrigins } from '../../lib/hooks/permissions';
import type { AuthStatusView } from '../../lib/hooks/use-auth-status';
import type { AuthStatus } from '../../lib/messages';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Field } from '../ui/Field';
import { Form } from '../ui/Form';
import { SaidLine, type Said } from '../ui/Said';
import { SignedInAs } from './SignedInAs';

const DEFAULT_SERVER = 'http://localhost:8787';

const who = (s: AuthStatus) =>
  s.user ? `${s.user.name} (${s.user.role}${s.user.team ? `, team ${s.user.team}` : ''})` : 'nobody';

/** What a test of the connection found, in words. */
function testResult(s: AuthStatus): Said {
  switch (s.connection.state) {
    case 'online':
      return { kind: 'ok', text: `Connected to ${s.serverUrl} as ${who(s)}.` };
    case 'offline':
      return { kind: 'error', text: 'This browser is offline.' };
    case 'unreachable':
      return { kind: 'error', text: `Server unreachable${s.connection.error ? `: ${s.connection.error}` : ''}.` };
    default:
      return { kind: 'error', text: 'The server no longer accepts your token: sign in again.' };
  }
}

/** Server address and token; sign in, test the connection, sign out. The token goes to the background only. */
export function ConnectionSection({ auth }: { auth: AuthStatusView }) {
  const status = auth.status;
  const [typedUrl, setTypedUrl] = useState<string | null>(null);
  const [token, setToken] = useState('');
  const [said, setSaid] = useState<Said | null>(null);
  const [queued, setQueued] = useState<number | null>(null);
  const serverUrl = typedUrl ?? status?.serverUrl ?? DEFAULT_SERVER;

  const signIn = async () => {
    let url: URL;
    try {
      url = new URL(serverUrl.trim());
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http');
    } catch {
      return setSaid({ kind: 'error', text: 'Enter the server address, e.g. https://countersign.example.com' });
    }
    if (token.trim().length < 10) return setSaid({ kind: 'error', text: 'Paste the token an admin gave you.' });
    // Asked first, inside the click: browsers grant permissions only during a user gesture.
    if (needsHostPermission(url.href) && !(await requestOrigins([originPattern(url.href)]))) {
      return setSaid({ kind: 'error', text: `Countersign needs your permission to reach ${url.origin}.` });
    }
    const reply = await askBackground({ type: 'auth.signIn', serverUrl: url.href, token: token.trim() });
    if (!reply.ok) return setSaid({ kind: 'error', text: reply.error });
    setToken('');
    setTypedUrl(null);
    setSaid({ kind: 'ok', text: `Signed in as ${reply.data.user.name} (${reply.data.user.role}).` });
    await auth.refresh();
  };

  const test = async () => {
    setSaid(null);
    const synced = await askBackground({ type: 'sync.now' });
    const now = await auth.refresh();
    if (!synced.ok || !now) return setSaid({ kind: 'error', text: synced.ok ? 'No answer' : synced.error });
    setSaid(testResult(now));
  };

  const signOut = async (discardOutbox = false) => {
    const reply = await askBackground({ type: 'auth.signOut', discardOutbox });
    if (!reply.ok) return setSaid({ kind: 'error', text: reply.error });
    if (!reply.data.signedOut) return setQueued(reply.data.outbox);
    setQueued(null);
    setSaid({ kind: 'ok', text: 'Signed out. The cached queue was removed from this browser.' });
    await auth.refresh();
  };

  return (
    <section className="section" aria-labelledby="connection-title">
      <h2 id="connection-title">Connection</h2>
      {status?.user ? <SignedInAs status={status} onTest={() => void test()} onSignOut={() => void signOut()} /> : null}
      <Form className="sign-in" aria-label="Sign in" onSubmit={() => void signIn()}>
        <Field label="Server address" value={serverUrl} onChange={setTypedUrl} type="url" autoComplete="url" />
        <Field
          label="Token"
          value={token}
          onChange={setToken}
          type="password"
          autoComplete="off"
          hint="An admin issues it (npm run cli -- users add … prints one). It stays in this browser's background."
        />
        <button type="submit" className="btn btn-primary">
          {status?.user ? 'Sign in again' : 'Sign in'}
        </button>
      </Form>
      <SaidLine said={said} />
      {queued !== null ? (
        <ConfirmDialog
          title="Sign out and discard decisions?"
          confirmLabel="Sign out and discard"
          tone="danger"
          onConfirm={() => void signOut(true)}
          onCancel={() => setQueued(null)}
        >
          <p>
            {queued === 1 ? '1 decision has' : `${queued} decisions have`} not reached the server yet. Signing out now
            loses {queued === 1 ? 'it' : 'them'}.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
