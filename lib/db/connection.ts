import { readMeta, writeMeta } from './meta';
import { META, type ConnectionState, type CountersignDb } from './schema';

const SIGNED_OUT: ConnectionState = { state: 'signed_out', lastSyncAt: null, error: null };

export async function getConnection(db: CountersignDb): Promise<ConnectionState> {
  return (await readMeta<ConnectionState>(db, META.connection)) ?? SIGNED_OUT;
}

/** Merges `patch` into the stored state; writes only on a change, so pages watching it re-render only then. */
export function setConnection(db: CountersignDb, patch: Partial<ConnectionState>): Promise<ConnectionState> {
  return db.transaction('rw', db.meta, async () => {
    const before = await getConnection(db);
    const after = { ...before, ...patch };
    if (after.state !== before.state || after.error !== before.error || after.lastSyncAt !== before.lastSyncAt) {
      await writeMeta(db, META.connection, after);
    }
    return after;
  });
}
