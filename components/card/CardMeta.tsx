import type { CachedSuggestion } from '../../lib/hooks/types';
import { RelativeTime } from '../ui/RelativeTime';
import { Countdown } from './Countdown';

/** Who proposed the item and when, and how long it has left. */
export function CardMeta({ s, now, showCountdown }: { s: CachedSuggestion; now: number; showCountdown: boolean }) {
  return (
    <div className="meta">
      <p>
        Proposed by {s.proposedBy.name} <RelativeTime at={Date.parse(s.createdAt)} now={now} />
      </p>
      {showCountdown && s.expiresAt ? <Countdown expiresAt={s.expiresAt} then={s.timeoutAction} /> : null}
    </div>
  );
}
