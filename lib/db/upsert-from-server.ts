import { stillShown } from './prune';
import { cachedFrom, type ServerSuggestion } from './server-truth';
import type { CachedSuggestion, CountersignDb } from './schema';

export interface UpsertReport {
  written: number;
}

/**
 * Writes the server's view of `items` into the cache. A cached copy newer than the item is kept (a delta page read
 * before a decision's answer may land after it). The optimistic `local` state stays while its outbox entry is still
 * queued, so a delta that does not yet reflect the user's decision does not make it flicker away; notices stay until
 * dismissed. An item this cache does not hold and no view would show (closed over an hour ago: the history a first
 * sync reads) is not written. Runs in the caller's transaction if there is one.
 */
export function upsertFromServer(
  db: CountersignDb,
  items: readonly ServerSuggestion[],
  now = Date.now(),
): Promise<UpsertReport> {
  return db.transaction('rw', db.suggestions, db.outbox, async () => {
    const cached = await db.suggestions.bulkGet(items.map((i) => i.id));
    const seqs = cached.flatMap((c) => (c?.local ? [c.local.outboxSeq] : []));
    const queued = new Set((await db.outbox.bulkGet(seqs)).flatMap((e) => (e?.seq === undefined ? [] : [e.seq])));
    const rows: CachedSuggestion[] = [];
    items.forEach((item, i) => {
      const before = cached[i];
      if (before && before.version > item.version) return;
      const local = before?.local && queued.has(before.local.outboxSeq) ? before.local : undefined;
      const row = cachedFrom(item, before, { local, notice: before?.notice });
      if (before || stillShown(row, now)) rows.push(row);
    });
    await db.suggestions.bulkPut(rows);
    return { written: rows.length };
  });
}
