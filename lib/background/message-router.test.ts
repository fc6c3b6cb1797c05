import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/client';
import { decideLocally } from '../db/local-decisions';
import { getPreferences } from '../db/preferences';
import { CountersignDb } from '../db/schema';
import { getSession, setSession } from '../db/session';
import { upsertFromServer } from '../db/upsert-from-server';
import { LIVE_PORT, type Reply } from '../messages';
import type { Suggestion } from '../schemas/suggestion';
import { SYNC_ALARM } from './alarms';
import type { BackgroundBrowser, MessageSender } from './browser-api';
import { startBackground, type Background } from './start-background';
import { TabRecords } from './tab-records';

let dbCount = 0;
const freshDb = () => new CountersignDb(`router-test-${++dbCount}`, { indexedDB: new IDBFactory(), IDBKeyRange });

const EXT_ID = 'test-extension-id';
const CRM_URL = 'https://app.hubspot.com/contacts/2405741/record/0-3/456';
const DEAL = { crm: 'hubspot', objectType: 'deal', id: '456' };

const contentScript = (tabId = 7): MessageSender => ({
  id: EXT_ID,
  url: CRM_URL,
  tab: { id: tabId } as never,
  frameId: 0,
});
const panel = (tabId = 7): MessageSender => ({
  id: EXT_ID,
  url: `chrome-extension://${EXT_ID}/review-panel.html`,
  tab: { id: tabId } as never,
  frameId: 3,
});
const popup: MessageSender = { id: EXT_ID, url: `chrome-extension://${EXT_ID}/popup.html` };

/** Sends through the registered onMessage listener, as the browser does, and waits for its sendResponse. */
function send(msg: unknown, sender: MessageSender): Promise<Reply> {
  return new Promise((resolve, reject) => {
    void fakeBrowser.runtime.onMessage.trigger(msg, sender, resolve).then((returned) => {
      if (!(returned as unknown[]).includes(true)) reject(new Error('the listener did not keep the channel open'));
    });
  });
}

/** A minimal event, for the APIs WXT's fake browser leaves unimplemented (runtime.onConnect, Port.onDisconnect). */
function fakeEvent<A extends unknown[]>() {
  const listeners = new Set<(...args: A) => void>();
  return {
    addListener: (l: (...args: A) => void) => void listeners.add(l),
    removeListener: (l: (...args: A) => void) => void listeners.delete(l),
    trigger: (...args: A) => listeners.forEach((l) => l(...args)),
  };
}

function fakePort(name: string, sender: MessageSender) {
  return { name, sender, disconnect: vi.fn(), onDisconnect: fakeEvent<[]>(), onMessage: fakeEvent<[unknown]>() };
}

/** An API whose every call fails as a network that is down does. */
const offlineApi = (): ApiClient => {
  const fail = () => Promise.reject(Object.assign(new TypeError('fetch failed'), { data: undefined }));
  const proc = { query: fail, mutate: fail };
  return { suggestions: { changes: proc, decide: proc, get: proc }, users: { me: proc } } as unknown as ApiClient;
};

const suggestion = (id: string, over: Partial<Suggestion> = {}): Suggestion => ({
  id,
  type: 'stage_change',
  record: { crm: 'hubspot', objectType: 'deal', id: '456' },
  changeSet: { changes: [] },
  reasons: [],
  context: {},
  confidence: 0.8,
  impact: { customerFacing: false, reversible: true },
  proposedBy: { id: 'agent', name: 'Bot', role: 'agent' },
  priority: 'normal',
  assignee: null,
  lane: 'review',
  tier: 'rep',
  routingReason: { rule: 'r', detail: 'd' },
  status: 'pending',
  version: 1,
  expiresAt: null,
  timeoutAction: 'reject',
  condition: null,
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
  ...over,
});

const signInLocally = (db: CountersignDb) =>
  setSession(db, {
    serverUrl: 'http://127.0.0.1:1',
    token: 'token-of-dana',
    user: { id: 'u-dana', name: 'Dana', role: 'rep', team: 'west' },
  });

describe('background message router', () => {
  let db: CountersignDb;
  let bg: Background;
  let onConnect: ReturnType<typeof fakeEvent<[ReturnType<typeof fakePort>]>>;

  beforeEach(() => {
    fakeBrowser.reset();
    onConnect = fakeEvent();
    (fakeBrowser.runtime as { onConnect: unknown }).onConnect = onConnect;
    db = freshDb();
    bg = startBackground({ browser: fakeBrowser as unknown as BackgroundBrowser, db, createApi: offlineApi });
  });

  it('rejects anything that is not a message of the schema', async () => {
    for (const raw of [null, 'sync.now', {}, { type: 'nope' }, { type: 'panel.layout' }, { type: 'tab.record' }]) {
      expect(await send(raw, popup)).toEqual({ ok: false, error: expect.any(String) });
    }
    const short = { type: 'auth.signIn', serverUrl: 'http://localhost:8787', token: 'x' };
    expect((await send(short, popup)).ok).toBe(false);
  });

  it('gives a content script nothing but the right to say which record its tab shows', async () => {
    const cs = contentScript();
    for (const type of ['panel.record', 'auth.status', 'sync.now', 'outbox.flush', 'auth.signOut']) {
      expect(await send({ type }, cs)).toEqual({ ok: false, error: `${type} is not accepted from this sender` });
    }
    expect((await send({ type: 'live.watch', on: true }, cs)).ok).toBe(false);
    expect((await send({ type: 'panel.layout', collapsed: true }, cs)).ok).toBe(false);
    const signIn = { type: 'auth.signIn', serverUrl: 'http://localhost:8787', token: 'a-long-enough-token' };
    expect((await send(signIn, cs)).ok).toBe(false);
    expect(await send({ type: 'tab.record', record: DEAL }, cs)).toEqual({ ok: true, data: null });
  });

  it('answers extension pages, and refuses them the content script message', async () => {
    await send({ type: 'tab.record', record: DEAL }, contentScript());
    expect(await send({ type: 'panel.record' }, panel())).toEqual({ ok: true, data: DEAL });
    expect(await send({ type: 'panel.record' }, panel(8))).toEqual({ ok: true, data: null });
    expect(await send({ type: 'auth.status' }, popup)).toMatchObject({
      ok: true,
      data: { user: null, serverUrl: null, outbox: 0, pending: 0, connection: { state: 'signed_out' } },
    });
    expect(await send({ type: 'sync.now' }, panel())).toMatchObject({ ok: true, data: { state: 'signed_out' } });
    expect((await send({ type: 'tab.record', record: null }, panel())).ok).toBe(false);
  });

  it('refuses senders that are not this extension, or frames below the top of a CRM page', async () => {
    expect((await send({ type: 'auth.status' }, { ...popup, id: 'another-extension' })).ok).toBe(false);
    expect((await send({ type: 'auth.status' }, { id: EXT_ID })).ok).toBe(false);
    expect((await send({ type: 'tab.record', record: DEAL }, { ...contentScript(), frameId: 2 })).ok).toBe(false);
  });

  it('keeps the record per tab, across a worker restart, and forgets it with the tab', async () => {
    await send({ type: 'tab.record', record: DEAL }, contentScript(7));
    await send({ type: 'tab.record', record: { ...DEAL, id: '789' } }, contentScript(9));
    expect(await send({ type: 'panel.record' }, panel(7))).toMatchObject({ data: { id: '456' } });
    expect(await send({ type: 'panel.record' }, panel(9))).toMatchObject({ data: { id: '789' } });

    const afterRestart = new TabRecords(fakeBrowser.storage.session as never);
    expect(await afterRestart.get(9)).toEqual({ ...DEAL, id: '789' });

    await send({ type: 'tab.record', record: null }, contentScript(9));
    expect(await send({ type: 'panel.record' }, panel(9))).toEqual({ ok: true, data: null });
    await fakeBrowser.tabs.onRemoved.trigger(7, { isWindowClosing: false, windowId: 1 });
    expect(await send({ type: 'panel.record' }, panel(7))).toEqual({ ok: true, data: null });
    expect(await new TabRecords(fakeBrowser.storage.session as never).get(7)).toBeNull();
  });

  it('relays the panel layout to its tab’s top frame and remembers it', async () => {
    const sendMessage = vi.fn(async () => undefined);
    fakeBrowser.tabs.sendMessage = sendMessage as never;
    expect(await send({ type: 'panel.layout', collapsed: true }, panel(7))).toEqual({
      ok: true,
      data: { collapsed: true },
    });
    expect(sendMessage).toHaveBeenCalledWith(7, { type: 'panel.layout', collapsed: true }, { frameId: 0 });
    expect((await getPreferences(db)).panelCollapsed).toBe(true);

    // A content script reporting a record is told the remembered state, since it cannot read it itself.
    sendMessage.mockClear();
    await send({ type: 'tab.record', record: DEAL }, contentScript(11));
    expect(sendMessage).toHaveBeenCalledWith(11, { type: 'panel.layout', collapsed: true }, { frameId: 0 });
  });

  it('counts live watchers per page and forgets a closed tab’s', async () => {
    expect(await send({ type: 'live.watch', on: true }, panel(7))).toEqual({ ok: true, data: { watchers: 1 } });
    expect(await send({ type: 'live.watch', on: true }, panel(7))).toEqual({ ok: true, data: { watchers: 1 } });
    expect(await send({ type: 'live.watch', on: true }, popup)).toEqual({ ok: true, data: { watchers: 2 } });
    expect(await send({ type: 'live.watch', on: false }, popup)).toEqual({ ok: true, data: { watchers: 1 } });
    await fakeBrowser.tabs.onRemoved.trigger(7, { isWindowClosing: false, windowId: 1 });
    expect(bg.watchers.count).toBe(0);
  });

  it('counts a live port while it stays connected, and only from an extension page', async () => {
    const port = fakePort(LIVE_PORT, panel(7));
    onConnect.trigger(port);
    expect(bg.watchers.count).toBe(1);
    port.onDisconnect.trigger();
    expect(bg.watchers.count).toBe(0);

    const intruder = fakePort(LIVE_PORT, contentScript(7));
    onConnect.trigger(intruder);
    expect(intruder.disconnect).toHaveBeenCalled();
    expect(bg.watchers.count).toBe(0);
  });

  it('signs out only once the user agrees to drop queued decisions, then clears everything', async () => {
    await signInLocally(db);
    await upsertFromServer(db, [suggestion('s1')]);
    await decideLocally(db, 's1', { op: 'decide', payload: { kind: 'approve' } });

    expect(await send({ type: 'auth.signOut' }, popup)).toEqual({ ok: true, data: { signedOut: false, outbox: 1 } });
    expect(await getSession(db)).toBeDefined();
    expect(await send({ type: 'auth.signOut', discardOutbox: true }, popup)).toEqual({
      ok: true,
      data: { signedOut: true, outbox: 0 },
    });
    expect(await getSession(db)).toBeUndefined();
    expect(await db.suggestions.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await send({ type: 'auth.status' }, popup)).toMatchObject({ data: { connection: { state: 'signed_out' } } });
  });

  it('shows on the badge the open items the user may decide, after a sync even when offline', async () => {
    await signInLocally(db);
    await upsertFromServer(db, [
      suggestion('a'),
      suggestion('b', { status: 'awaiting_condition' }),
      suggestion('c', { tier: 'manager' }),
      suggestion('d', { status: 'approved' }),
      suggestion('e'),
    ]);
    await decideLocally(db, 'e', { op: 'decide', payload: { kind: 'reject', note: 'no' } });

    vi.stubGlobal('navigator', { onLine: false });
    try {
      expect(await send({ type: 'sync.now' }, popup)).toMatchObject({ ok: true, data: { state: 'offline' } });
    } finally {
      vi.unstubAllGlobals();
    }
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([198, 40, 40, 255]);
    expect(await db.outbox.count()).toBe(1);
  });

  it('schedules a sync every minute', async () => {
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toBeDefined());
    expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toMatchObject({ periodInMinutes: 1 });
  });
});
