import { awaitsAcknowledgement } from '../bridge/values';
import type { CountersignDb } from './schema';

/**
 * The reviewer has read what the card says ("Got it"): its notice goes, and a stale or failed item is acknowledged
 * at its version, so it leaves the panel. A closed item whose notice goes leaves once no longer recent.
 */
export async function dismissNotice(db: CountersignDb, suggestionId: string): Promise<void> {
  await db.transaction('rw', db.suggestions, async () => {
    const s = await db.suggestions.get(suggestionId);
    if (!s || (!s.notice && !awaitsAcknowledgement(s))) return;
    const { notice: _n, ...rest } = s;
    await db.suggestions.put(awaitsAcknowledgement(s) ? { ...rest, acknowledgedVersion: s.version } : rest);
  });
}
