import type { CountersignDb } from './schema';

/** The reviewer has read the notice: it goes, and a closed item with it leaves the panel once no longer recent. */
export async function dismissNotice(db: CountersignDb, suggestionId: string): Promise<void> {
  await db.transaction('rw', db.suggestions, async () => {
    const s = await db.suggestions.get(suggestionId);
    if (!s?.notice) return;
    const { notice: _n, ...rest } = s;
    await db.suggestions.put(rest);
  });
}
