import { setConnection } from '../db/connection';
import type { CountersignDb } from '../db/schema';
import type { ApiFailure } from './api-failure';

/** The server answered: we are online and in sync as of `now`. */
export function recordAnswer(db: CountersignDb, now = Date.now()) {
  return setConnection(db, { state: 'online', lastSyncAt: now, error: null });
}

/** The server answered a call that is not a sync: the connection is up, and the last sync stays as it was. */
export function recordReachable(db: CountersignDb) {
  return setConnection(db, { state: 'online', error: null });
}

/** A call failed; refusals of one item say nothing about the connection and leave it as it is. */
export async function recordFailure(db: CountersignDb, failure: ApiFailure): Promise<void> {
  if (failure.kind === 'transient') await setConnection(db, { state: failure.connection, error: failure.message });
  if (failure.kind === 'unauthorized') await setConnection(db, { state: 'unauthorized', error: failure.message });
}
