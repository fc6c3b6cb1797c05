import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ApiClient } from '../../api/client';
import { DATA_PORT } from '../../bridge/protocol';
import { fakeEvent, memoryPorts, type MemoryPort } from '../../bridge/testing/memory-ports';
import { CountersignDb } from '../../db/schema';
import { setSession } from '../../db/session';
import { serverSuggestion } from '../../db/testing/server-suggestion';
import type { Reply } from '../../messages';
import type { Role } from '../../schemas/common';
import type { Suggestion } from '../../schemas/suggestion';
import type { BackgroundBrowser, MessageSender } from '../browser-api';
import { startBackground, type Background } from '../start-background';
import type { FakeHostAccess } from './fake-host-access';

let dbCount = 0;
export const freshDb = () => new CountersignDb(`bg-test-${++dbCount}`, { indexedDB: new IDBFactory(), IDBKeyRange });

const EXT = `chrome-extension://${fakeBrowser.runtime.id}`;
export const optionsPage: MessageSender = { id: fakeBrowser.runtime.id, url: `${EXT}/options.html` };
export const popupPage: MessageSender = { id: fakeBrowser.runtime.id, url: `${EXT}/popup.html` };
export const panelPage = (tabId = 7): MessageSender => ({
  id: fakeBrowser.runtime.id,
  url: `${EXT}/review-panel.html`,
  tab: { id: tabId } as never,
  frameId: 3,
});
export const contentScript = (tabId = 7): MessageSender => ({
  id: fakeBrowser.runtime.id,
  url: 'https://app.hubspot.com/contacts/2405741/record/0-3/456',
  tab: { id: tabId } as never,
  frameId: 0,
});

/**
 * Sends through the background's onMessage listener, as the browser does, and waits for its sendResponse; fails if the
 * listener did not keep the channel open for it (the browser would drop the answer).
 */
export function send<T = unknown>(msg: unknown, sender: MessageSender): Promise<Reply<T>> {
  return new Promise((resolve, reject) => {
    void fakeBrowser.runtime.onMessage.trigger(msg, sender, resolve).then((returned) => {
      if (!(returned as unknown[]).includes(true)) reject(new Error('the listener did not keep the channel open'));
    });
  });
}

/** An API client whose procedures are the given functions; anything else fails as a network that is down does. */
export function fakeApi(procs: Record<string, (input?: unknown) => unknown>): ApiClient {
  const down = () => Promise.reject(Object.assign(new TypeError('fetch failed'), { data: undefined }));
  const call = (path: string) => (input?: unknown) =>
    procs[path] ? Promise.resolve().then(() => procs[path]!(input)) : down();
  return new Proxy({} as ApiClient, {
    get: (_t, group: string) =>
      new Proxy(
        {},
        { get: (_g, proc: string) => ({ query: call(`${group}.${proc}`), mutate: call(`${group}.${proc}`) }) },
      ),
  });
}

// WXT's fake browser has no runtime.onConnect: the test backgrounds get this one, and `connectPage` triggers it.
let onConnect = fakeEvent<[MemoryPort]>();
let onCommand = fakeEvent<[string, { id?: number } | undefined]>();

/** The user presses the manifest command's shortcut (`command`) with `tab` in front. */
export const pressCommand = (command: string, tab?: { id?: number }) => onCommand.trigger(command, tab);

/** A background over `db`; with `access`, the browser's host permissions and content scripts are those fakes. */
export function startTestBackground(
  db: CountersignDb,
  api: ApiClient = fakeApi({}),
  access?: FakeHostAccess,
): Background {
  fakeBrowser.reset();
  access?.install();
  onConnect = fakeEvent<[MemoryPort]>();
  (fakeBrowser.runtime as { onConnect: unknown }).onConnect = onConnect;
  // WXT's fake browser has no commands.onCommand.
  onCommand = fakeEvent<[string, { id?: number } | undefined]>();
  (fakeBrowser.commands as { onCommand: unknown }).onCommand = onCommand;
  return startBackground({ browser: fakeBrowser as unknown as BackgroundBrowser, db, createApi: () => api });
}

/** Opens a port to the test background as `sender` would; returns both ends. */
export function connectPage(sender: MessageSender, name = DATA_PORT): { page: MemoryPort; background: MemoryPort } {
  const ends = memoryPorts(name, sender);
  onConnect.trigger(ends.background);
  return ends;
}

/** Closes the page's end of a port and waits until the background has heard it. */
export function disconnectPage({ page, background }: { page: MemoryPort; background: MemoryPort }): Promise<void> {
  return new Promise((resolve) => {
    background.onDisconnect.addListener(resolve);
    page.disconnect();
  });
}

export const signInAs = (db: CountersignDb, role: Role, id = `u-${role}`) =>
  setSession(db, {
    serverUrl: 'http://localhost:8787',
    token: `token-of-${id}`,
    user: { id, name: role === 'manager' ? 'Maya' : 'Dana', role, team: 'west' },
  });

/** A pending suggestion on demo deal `deal-<id>`, as the server sends it. */
export const suggestion = (id: string, over: Partial<Suggestion> = {}): Suggestion =>
  serverSuggestion(id, {
    record: { crm: 'demo', objectType: 'deal', id: `deal-${id}`, name: `Deal ${id}` },
    changeSet: { changes: [] },
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-01T09:00:00.000Z',
    ...over,
  });
