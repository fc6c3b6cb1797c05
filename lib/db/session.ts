import { readMeta, writeMeta } from './meta';
import { META, type CountersignDb, type Session } from './schema';

/**
 * The signed-in user and their token. It lives in this database, in the extension's origin: chrome.storage.local
 * would be readable by content scripts, which run next to the CRM's own scripts.
 */
export function getSession(db: CountersignDb): Promise<Session | undefined> {
  return readMeta<Session>(db, META.session);
}

/**
 * Stores the session. Signing in as someone else, or on another server, first empties the cache, the outbox, the
 * cursor and the policy read, so that one user's queue is never shown to another and their decisions are never sent
 * as another's.
 */
export function setSession(db: CountersignDb, session: Session): Promise<{ cleared: boolean }> {
  return db.transaction('rw', db.suggestions, db.outbox, db.meta, async () => {
    const before = await getSession(db);
    const cleared =
      before !== undefined && (before.serverUrl !== session.serverUrl || before.user.id !== session.user.id);
    if (cleared) await clearUserData(db);
    await writeMeta(db, META.session, session);
    return { cleared };
  });
}

/**
 * Signs out here: the session, the cached queue, the outbox, the cursor and the policy go together, in one
 * transaction.
 */
export function clearSession(db: CountersignDb): Promise<void> {
  return db.transaction('rw', db.suggestions, db.outbox, db.meta, async () => {
    await clearUserData(db);
    await db.meta.delete(META.session);
    await writeMeta(db, META.connection, { state: 'signed_out', lastSyncAt: null, error: null });
  });
}

async function clearUserData(db: CountersignDb): Promise<void> {
  await db.suggestions.clear();
  await db.outbox.clear();
  await db.meta.delete(META.cursor);
  await db.meta.delete(META.policy);
}

/**
 * Runs `write` in one transaction over the whole database if the session's token is still `token`: work started
 * for one user (a pull, a flush) must not write into the cache after a sign-out or a switch to another user.
 */
export function asSessionOwner<T>(db: CountersignDb, token: string | undefined, write: () => Promise<T>) {
  return db.transaction('rw', db.suggestions, db.outbox, db.meta, async (): Promise<T | null> =>
    (await getSession(db))?.token === token ? write() : null,
  );
}
