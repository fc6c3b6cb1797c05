import { readMeta, writeMeta } from './meta';
import { META, type CountersignDb, type Preferences } from './schema';

export const DEFAULT_PREFERENCES: Preferences = { panelCollapsed: false, notifications: true };

export async function getPreferences(db: CountersignDb): Promise<Preferences> {
  return { ...DEFAULT_PREFERENCES, ...(await readMeta<Partial<Preferences>>(db, META.preferences)) };
}

export function setPreferences(db: CountersignDb, patch: Partial<Preferences>): Promise<Preferences> {
  return db.transaction('rw', db.meta, async () => {
    const next = { ...(await getPreferences(db)), ...patch };
    await writeMeta(db, META.preferences, next);
    return next;
  });
}
