import type { AuthStatus } from '../../lib/messages';

const STATE: Record<AuthStatus['connection']['state'], string> = {
  online: 'online',
  offline: 'offline',
  unreachable: 'server unreachable',
  signed_out: 'signed out',
  unauthorized: 'token refused: sign in again',
};

/** Who is signed in, where, how the connection stands, and what waits to sync. */
export function SignedInAs({ status, onTest, onSignOut }: { status: AuthStatus; onTest(): void; onSignOut(): void }) {
  const user = status.user!;
  return (
    <div className="signed-in" role="group" aria-label="Signed in">
      <p>
        Signed in as <strong>{user.name}</strong> ({user.role}
        {user.team ? `, team ${user.team}` : ''}) on {status.serverUrl} — {STATE[status.connection.state]}
        {status.outbox > 0
          ? `, ${status.outbox} ${status.outbox === 1 ? 'decision' : 'decisions'} waiting to sync`
          : ''}
        .
      </p>
      <div className="form-actions">
        <button type="button" className="btn" onClick={onTest}>
          Test connection
        </button>
        <button type="button" className="btn" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </div>
  );
}
