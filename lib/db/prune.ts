import { awaitsAcknowledgement } from '../bridge/values';
import { isOpen, OPEN_STATUSES } from '../schemas/common';
import { RECENTLY_DECIDED_MS } from './record-suggestions';
import type { CachedSuggestion, CountersignDb } from './schema';

/**
 * Whether some view still shows a cached item: open; decided here and not synced yet; carrying a notice; stale or
 * failed and not acknowledged (back with a person); or closed within RECENTLY_DECIDED_MS of `now`.
 */
export function stillShown(s: CachedSuggestion, now: number): boolean {
  return (
    isOpen(s.status) ||
    !!s.local ||
    !!s.notice ||
    awaitsAcknowledgement(s) ||
    now - Date.parse(s.updatedAt) <= RECENTLY_DECIDED_MS
  );
}

/**
 * Drops the cached items that no view shows any longer and no outbox entry names, so that the cache holds the work
 * at hand rather than every item the user ever saw. An item that changes again on the server comes back through the
 * delta feed. Returns how many went.
 */
export function pruneCache(db: CountersignDb, now: number): Promise<number> {
  return db.transaction('rw', db.suggestions, db.outbox, async () => {
    const named = new Set((await db.outbox.toArray()).map((e) => e.suggestionId));
    const gone = await db.suggestions
      .where('status')
      .noneOf([...OPEN_STATUSES])
      .filter((s) => !stillShown(s, now) && !named.has(s.id))
      .primaryKeys();
    await db.suggestions.bulkDelete(gone);
    return gone.length;
  });
}
