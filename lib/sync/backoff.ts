export interface Backoff {
  baseMs: number;
  capMs: number;
}

/** Retrying a queued decision: from 2 s up to about 5 min. */
export const OUTBOX_BACKOFF: Backoff = { baseMs: 2_000, capMs: 5 * 60_000 };

/**
 * Delay before the next attempt after `attempts` failures: doubling from `baseMs` up to `capMs`, with "equal jitter"
 * (between half and all of it) so that many clients coming back at once do not retry in step.
 */
export function retryDelay(attempts: number, random: () => number = Math.random, b: Backoff = OUTBOX_BACKOFF) {
  const ceiling = Math.min(b.capMs, b.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
