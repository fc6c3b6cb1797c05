import type { CachedSuggestion } from '../../lib/hooks/types';
import { useAcknowledge } from '../../lib/hooks/use-acknowledge';
import { Kbd } from '../ui/Kbd';
import { RelativeTime } from '../ui/RelativeTime';

/**
 * What the sync found out about a decision taken here ("Approved by Raj 2 min ago"), until it has been read; a new
 * decision taken here replaces it.
 */
export function NoticeLine({ s, now }: { s: CachedSuggestion; now: number }) {
  const acknowledge = useAcknowledge();
  if (!s.notice || s.local) return null;
  return (
    <div className={`notice notice-${s.notice.kind}`}>
      <p>
        {s.notice.kind === 'error' ? 'Your decision was refused: ' : 'Your decision did not go through: '}
        {s.notice.message} <RelativeTime at={s.notice.at} now={now} />
      </p>
      <button
        type="button"
        className="btn btn-small"
        aria-label="Dismiss this notice"
        aria-keyshortcuts="g"
        onClick={() => acknowledge(s)}
      >
        Got it <Kbd>g</Kbd>
      </button>
    </div>
  );
}
