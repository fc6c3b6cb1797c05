import { compareAlerts, isAlertItem, isCritical, isHighRisk } from '../alerts/rules';
import { mayDecide } from '../policy/may-decide';
import { isWaiting } from '../bridge/values';
import { isOpen, OPEN_STATUSES, type Role } from '../schemas/common';
import type { CachedSuggestion, CountersignDb } from './schema';

// The cache's queries by the alert rules (lib/alerts/rules.ts).

/** The badge count for managers and admins: open high-risk items they may decide. */
export async function highRiskCount(db: CountersignDb, role: Role): Promise<number> {
  return db.suggestions
    .where('status')
    .anyOf([...OPEN_STATUSES])
    .filter((s) => isWaiting(s) && isHighRisk(s) && mayDecide(role, s.tier))
    .count();
}

/** Open critical items the user may decide, for notifications. */
export function criticalAlerts(db: CountersignDb, role: Role): Promise<CachedSuggestion[]> {
  return db.suggestions
    .where('status')
    .anyOf([...OPEN_STATUSES])
    .filter((s) => isWaiting(s) && isCritical(s) && mayDecide(role, s.tier))
    .toArray();
}

/**
 * The popup's list, in order: open alert items (including those decided here and waiting to sync), and closed ones
 * that still carry a notice about a decision taken here, until it is read.
 */
export async function alertList(db: CountersignDb): Promise<CachedSuggestion[]> {
  const rows = await db.suggestions.filter((s) => isAlertItem(s) && (isOpen(s.status) || !!s.notice)).toArray();
  return rows.sort(compareAlerts);
}
