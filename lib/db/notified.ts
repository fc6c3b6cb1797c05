import { readMeta, writeMeta } from './meta';
import type { CountersignDb } from './schema';

/** Kept beside the session's META keys; not in META itself, which belongs to the cache's own schema. */
const NOTIFIED_KEY = 'notified-alerts';

/** Which critical items the user has already been told about, and for which user. */
export interface NotifiedAlerts {
  userId: string;
  ids: string[];
}

export function getNotified(db: CountersignDb): Promise<NotifiedAlerts | undefined> {
  return readMeta<NotifiedAlerts>(db, NOTIFIED_KEY);
}

export function setNotified(db: CountersignDb, value: NotifiedAlerts): Promise<void> {
  return writeMeta(db, NOTIFIED_KEY, value);
}
