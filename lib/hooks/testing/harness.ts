import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createApiClient } from '../../api/client';
import type { BackgroundBrowser } from '../../background/browser-api';
import { fakeApi } from '../../background/testing/harness';
import { createExtraHosts } from '../../background/extra-hosts';
import { createMessageRouter } from '../../background/message-router';
import type { SyncEngine } from '../../background/sync-engine';
import { KeyGrants } from '../../background/key-grants';
import { TabRecords } from '../../background/tab-records';
import { getConnection } from '../../db/connection';
import { CountersignDb, META, type ConnectionState, type OutboxEntry } from '../../db/schema';
import type { Message, RecordInView } from '../../messages';
import { DEFAULT_POLICY } from '../../schemas/policy';
import type { User } from '../../schemas/user';
import { resetPanelUi } from '../../stores/panel-ui';
import type { CachedSuggestion } from '../types';
import { connectPagesTo, PAGES, PANEL_TAB } from './page-ports';

let dbCounter = 0;

/** A database of its own for each test (fake-indexeddb, from the test setup). */
export function freshDb(): CountersignDb {
  dbCounter += 1;
  return new CountersignDb(`countersign-test-${dbCounter}-${Math.random().toString(36).slice(2)}`);
}

const CRM_URL = 'https://app.hubspot.com/contacts/2405741/record/0-3/456';

export interface TestBackground {
  /** The background's database: tests seed it as the sync engine would, and read what the page wrote through it. */
  db: CountersignDb;
  /** Every runtime message the page sent, in order. */
  sent: Message[];
  /** How many times the background flushed the outbox (the server is not part of these tests). */
  readonly flushes: number;
  /** Whether an open page keeps the background's live updates on. */
  readonly watching: boolean;
  /** Changes the record the background reports for the panel's tab. */
  setRecord(record: RecordInView | null): void;
}

export interface TestBackgroundOptions {
  /** What the panel's tab shows; the HubSpot deal 456 unless told otherwise. */
  record?: RecordInView | null;
  /** The database to serve, to reopen a page on what an earlier one left; a fresh one by default. */
  db?: CountersignDb;
  /** The page under test, as the background sees its sender; the review panel by default. */
  page?: keyof typeof PAGES;
  /** Who is signed in: the rep `REP` unless told otherwise; null for no session. */
  user?: User | null;
  /**
   * A real server (see `openHttpEnv`) and the token of the signed-in `user`: the background then calls it with the
   * extension's own tRPC client, as in use. Without it, the background's one call for the panel and the popup,
   * `policy.get`, answers the default policy, and any other call fails as when the server cannot be reached.
   */
  server?: ServerSession;
}

/** A real server's address and a token it issued. */
export interface ServerSession {
  url: string;
  token: string;
}

const DEFAULT_STORED_POLICY = { policy: DEFAULT_POLICY, version: 0, updatedAt: null, updatedBy: null };

/** The signed-in user of the page tests unless they say otherwise: a rep, Dana. */
export const REP: User = { id: 'u-dana', name: 'Dana', role: 'rep', team: 'west' };

/** Signs `user` in, as the options page's sign-in leaves the background's session: to `server` when given. */
export async function signIn(
  db: CountersignDb,
  user: User,
  server: ServerSession = { url: 'http://localhost:8787', token: 't' },
): Promise<void> {
  await db.meta.put({ key: META.session, value: { serverUrl: server.url, token: server.token, user } });
}

/**
 * The background for a page under test: its real message router and data port handler over a fake-indexeddb
 * database, with a sync engine that only counts flushes, so the page's reads run the real queries and its writes the
 * real `decideLocally`, through the real protocol and its schemas.
 */
export function testBackground(opts: TestBackgroundOptions = {}): TestBackground {
  fakeBrowser.reset();
  resetPanelUi();
  const db = opts.db ?? freshDb();
  const page = PAGES[opts.page ?? 'panel'];
  const ports = connectPagesTo(db, page);
  let flushes = 0;
  const engine: SyncEngine = {
    sync: () => getConnection(db),
    flush: async () => {
      flushes += 1;
      return null;
    },
    setWatching: async () => {},
    sessionChanged: async () => {},
  };
  const tabs = new TabRecords();
  const route = createMessageRouter({
    browser: fakeBrowser as unknown as BackgroundBrowser,
    db,
    engine,
    tabs,
    grants: new KeyGrants(),
    createApi: opts.server
      ? (serverUrl, token) => createApiClient(serverUrl, token)
      : () => fakeApi({ 'policy.get': () => DEFAULT_STORED_POLICY }),
    extraHosts: createExtraHosts(fakeBrowser as unknown as BackgroundBrowser, db),
  });
  const sent: Message[] = [];
  fakeBrowser.runtime.onMessage.addListener(
    (message: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
      const m = message as Message;
      if (m.type === 'tab.record') return undefined; // here only the echo of a test's broadcast to the page
      sent.push(m);
      // Copied as extension messaging serializes it, and sent as the page: the fake browser names no sender.
      void route(JSON.parse(JSON.stringify(message)), page).then(sendResponse);
      return true;
    },
  );
  const user = opts.user === undefined ? REP : opts.user;
  if (user) void signIn(db, user, opts.server);
  const setRecord = (record: RecordInView | null) => void tabs.set(PANEL_TAB, record, CRM_URL);
  setRecord(opts.record === undefined ? { crm: 'hubspot', objectType: 'deal', id: '456' } : opts.record);
  return {
    db,
    sent,
    setRecord,
    get flushes() {
      return flushes;
    },
    get watching() {
      return ports.watching();
    },
  };
}

export async function seed(db: CountersignDb, ...items: CachedSuggestion[]): Promise<void> {
  await db.suggestions.bulkPut(items);
}

export async function setConnectionState(db: CountersignDb, state: ConnectionState['state']): Promise<void> {
  await db.meta.put({ key: META.connection, value: { state, lastSyncAt: null, error: null } });
}

export async function outbox(db: CountersignDb): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('seq').toArray();
}
