import { highRiskCount } from '../db/alerts';
import { pendingCount } from '../db/counts';
import type { CountersignDb } from '../db/schema';
import { getSession } from '../db/session';
import type { Role } from '../schemas/common';
import type { BackgroundBrowser } from './browser-api';

export const BADGE_COLOR = '#c62828';

/**
 * What the badge counts for this user, from the cache:
 * - managers and admins, whose toolbar popup is the risk-alert list: open high-risk items they may decide
 *   (`isHighRisk` in lib/alerts/rules: risk alerts at high or urgent priority or in the explicit lane, and anything at
 *   the manager tier or above);
 * - reps, whose work is their review queue on the records: every open item waiting for them;
 * - agents and the signed out: nothing.
 */
export async function badgeCount(db: CountersignDb, role: Role | undefined): Promise<number> {
  if (role === 'manager' || role === 'admin') return highRiskCount(db, role);
  if (role === 'rep') return pendingCount(db, { role });
  return 0;
}

const TITLES: Record<'alerts' | 'queue', (n: number) => string> = {
  alerts: (n) => `Countersign: ${n} high-risk ${n === 1 ? 'alert' : 'alerts'}`,
  queue: (n) => `Countersign: ${n} waiting for you`,
};

/** The toolbar badge and its title, per `badgeCount`. */
export async function updateBadge(action: BackgroundBrowser['action'], db: CountersignDb): Promise<number> {
  const role = (await getSession(db))?.user.role;
  const count = await badgeCount(db, role);
  await action.setBadgeText({ text: count === 0 ? '' : count > 99 ? '99+' : String(count) });
  await action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  const kind = role === 'manager' || role === 'admin' ? 'alerts' : 'queue';
  await action.setTitle({ title: count === 0 ? 'Countersign' : TITLES[kind](count) });
  return count;
}
