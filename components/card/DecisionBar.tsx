import type { CachedSuggestion } from '../../lib/hooks/types';
import type { Decider } from '../../lib/policy/may-decide';
import { ShortcutButton } from '../ui/ShortcutButton';
import { needsReason } from './risk';
import { allows, useCardCommand, type CardCommand } from './use-card-command';

const SECONDARY: { command: CardCommand; label: string; key: string }[] = [
  { command: 'modify', label: 'Modify', key: 'm' },
  { command: 'partial', label: 'Partial', key: 'p' },
  { command: 'conditional', label: 'Conditional', key: 'c' },
  { command: 'escalate', label: 'Escalate', key: 'e' },
  { command: 'dismiss', label: 'Dismiss', key: 'd' },
];

/** The decisions open to `user` on a pending card, each with its key. */
export function DecisionBar({ s, user }: { s: CachedSuggestion; user: Decider }) {
  const run = useCardCommand(user);
  const explicit = needsReason(s);
  const more = SECONDARY.filter((b) => allows(s, b.command, user));
  const approve = allows(s, 'approve', user);
  const reject = allows(s, 'reject', user);
  if (!approve && !reject && more.length === 0) return null;
  return (
    <div className="decisions" role="group" aria-label="Decide">
      <div className="decisions-main">
        {approve ? (
          <ShortcutButton
            tone="primary"
            label={explicit ? 'Approve with reason…' : 'Approve'}
            shortcut="a"
            onClick={() => void run(s, 'approve')}
          />
        ) : null}
        {reject ? (
          <ShortcutButton tone="danger" label="Reject…" shortcut="r" onClick={() => void run(s, 'reject')} />
        ) : null}
      </div>
      <div className="decisions-more">
        {more.map((b) => (
          <ShortcutButton
            key={b.command}
            label={b.command === 'dismiss' ? b.label : `${b.label}…`}
            shortcut={b.key}
            onClick={() => void run(s, b.command)}
          />
        ))}
      </div>
    </div>
  );
}
