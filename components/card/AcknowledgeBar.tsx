import type { CachedSuggestion } from '../../lib/hooks/types';
import { awaitsAcknowledgement } from '../../lib/bridge/values';
import { useAcknowledge } from '../../lib/hooks/use-acknowledge';
import { ShortcutButton } from '../ui/ShortcutButton';

/**
 * A stale or failed item offers no decision (the server takes none on it): it stays until a person says they have
 * read it, here or with `g`.
 */
export function AcknowledgeBar({ s }: { s: CachedSuggestion }) {
  const acknowledge = useAcknowledge();
  if (!awaitsAcknowledgement(s)) return null;
  return (
    <div className="decisions" role="group" aria-label="Acknowledge">
      <div className="decisions-main">
        <ShortcutButton
          tone="primary"
          label="Got it"
          shortcut="g"
          title="Remove it from this panel; nothing is sent to the server"
          onClick={() => acknowledge(s)}
        />
      </div>
    </div>
  );
}
