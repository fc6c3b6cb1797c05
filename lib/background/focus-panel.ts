import { setPreferences } from '../db/preferences';
import type { CountersignDb } from '../db/schema';
import { FOCUS_PANEL_COMMAND, type ContentMessage } from '../messages';
import type { BackgroundBrowser } from './browser-api';
import type { KeyGrants } from './key-grants';
import type { TabRecords } from './tab-records';

/**
 * The focus-panel command (a browser shortcut, Alt+Shift+K by default): on a tab that shows a record, the panel opens
 * if it was collapsed and the keyboard focus moves into it, onto its current card, so its keys work without a click.
 * Both go to the tab's content script (top frame only), which alone can size and focus the frame. The tab is first
 * granted the keys (`KeyGrants`): the panel takes them only when the user, not the page, sent the focus.
 */
export async function focusPanel(
  deps: { browser: BackgroundBrowser; db: CountersignDb; tabs: TabRecords; grants: KeyGrants },
  command: string,
  tabId: number | undefined,
): Promise<boolean> {
  if (command !== FOCUS_PANEL_COMMAND || tabId === undefined) return false;
  if (!(await deps.tabs.get(tabId))) return false;
  await deps.grants.grant(tabId);
  await setPreferences(deps.db, { panelCollapsed: false });
  const open: ContentMessage = { type: 'panel.layout', collapsed: false };
  const focus: ContentMessage = { type: 'panel.focus' };
  try {
    await deps.browser.tabs.sendMessage(tabId, open, { frameId: 0 });
    await deps.browser.tabs.sendMessage(tabId, focus, { frameId: 0 });
    return true;
  } catch {
    return false; // no content script in the tab (yet, or any more)
  }
}
