import { pendingCount } from '../db/counts';
import type { CountersignDb } from '../db/schema';
import { getSession } from '../db/session';
import type { BackgroundBrowser } from './browser-api';

export const BADGE_COLOR = '#c62828';

/** The toolbar badge: how many open items wait for the signed-in user, from the cache. */
export async function updateBadge(action: BackgroundBrowser['action'], db: CountersignDb): Promise<number> {
  const session = await getSession(db);
  const count = session ? await pendingCount(db, { role: session.user.role }) : 0;
  await action.setBadgeText({ text: count === 0 ? '' : count > 99 ? '99+' : String(count) });
  await action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  await action.setTitle({ title: count === 0 ? 'Countersign' : `Countersign: ${count} waiting for you` });
  return count;
}
