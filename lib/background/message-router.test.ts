import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { decideLocally } from '../db/local-decisions';
import { getPreferences } from '../db/preferences';
import type { CountersignDb } from '../db/schema';
import { getSession } from '../db/session';
import { upsertFromServer } from '../db/upsert-from-server';
import type { Suggestion } from '../schemas/suggestion';
import { SYNC_ALARM } from './alarms';
import type { Background } from './start-background';
import { TabRecords } from './tab-records';
import {
  suggestion as baseSuggestion,
  connectPage,
  contentScript,
  disconnectPage,
  freshDb,
  optionsPage,
  panelPage as panel,
  popupPage as popup,
  send,
  signInAs,
  startTestBackground,
} from './testing/harness';

const DEAL = { crm: 'hubspot', objectType: 'deal', id: '456' };

const suggestion = (id: string, over: Partial<Suggestion> = {}): Suggestion =>
  baseSuggestion(id, { record: DEAL, reasons: [], ...over });

describe('background message router', () => {
  let db: CountersignDb;
  let bg: Background;

  // Every server call fails as a network that is down does (the harness's API with no procedures).
  beforeEach(() => {
    db = freshDb();
    bg = startTestBackground(db);
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
    for (const type of ['panel.record', 'auth.status', 'sync.now', 'crmHosts.list', 'auth.signOut']) {
      expect(await send({ type }, cs)).toEqual({ ok: false, error: `${type} is not accepted from this sender` });
    }
    const approve = { op: 'decide', payload: { kind: 'approve' } };
    for (const msg of [
      { type: 'decision.record', suggestionId: 's1', action: approve },
      { type: 'decision.recordMany', items: [{ suggestionId: 's1', action: approve }] },
      { type: 'notice.dismiss', id: 's1' },
      { type: 'preferences.set', patch: { notifications: false } },
    ]) {
      expect(await send(msg, cs)).toEqual({ ok: false, error: `${msg.type} is not accepted from this sender` });
    }
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
    expect((await send({ type: 'auth.status' }, { id: fakeBrowser.runtime.id })).ok).toBe(false);
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

  it('counts each page’s data port as a live watcher while connected, and forgets a closed tab’s', async () => {
    const first = connectPage(panel(7));
    connectPage(panel(7));
    const fromPopup = connectPage(popup);
    expect(bg.watchers.count).toBe(3);
    await disconnectPage(fromPopup);
    expect(bg.watchers.count).toBe(2);
    await fakeBrowser.tabs.onRemoved.trigger(7, { isWindowClosing: false, windowId: 1 });
    expect(bg.watchers.count).toBe(0);
    await disconnectPage(first); // a tab's pages going away after the tab count nothing twice
    expect(bg.watchers.count).toBe(0);
  });

  it('refuses a port from a content script, another extension, or under another name', async () => {
    for (const sender of [contentScript(7), { ...popup, id: 'another-extension' }]) {
      const { background } = connectPage(sender);
      expect(background.connected).toBe(false);
    }
    expect(connectPage(popup, 'countersign.live').background.connected).toBe(false);
    expect(bg.watchers.count).toBe(0);
  });

  it('records a page’s decision in the cache and the outbox, then flushes, and refuses a second one', async () => {
    await signInAs(db, 'rep');
    await upsertFromServer(db, [suggestion('s1')]);
    const flush = vi.spyOn(bg.engine, 'flush').mockResolvedValue(null); // flushing: test/integration/extension-sync
    const record = {
      type: 'decision.record',
      suggestionId: 's1',
      action: { op: 'decide', payload: { kind: 'approve' } },
    };
    expect(await send(record, panel())).toEqual({ ok: true, data: null });
    expect((await db.suggestions.get('s1'))?.local).toMatchObject({ kind: 'approve' });
    expect(await db.outbox.toArray()).toMatchObject([{ suggestionId: 's1', payload: { kind: 'approve' } }]);
    expect(flush).toHaveBeenCalledWith({ ignoreBackoff: true });

    expect(await send(record, panel())).toEqual({
      ok: false,
      error: 'a decision on this suggestion is already waiting to sync',
    });
    const noReason = { ...record, action: { op: 'decide', payload: { kind: 'reject' } } };
    expect((await send(noReason, panel())).ok).toBe(false);
    expect(await db.outbox.count()).toBe(1);
  });

  it('records several decisions each on its own, with one flush', async () => {
    await signInAs(db, 'rep');
    await upsertFromServer(db, [suggestion('a'), suggestion('b')]);
    await decideLocally(db, 'b', { op: 'decide', payload: { kind: 'approve' } });
    const flush = vi.spyOn(bg.engine, 'flush').mockResolvedValue(null); // flushing: test/integration/extension-sync
    const approve = { op: 'decide', payload: { kind: 'approve' } };
    const items = ['a', 'b', 'gone'].map((suggestionId) => ({ suggestionId, action: approve }));
    expect(await send({ type: 'decision.recordMany', items }, popup)).toEqual({
      ok: true,
      data: {
        recorded: ['a'],
        refused: [
          { suggestionId: 'b', error: 'a decision on this suggestion is already waiting to sync' },
          { suggestionId: 'gone', error: 'this suggestion is not in the cache' },
        ],
      },
    });
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('dismisses a notice and changes preferences for the pages', async () => {
    await upsertFromServer(db, [suggestion('s1', { status: 'approved' })]);
    await db.suggestions.update('s1', { notice: { kind: 'conflict', message: 'Approved by Raj', at: 1 } });
    expect(await send({ type: 'notice.dismiss', id: 's1' }, panel())).toEqual({ ok: true, data: null });
    expect((await db.suggestions.get('s1'))?.notice).toBeUndefined();

    expect(await send({ type: 'preferences.set', patch: { notifications: false } }, optionsPage)).toEqual({
      ok: true,
      data: { panelCollapsed: false, notifications: false },
    });
    expect((await send({ type: 'preferences.set', patch: { theme: 'dark' } }, optionsPage)).ok).toBe(false);
    expect(await getPreferences(db)).toEqual({ panelCollapsed: false, notifications: false });
  });

  it('signs out only once the user agrees to drop queued decisions, then clears everything', async () => {
    await signInAs(db, 'rep');
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

  it('shows on the badge the open high-risk items the user may decide, after a sync even when offline', async () => {
    await signInAs(db, 'rep');
    const alert = { type: 'risk_alert', priority: 'high' } as const;
    await upsertFromServer(db, [
      suggestion('a', alert),
      suggestion('b', { ...alert, status: 'awaiting_condition' }),
      suggestion('c', { ...alert, tier: 'manager' }),
      suggestion('d', { ...alert, status: 'approved' }),
      suggestion('e', alert),
      suggestion('f'),
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
