import { liveQuery, type Subscription } from 'dexie';
import { DATA_PORT, pageMessage, type BackgroundMessage } from '../bridge/protocol';
import type { CountersignDb } from '../db/schema';
import type { BackgroundBrowser, MessageSender } from './browser-api';
import type { LiveWatchers } from './live-watchers';
import { runQuery } from './page-queries';
import { senderKind } from './sender';

/** The background's end of a page's data port: what is used of `Browser.runtime.Port`. */
export interface DataPort {
  name: string;
  sender?: MessageSender;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2_000);

/**
 * Answers one page's subscriptions for as long as its port stays connected: each query runs in Dexie's `liveQuery`,
 * and its answer is posted now and after every change to what it read. A subscription ends when the page
 * unsubscribes or the port disconnects (a frame removed without warning, a closed popup). Messages that do not
 * follow the protocol are ignored.
 */
export function servePageData(db: CountersignDb, port: DataPort): void {
  const running = new Map<number, Subscription>();
  let open = true;

  const stop = (id: number) => {
    running.get(id)?.unsubscribe();
    running.delete(id);
  };
  const close = () => {
    open = false;
    for (const id of [...running.keys()]) stop(id);
  };
  const post = (message: BackgroundMessage) => {
    if (!open) return;
    try {
      port.postMessage(message);
    } catch {
      close(); // the page went away before its disconnection reached us
    }
  };

  port.onMessage.addListener((raw) => {
    const parsed = pageMessage.safeParse(raw);
    if (!parsed.success || !open) return;
    const message = parsed.data;
    stop(message.id);
    if (message.type === 'unsubscribe') return;
    const { id, query } = message;
    const subscription = liveQuery(() => runQuery(db, query)).subscribe({
      next: (value) => post({ type: 'data', id, value }),
      error: (err) => post({ type: 'error', id, error: messageOf(err) }),
    });
    running.set(id, subscription);
  });
  port.onDisconnect.addListener(close);
}

export interface PageDataDeps {
  browser: BackgroundBrowser;
  db: CountersignDb;
  watchers: LiveWatchers;
}

/**
 * The background's `runtime.onConnect` listener. It accepts a data port only from this extension's own pages (the
 * sender rule of the message router: never a content script, never another extension) and serves it. A connected
 * port is also an open page that wants the cache live, so it counts as a live watcher until it disconnects.
 */
export function acceptDataPorts({ browser, db, watchers }: PageDataDeps): (port: DataPort) => void {
  let accepted = 0;
  return (port) => {
    if (port.name !== DATA_PORT || !port.sender || senderKind(browser, port.sender) !== 'extension_page') {
      port.disconnect();
      return;
    }
    const key = `port:${++accepted}`;
    watchers.set(key, true, port.sender.tab?.id);
    port.onDisconnect.addListener(() => watchers.set(key, false));
    servePageData(db, port);
  };
}
