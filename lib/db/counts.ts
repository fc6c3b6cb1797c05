import { mayDecide } from '../policy/may-decide';
import { OPEN_STATUSES, type Role } from '../schemas/common';
import type { CountersignDb } from './schema';

/**
 * Open items in the cache that still wait for this user: not decided here already and, when `role` is given, at a
 * tier that role may decide (an agent decides nothing).
 */
export async function pendingCount(db: CountersignDb, opts: { role?: Role } = {}): Promise<number> {
  const { role } = opts;
  return db.suggestions
    .where('status')
    .anyOf([...OPEN_STATUSES])
    .filter((s) => !s.local && (role === undefined || mayDecide(role, s.tier)))
    .count();
}

/** Decisions taken here that have not reached the server yet. */
export function outboxCount(db: CountersignDb): Promise<number> {
  return db.outbox.count();
}
