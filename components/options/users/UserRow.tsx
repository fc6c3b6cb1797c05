import type { TokenInfo, UserWithTokens } from '../../../lib/messages';
import { useNow } from '../../../lib/hooks/use-now';
import { RelativeTime } from '../../ui/RelativeTime';

interface Props {
  user: UserWithTokens;
  onIssue(): void;
  onRevoke(token: TokenInfo): void;
}

/** One user: role, team, each token (short id, age, state) with its revoke button, and a button for a new one. */
export function UserRow({ user, onIssue, onRevoke }: Props) {
  return (
    <tr>
      <th scope="row">{user.name}</th>
      <td>{user.role}</td>
      <td>{user.team ?? '—'}</td>
      <td>
        <ul className="tokens" aria-label={`Tokens of ${user.name}`}>
          {user.tokens.map((t) => (
            <TokenLine key={t.id} token={t} owner={user.name} onRevoke={() => onRevoke(t)} />
          ))}
        </ul>
        <button type="button" className="btn btn-small" onClick={onIssue}>
          Issue a token for {user.name}
        </button>
      </td>
    </tr>
  );
}

/** A token by its short id (the whole id on hover), its age, and whether it still works. */
function TokenLine({ token, owner, onRevoke }: { token: TokenInfo; owner: string; onRevoke(): void }) {
  const now = useNow();
  const short = token.id.slice(0, 8);
  return (
    <li className={token.revoked ? 'revoked' : undefined}>
      <code title={token.id}>{short}</code> · <RelativeTime at={Date.parse(token.createdAt)} now={now} /> ·{' '}
      {token.revoked ? (
        'revoked'
      ) : (
        <>
          active{' '}
          <button
            type="button"
            className="btn btn-small btn-danger"
            aria-label={`Revoke token ${short} of ${owner}`}
            onClick={onRevoke}
          >
            Revoke
          </button>
        </>
      )}
    </li>
  );
}
