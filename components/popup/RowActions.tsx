import type { CachedSuggestion } from '../../lib/hooks/types';
import type { Decider } from '../../lib/policy/may-decide';
import { ShortcutButton } from '../ui/ShortcutButton';
import { needsReason } from '../card/risk';
import { popupAllows, usePopupCommand, type PopupCommand } from './popup-command';

const BUTTONS: { command: PopupCommand; label: (s: CachedSuggestion) => string; key: string; tone?: 'primary' }[] = [
  { command: 'dismiss', label: () => 'Dismiss…', key: 'd' },
  { command: 'approve', label: (s) => (needsReason(s) ? 'Approve…' : 'Approve'), key: 'a', tone: 'primary' },
  { command: 'reject', label: () => 'Reject…', key: 'r' },
  { command: 'escalate', label: () => 'Escalate…', key: 'e' },
  { command: 'open', label: () => 'Open record', key: 'o' },
];

/** The decisions open on a row, each with its key, and the way to the record. */
export function RowActions({ s, now, name, user }: { s: CachedSuggestion; now: number; name: string; user: Decider }) {
  const run = usePopupCommand(user);
  return (
    <div className="row-actions" role="group" aria-label={`Actions for ${name}`}>
      {BUTTONS.filter((b) => popupAllows(s, b.command, now, user)).map((b) => (
        <ShortcutButton
          key={b.command}
          className="btn-small"
          tone={b.tone}
          label={b.label(s)}
          shortcut={b.key}
          onClick={() => void run(s, b.command)}
        />
      ))}
    </div>
  );
}
