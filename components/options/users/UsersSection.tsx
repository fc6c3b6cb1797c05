import { useState } from 'react';
import { askBackground } from '../../../lib/hooks/ask-background';
import type { BackgroundQuery } from '../../../lib/hooks/use-background-query';
import type { TokenInfo, UserWithTokens } from '../../../lib/messages';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorLine } from '../../ui/Said';
import { AddUserForm } from './AddUserForm';
import { TokenOnce } from './TokenOnce';
import { UserRow } from './UserRow';

/** Admins: the people and agents, their tokens; add a user, issue a token (shown once), revoke one (at once). */
export function UsersSection({ users }: { users: BackgroundQuery<UserWithTokens[]> }) {
  const [issued, setIssued] = useState<{ userName: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<{ user: UserWithTokens; token: TokenInfo } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const issue = async (user: UserWithTokens) => {
    setError(null);
    const reply = await askBackground({ type: 'tokens.issue', userId: user.id });
    if (!reply.ok) return setError(reply.error);
    setIssued({ userName: user.name, token: reply.data.token });
    users.reload();
  };
  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    const reply = await askBackground({ type: 'tokens.revoke', tokenId: revoking.token.id });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    setRevoking(null);
    users.reload();
  };

  return (
    <section className="section" aria-labelledby="users-title">
      <h2 id="users-title">Users and tokens</h2>
      <ErrorLine text={users.error ?? error} />
      {issued ? <TokenOnce userName={issued.userName} token={issued.token} onDone={() => setIssued(null)} /> : null}
      {users.data ? (
        <table className="table users">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Team</th>
              <th scope="col">Tokens</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <UserRow
                key={u.id}
                user={u}
                onIssue={() => void issue(u)}
                onRevoke={(token) => {
                  setError(null);
                  setRevoking({ user: u, token });
                }}
              />
            ))}
          </tbody>
        </table>
      ) : (
        <p role="status" aria-busy={users.loading}>
          {users.loading ? 'Loading users…' : null}
        </p>
      )}
      <h3>Add a user</h3>
      <AddUserForm onAdded={users.reload} />
      {revoking ? (
        <ConfirmDialog
          title={`Revoke this token of ${revoking.user.name}?`}
          confirmLabel="Revoke"
          tone="danger"
          busy={busy}
          error={error}
          onConfirm={() => void revoke()}
          onCancel={() => setRevoking(null)}
        >
          <p>It stops working at its next call; anything signed in with it must sign in again.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
