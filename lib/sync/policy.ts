import type { ApiClient } from '../api/client';
import { setCachedPolicy } from '../db/policy';
import type { CountersignDb } from '../db/schema';
import { asSessionOwner, getSession } from '../db/session';
import { coalesced } from './one-at-a-time';

/**
 * Reads the policy in force into the cache, where every open panel measures risk against it. Best effort: when the
 * server cannot answer or refuses, the last answer stays (the connection state says what went wrong). An answer for
 * a session that ended meanwhile is not kept. Calls while one runs (a sync and a live event at once, a burst of
 * kill switches) share the next one.
 */
export function refreshPolicy(db: CountersignDb, api: ApiClient): Promise<boolean> {
  return coalesced(db, 'policy', () => readPolicy(db, api));
}

async function readPolicy(db: CountersignDb, api: ApiClient): Promise<boolean> {
  const owner = (await getSession(db))?.token;
  try {
    const { policy } = await api.policy.get.query();
    const kept = await asSessionOwner(db, owner, async () => {
      await setCachedPolicy(db, policy);
      return true;
    });
    return kept === true;
  } catch {
    return false;
  }
}
