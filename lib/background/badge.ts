import { highRiskCount } from '../db/alerts';
import type { CountersignDb } from '../db/schema';
import { getSession } from '../db/session';
import type { Role } from '../schemas/common';
import type { BackgroundBrowser } from './browser-api';

export const BADGE_COLOR = '#c62828';

/**
 * What the badge counts, from the cache: the open high-risk items this user may decide (`isHighRisk` in
 * lib/alerts/rules: risk alerts at high or urgent priority or in the explicit lane, and anything at the manager tier or
 * above). Agents and the signed out see nothing.
 */
export async function badgeCount(db: CountersignDb, role: Role | undefined): Promise<number> {
  return role === undefined || role === 'agent' ? 0 : highRiskCount(db, role);
}

const title = (n: number) => `Countersign: ${n} high-risk ${n === 1 ? 'alert' : 'alerts'}`;

/** The toolbar badge and its title, per `badgeCount`. */
export async function updateBadge(action: BackgroundBrowser['action'], db: CountersignDb): Promise<number> {
  const role = (await getSession(db))?.user.role;
  const count = await badgeCount(db, role);
  await action.setBadgeText({ text: count === 0 ? '' : count > 99 ? '99+' : String(count) });
  await action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  await action.setTitle({ title: count === 0 ? 'Countersign' : title(count) });
  return count;
}
