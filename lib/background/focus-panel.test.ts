import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getPreferences, setPreferences } from '../db/preferences';
import type { CountersignDb } from '../db/schema';
import { contentMessage, FOCUS_PANEL_COMMAND } from '../messages';
import { KEY_GRANT_MS, KeyGrants } from './key-grants';
import { contentScript, freshDb, panelPage, pressCommand, send, startTestBackground } from './testing/harness';

const TAB = 7;
const DEAL = { crm: 'hubspot', objectType: 'deal', id: '456' };
const spySends = () => vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);

describe('the focus-panel command', () => {
  let db: CountersignDb;
  let sent: ReturnType<typeof spySends>;
  beforeEach(async () => {
    db = freshDb();
    startTestBackground(db);
    await setPreferences(db, { panelCollapsed: true });
    sent = spySends();
  });
  afterEach(() => vi.restoreAllMocks());

  /** What reached the tab's content script after `tab.record`, each message checked against the contract. */
  const sentSinceRecord = () =>
    sent.mock.calls.slice(1).map(([tab, message, options]) => {
      expect(contentMessage.safeParse(message).success).toBe(true);
      return { tab, message, options };
    });

  it('opens the panel on a record tab and tells its content script to focus it, top frame only', async () => {
    await send({ type: 'tab.record', record: DEAL }, contentScript(TAB));
    expect(sent).toHaveBeenCalledTimes(1); // the remembered layout, collapsed
    pressCommand(FOCUS_PANEL_COMMAND, { id: TAB });
    await vi.waitFor(() => expect(sent).toHaveBeenCalledTimes(3));
    expect(sentSinceRecord()).toEqual([
      { tab: TAB, message: { type: 'panel.layout', collapsed: false }, options: { frameId: 0 } },
      { tab: TAB, message: { type: 'panel.focus' }, options: { frameId: 0 } },
    ]);
    expect((await getPreferences(db)).panelCollapsed).toBe(false);
  });

  it('sends nothing for another command, on a tab without a record, or without a tab', async () => {
    await send({ type: 'tab.record', record: DEAL }, contentScript(TAB));
    pressCommand('_execute_action', { id: TAB });
    pressCommand(FOCUS_PANEL_COMMAND, { id: TAB + 1 });
    pressCommand(FOCUS_PANEL_COMMAND, undefined);
    // The command on the record's tab, pressed last, does more before it sends than any of those would: once its two
    // messages are there, any message from the others would be too.
    pressCommand(FOCUS_PANEL_COMMAND, { id: TAB });
    await vi.waitFor(() => expect(sent.mock.calls.length).toBeGreaterThanOrEqual(3));
    expect(sentSinceRecord()).toEqual([
      { tab: TAB, message: { type: 'panel.layout', collapsed: false }, options: { frameId: 0 } },
      { tab: TAB, message: { type: 'panel.focus' }, options: { frameId: 0 } },
    ]);
  });

  it('grants the keys to the panel of that tab, once: a focus the page moves there gets none', async () => {
    await send({ type: 'tab.record', record: DEAL }, contentScript(TAB));
    expect(await send({ type: 'panel.keys' }, panelPage(TAB))).toEqual({ ok: true, data: false });
    pressCommand(FOCUS_PANEL_COMMAND, { id: TAB });
    await vi.waitFor(() => expect(sent).toHaveBeenCalledTimes(3));
    expect(await send({ type: 'panel.keys' }, panelPage(TAB + 1))).toEqual({ ok: true, data: false });
    expect((await send({ type: 'panel.keys' }, contentScript(TAB))).ok).toBe(false);
    expect(await send({ type: 'panel.keys' }, panelPage(TAB))).toEqual({ ok: true, data: true });
    expect(await send({ type: 'panel.keys' }, panelPage(TAB))).toEqual({ ok: true, data: false });
  });
});

describe('key grants', () => {
  it('last KEY_GRANT_MS, and outlive a restart of the service worker through storage.session', async () => {
    let now = 1_000;
    const store = fakeBrowser.storage.session as never;
    await new KeyGrants(store, () => now).grant(TAB);
    now += KEY_GRANT_MS;
    expect(await new KeyGrants(store, () => now).take(TAB)).toBe(true);
    expect(await new KeyGrants(store, () => now).take(TAB)).toBe(false);

    const grants = new KeyGrants(store, () => now);
    await grants.grant(TAB);
    now += KEY_GRANT_MS + 1;
    expect(await grants.take(TAB)).toBe(false);
  });
});
