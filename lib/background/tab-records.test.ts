import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { MessageSender } from './browser-api';
import type { TabRecords } from './tab-records';
import { freshDb, panelPage, send, startTestBackground } from './testing/harness';

const RECORD_URL = 'https://app.hubspot.com/contacts/2405741/record/0-3/456';
const DEAL = { crm: 'hubspot', objectType: 'deal', id: '456' };

describe('a tab’s record when the tab navigates', () => {
  let tabId: number;
  let navigated: MockInstance<TabRecords['navigated']>;
  const contentScript = (url = RECORD_URL): MessageSender => ({
    id: fakeBrowser.runtime.id,
    url,
    tab: { id: tabId } as never,
    frameId: 0,
  });
  const panelRecord = async () => {
    const reply = await send({ type: 'panel.record' }, panelPage(tabId));
    return reply.ok ? reply.data : reply.error;
  };
  /** Waits until the background has followed the navigation the browser just reported. */
  const followed = async () => {
    await vi.waitFor(() => expect(navigated).toHaveBeenCalledOnce());
    await navigated.mock.results[0]!.value;
  };
  /** The tab goes to `url`, as the browser reports it (tabs.update fires onUpdated with the new URL). */
  const navigate = async (url: string) => {
    await fakeBrowser.tabs.update(tabId, { url });
    await followed();
  };

  beforeEach(async () => {
    const bg = startTestBackground(freshDb());
    navigated = vi.spyOn(bg.tabs, 'navigated');
    const window = await fakeBrowser.windows.create({ focused: true });
    tabId = (await fakeBrowser.tabs.create({ url: RECORD_URL, windowId: window!.id }))!.id!;
    await send({ type: 'tab.record', record: DEAL }, contentScript());
    expect(await panelRecord()).toEqual(DEAL);
  });

  it('keeps it while the address still shows the same record on the same origin', async () => {
    await navigate(`${RECORD_URL}/view/1?interaction=note`);
    expect(await panelRecord()).toEqual(DEAL);
  });

  it('forgets it at an address that shows no record', async () => {
    await navigate('https://app.hubspot.com/contacts/2405741/objects/0-3/views/all/list');
    expect(await panelRecord()).toBeNull();
  });

  it('forgets it on another origin, even where the same record would be detected', async () => {
    await navigate('https://app-eu1.hubspot.com/contacts/2405741/record/0-3/456');
    expect(await panelRecord()).toBeNull();
  });

  it('forgets it at another record’s address until that page reports its own', async () => {
    await navigate('https://app.hubspot.com/contacts/2405741/record/0-3/789');
    expect(await panelRecord()).toBeNull();
    const next = { ...DEAL, id: '789' };
    await send(
      { type: 'tab.record', record: next },
      contentScript('https://app.hubspot.com/contacts/2405741/record/0-3/789'),
    );
    expect(await panelRecord()).toEqual(next);
  });

  it('judges by where the tab is now, so a late event for a page already left changes nothing', async () => {
    const tab = await fakeBrowser.tabs.get(tabId);
    await fakeBrowser.tabs.onUpdated.trigger(tabId, { url: 'https://app.hubspot.com/contacts/2405741/objects' }, tab);
    await followed();
    expect(await panelRecord()).toEqual(DEAL);
  });
});
