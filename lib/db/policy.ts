import type { Policy } from '../schemas/policy';
import { readMeta, writeMeta } from './meta';
import { META, type CountersignDb } from './schema';

/** The policy in force as the server last answered it; null before a first answer (and after a sign-out). */
export async function getCachedPolicy(db: CountersignDb): Promise<Policy | null> {
  return (await readMeta<Policy>(db, META.policy)) ?? null;
}

/** Keeps the server's answer; writes only on a change, so that pages watching it re-render only then. */
export function setCachedPolicy(db: CountersignDb, policy: Policy): Promise<void> {
  return db.transaction('rw', db.meta, async () => {
    const before = await getCachedPolicy(db);
    if (before === null || JSON.stringify(before) !== JSON.stringify(policy)) await writeMeta(db, META.policy, policy);
  });
}
