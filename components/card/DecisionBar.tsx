import type { CachedSuggestion } from '../../lib/hooks/types';
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

/** The decisions open on a pending card, each with its key. */
export function DecisionBar({ s }: { s: CachedSuggestion }) {
  const run = useCardCommand();
  const explicit = needsReason(s);
  return (
    <div className="decisions" role="group" aria-label="Decide">
      <div className="decisions-main">
        <ShortcutButton
          tone="primary"
          label={explicit ? 'Approve with reason…' : 'Approve'}
          shortcut="a"
          onClick={() => void run(s, 'approve')}
        />
        <ShortcutButton tone="danger" label="Reject…" shortcut="r" onClick={() => void run(s, 'reject')} />
      </div>
      <div className="decisions-more">
        {SECONDARY.filter((b) => allows(s, b.command)).map((b) => (
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
