import { readMeta, writeMeta } from './meta';
import { META, type CountersignDb } from './schema';

/** The audit sequence the cache is up to date with; 0 before the first sync. */
export async function getCursor(db: CountersignDb): Promise<number> {
  return (await readMeta<number>(db, META.cursor)) ?? 0;
}

export function setCursor(db: CountersignDb, cursor: number): Promise<void> {
  return writeMeta(db, META.cursor, cursor);
}
