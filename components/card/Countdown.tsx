import { useNow } from '../../lib/hooks/use-now';
import type { TimeoutAction } from '../../lib/schemas/common';
import { formatCountdown } from '../../lib/text/format';

const URGENT_MS = 5 * 60_000;

/**
 * Time left until the server applies the timeout action, from its `expiresAt`. The server enforces the timeout; this
 * only tells the reviewer how long they have and what happens then.
 */
export function Countdown({ expiresAt, then }: { expiresAt: string; then: TimeoutAction | null }) {
  const now = useNow();
  const left = Date.parse(expiresAt) - now;
  const after = then ? <span className="then"> · then: {then}</span> : null;
  if (left <= 0) {
    return (
      <p className="countdown expired" role="timer">
        Timed out{after}
      </p>
    );
  }
  const urgent = left < URGENT_MS;
  return (
    <p className={urgent ? 'countdown urgent' : 'countdown'} role="timer">
      {urgent ? 'Soon: times out in ' : 'Times out in '}
      <time dateTime={expiresAt}>{formatCountdown(left)}</time>
      {after}
    </p>
  );
}
