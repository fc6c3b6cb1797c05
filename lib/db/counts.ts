import { OPEN_STATUSES, tierRank, type Role } from '../schemas/common';
import type { CountersignDb } from './schema';

const REVIEWER_TIER = { rep: 'rep', manager: 'manager', admin: 'admin' } as const;

/**
 * Open items in the cache that still wait for this user: not decided here already and, when `role` is given, at a
 * tier that role may decide (an agent decides nothing). This is the badge count.
 */
export async function pendingCount(db: CountersignDb, opts: { role?: Role } = {}): Promise<number> {
  if (opts.role === 'agent') return 0;
  const own = opts.role ? tierRank(REVIEWER_TIER[opts.role]) : Infinity;
  return db.suggestions
    .where('status')
    .anyOf([...OPEN_STATUSES])
    .filter((s) => !s.local && tierRank(s.tier) <= own)
    .count();
}

/** Decisions taken here that have not reached the server yet. */
export function outboxCount(db: CountersignDb): Promise<number> {
  return db.outbox.count();
}
