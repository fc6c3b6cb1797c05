import { alertLine, compareAlerts } from '../alerts/rules';
import { criticalAlerts } from '../db/alerts';
import { getNotified, setNotified } from '../db/notified';
import { getPreferences } from '../db/preferences';
import type { CountersignDb } from '../db/schema';
import { getSession } from '../db/session';
import { recordLabel } from '../text/format';
import type { BackgroundBrowser } from './browser-api';
import { NOTIFICATION_ICON } from './notify-icon';

/** Notification ids are this prefix and the suggestion's id, so a click knows which record to open. */
export const NOTIFICATION_PREFIX = 'countersign:';
/** A burst (many alerts in one pull) shows the most critical few; the badge and the popup count the rest. */
export const MAX_NOTIFICATIONS_PER_SYNC = 3;

/**
 * After a sync: a notification for each critical item (`isCritical` in lib/alerts/rules) the user may decide that was
 * not there at the previous sync, when the notifications preference is on. The first sync of a user only takes note
 * of what is there (the badge shows it), so signing in does not set off a burst. Returns the ids notified.
 */
export async function notifyNewCriticalAlerts(browser: BackgroundBrowser, db: CountersignDb): Promise<string[]> {
  const session = await getSession(db);
  if (!session) return [];
  const critical = await criticalAlerts(db, session.user.role);
  const before = await getNotified(db);
  const firstSync = before?.userId !== session.user.id;
  const known = new Set(firstSync ? [] : before.ids);
  const fresh = firstSync ? [] : critical.filter((s) => !known.has(s.id)).sort(compareAlerts);

  // Remember what is open now, and what was noted before and is still cached (decided here, waiting to sync), so
  // that an item coming back after a refused decision is not announced twice.
  const stillCached = firstSync ? [] : (await db.suggestions.bulkGet([...known])).flatMap((s) => (s ? [s.id] : []));
  await setNotified(db, { userId: session.user.id, ids: [...new Set([...stillCached, ...critical.map((s) => s.id)])] });

  const enabled = (await getPreferences(db)).notifications && !!browser.notifications;
  if (!enabled || fresh.length === 0) return [];
  const shown = fresh.slice(0, MAX_NOTIFICATIONS_PER_SYNC);
  for (const s of shown) {
    try {
      await browser.notifications.create(`${NOTIFICATION_PREFIX}${s.id}`, {
        type: 'basic',
        iconUrl: NOTIFICATION_ICON,
        title: `Critical: ${recordLabel(s.record)}`,
        message: alertLine(s),
        priority: 2,
      });
    } catch {
      // Notifications blocked by the system or the user: the badge still counts it.
    }
  }
  return shown.map((s) => s.id);
}

/** The suggestion a notification is about, or null for one that is not ours. */
export function suggestionIdOf(notificationId: string): string | null {
  return notificationId.startsWith(NOTIFICATION_PREFIX) ? notificationId.slice(NOTIFICATION_PREFIX.length) : null;
}
