import type { BackgroundBrowser } from './browser-api';

export const SYNC_ALARM = 'countersign.sync';

/** Pull and flush every minute, even with no panel open; the alarm outlives service worker restarts. */
export async function ensureSyncAlarm(alarms: BackgroundBrowser['alarms']): Promise<void> {
  if (!(await alarms.get(SYNC_ALARM))) await alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
}
