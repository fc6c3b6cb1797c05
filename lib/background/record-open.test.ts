import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CountersignDb } from '../db/schema';
import { upsertFromServer } from '../db/upsert-from-server';
import type { Background } from './start-background';
import { contentScript, freshDb, popupPage, send, signInAs, startTestBackground, suggestion } from './testing/harness';

const DEMO_DEAL = { crm: 'demo', objectType: 'deal', id: '42' };

describe('record.open', () => {
  let db: CountersignDb;
  let bg: Background;
  beforeEach(async () => {
    db = freshDb();
    bg = startTestBackground(db);
    await signInAs(db, 'manager');
    await fakeBrowser.windows.create({ focused: false });
  });
  afterEach(() => vi.restoreAllMocks());

  it('opens a new tab at the demo record, on the signed-in server', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    expect(await send({ type: 'record.open', record: DEMO_DEAL }, popupPage)).toEqual({
      ok: true,
      data: { opened: 'created', url: 'http://localhost:8787/demo/deals/42' },
    });
    expect(create).toHaveBeenCalledWith({ url: 'http://localhost:8787/demo/deals/42', active: true });
  });

  it('focuses a tab at the same address, and its window, instead of opening another', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'http://localhost:8787/demo/deals/42/', windowId: 1 });
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const focusWindow = vi.spyOn(fakeBrowser.windows, 'update');
    expect(await send({ type: 'record.open', record: DEMO_DEAL }, popupPage)).toMatchObject({
      ok: true,
      data: { opened: 'focused' },
    });
    expect((await fakeBrowser.tabs.get(tab.id!)).active).toBe(true);
    expect(focusWindow).toHaveBeenCalledWith(1, { focused: true });
    expect(create).not.toHaveBeenCalled();
  });

  it('focuses the tab whose content script reported the record, even where no address can be built', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://app.hubspot.com/contacts/2405741/record/0-3/456' });
    await send(
      { type: 'tab.record', record: { crm: 'hubspot', objectType: 'deal', id: '456' } },
      contentScript(tab.id),
    );
    const record = { crm: 'hubspot', objectType: 'Deal', id: '456' };
    expect(await send({ type: 'record.open', record }, popupPage)).toMatchObject({ data: { opened: 'focused' } });
    expect((await fakeBrowser.tabs.get(tab.id!)).active).toBe(true);
    expect(await bg.tabs.get(tab.id!)).toMatchObject({ id: '456' });
  });

  it('says so when it can neither find a tab nor build the address', async () => {
    const record = { crm: 'hubspot', objectType: 'deal', id: '999' };
    expect(await send({ type: 'record.open', record }, popupPage)).toEqual({
      ok: false,
      error: 'Countersign cannot build a link to this HubSpot record: open it in HubSpot first',
      code: 'NOT_FOUND',
    });
  });

  it('opens the record of a clicked notification', async () => {
    await upsertFromServer(db, [suggestion('s1')]);
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await fakeBrowser.notifications.onClicked.trigger('countersign:s1');
    await vi.waitFor(() =>
      expect(create).toHaveBeenCalledWith({ url: 'http://localhost:8787/demo/deals/deal-s1', active: true }),
    );
  });
});
