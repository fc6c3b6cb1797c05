import { createApiClient } from '../api/client';
import { openDb } from '../db/open-db';
import type { CountersignDb } from '../db/schema';
import { ensureSyncAlarm, SYNC_ALARM } from './alarms';
import { updateBadge } from './badge';
import type { BackgroundBrowser } from './browser-api';
import { createExtraHosts, type ExtraHosts } from './extra-hosts';
import { flushOnReconnect } from './flush-on-reconnect';
import { focusPanel } from './focus-panel';
import { KeyGrants } from './key-grants';
import { LiveWatchers } from './live-watchers';
import { createMessageRouter, type Route } from './message-router';
import { notifyNewCriticalAlerts, suggestionIdOf } from './notify';
import { acceptDataPorts } from './page-data';
import { openRecord } from './record-open';
import { createSyncEngine, type CreateApi, type SyncEngine } from './sync-engine';
import { followNavigation, TabRecords } from './tab-records';

export interface BackgroundOptions {
  browser: BackgroundBrowser;
  db?: CountersignDb;
  createApi?: CreateApi;
  now?: () => number;
  /** The worker's global scope, for its `online` event (the device's connection is back). */
  scope?: { addEventListener(type: 'online', listener: () => void): void };
}

export interface Background {
  db: CountersignDb;
  engine: SyncEngine;
  route: Route;
  watchers: LiveWatchers;
  tabs: TabRecords;
  extraHosts: ExtraHosts;
}

/** An extension API call every so often keeps Chrome from stopping the worker, and its live stream, while watched. */
const KEEP_ALIVE_MS = 20_000;

/**
 * Wires the background: message router, the pages' data ports (which double as live-update watchers), alarm, badge.
 * Every listener is added synchronously, before the first await, as MV3 requires for events that wake a stopped
 * service worker.
 */
export function startBackground(opts: BackgroundOptions): Background {
  const { browser } = opts;
  const db = opts.db ?? openDb();
  const createApi = opts.createApi ?? ((url: string, token: string) => createApiClient(url, token));
  // After every sync: the badge follows the cache, and new critical alerts are announced.
  const afterSync = async () => {
    await updateBadge(browser.action, db).catch(() => 0);
    await notifyNewCriticalAlerts(browser, db).catch(() => []);
  };
  const engine = createSyncEngine({ db, createApi, onSynced: afterSync, now: opts.now });
  const tabs = new TabRecords(browser.storage?.session);
  // Sync failures land in the connection state; what reaches here is unexpected (the database itself failing).
  const background = (work: Promise<unknown>) => void work.catch((err) => console.error('Countersign:', err));

  let keepAlive: ReturnType<typeof setInterval> | undefined;
  const watchers = new LiveWatchers((watching) => {
    clearInterval(keepAlive);
    if (watching) {
      keepAlive = setInterval(() => stayAwake(browser), KEEP_ALIVE_MS);
      background(engine.sync()); // a panel opened: catch up now rather than at the next alarm
    }
    background(engine.setWatching(watching));
  });
  const extraHosts = createExtraHosts(browser, db);
  const grants = new KeyGrants(browser.storage?.session);
  const route = createMessageRouter({ browser, db, engine, tabs, grants, createApi, extraHosts });

  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    void route(raw, sender).then(sendResponse);
    return true;
  });
  browser.runtime.onConnect.addListener(acceptDataPorts({ browser, db, watchers }));
  browser.tabs.onRemoved.addListener((tabId) => {
    background(tabs.forget(tabId));
    watchers.forgetTab(tabId);
  });
  // A tab that leaves its record's page must not keep handing that record to a panel frame.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url) background(followNavigation(browser.tabs, tabs, tabId, change.url));
  });
  // Decisions taken offline go as soon as the connection is back, not at the next alarm.
  opts.scope?.addEventListener('online', () => background(engine.sync({ ignoreBackoff: true })));
  flushOnReconnect(db, engine);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) background(engine.sync());
  });
  // The content script registered for added hosts does not survive an update (Chrome clears such registrations):
  // an install or update registers it again, and a browser start checks it against the hosts and grants of now.
  const started = () => {
    background(engine.sync({ ignoreBackoff: true }));
    background(extraHosts.sync());
  };
  browser.runtime.onStartup.addListener(started);
  browser.runtime.onInstalled.addListener(started);
  listen(browser.notifications?.onClicked, (notificationId: string) => {
    const id = suggestionIdOf(notificationId);
    if (!id) return;
    background(browser.notifications.clear(notificationId));
    background(db.suggestions.get(id).then((s) => (s ? openRecord(browser, db, tabs, s.record) : null)));
  });
  listen(browser.commands?.onCommand, (command: string, tab?: { id?: number }) => {
    background(focusPanel({ browser, db, tabs, grants }, command, tab?.id));
  });
  // Access granted or taken back (on the options page, or in the browser's own settings): the content script follows.
  const hostsChanged = () => background(extraHosts.sync());
  listen(browser.permissions?.onAdded, hostsChanged);
  listen(browser.permissions?.onRemoved, hostsChanged);
  background(ensureSyncAlarm(browser.alarms));

  return { db, engine, route, watchers, tabs, extraHosts };
}

/** Adds a listener to an event this browser may not have (a permission the manifest lacks, an older browser). */
function listen<A extends unknown[]>(
  event: { addListener(cb: (...args: A) => void): void } | undefined,
  listener: (...args: A) => void,
): void {
  try {
    event?.addListener(listener);
  } catch {
    // Not available here: the feature it serves stays off.
  }
}

function stayAwake(browser: BackgroundBrowser): void {
  try {
    void browser.runtime.getPlatformInfo().catch(() => {});
  } catch {
    // Not available here: the worker may sleep, and live updates resume at the next alarm or message.
  }
}
