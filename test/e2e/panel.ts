import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { OPEN_WIDTH, PANEL_TITLE } from '../../entrypoints/crm.content/frame';
import { until } from '../helpers/wait';

// The review panel as the tests see it: one place that knows its accessible names, so the suites read as steps.

/** The panel's iframe element in the CRM page, as a CSS selector. */
export const PANEL_SELECTOR = `iframe[title="${PANEL_TITLE}"][src^="chrome-extension://"]`;

/** The panel's iframe element in the CRM page. */
export const panelIframe = (page: Page): Locator => page.locator(PANEL_SELECTOR);

/** The panel's document, for role-based queries inside it. */
export const panelFrame = (page: Page): FrameLocator => page.frameLocator(PANEL_SELECTOR);

/** The panel's Frame (for `evaluate` inside the extension origin), once it has loaded. */
export async function panelFrameHandle(page: Page): Promise<Frame> {
  const isPanel = (f: Frame) => /^chrome-extension:\/\/[^/]+\/review-panel\.html/.test(f.url());
  const frame = await until(() => page.frames().find(isPanel), Boolean, { timeout: 15_000, what: 'the panel frame' });
  return frame!;
}

/** The panel's box in the page (the frame's wrapper, border included), or null when there is no panel. */
export async function panelBox(page: Page) {
  return panelIframe(page).locator('xpath=..').boundingBox();
}

export async function waitForPanelWidth(page: Page, width: number, timeout = 10_000): Promise<void> {
  await until(
    async () => Math.round((await panelBox(page))?.width ?? 0),
    (w) => w === width,
    {
      timeout,
      what: `a panel ${width} px wide`,
    },
  );
}

/**
 * Opens the panel if it is collapsed, through its own control (a button named "Expand …" or "Open …"), and waits
 * for the frame to widen: the panel asks the background, which sends `panel.layout` to the content script.
 */
export async function expandPanel(page: Page): Promise<void> {
  await panelIframe(page).waitFor({ state: 'attached', timeout: 15_000 });
  const box = await panelBox(page);
  if (box && Math.round(box.width) === OPEN_WIDTH) return;
  const expand = panelFrame(page).getByRole('button', { name: /^(expand|open|show)\b/i });
  // The background may send the remembered layout on its own right after mount; either way the frame ends open, so
  // the click is a fallback whose failure (the button already gone) does not matter.
  void expand.click({ timeout: 15_000 }).catch(() => {});
  await waitForPanelWidth(page, OPEN_WIDTH, 15_000);
}

/** The suggestion cards in the panel: the items of its "Suggestions" list (not the reasons listed inside them). */
export const cards = (page: Page): Locator =>
  panelFrame(page).getByRole('list', { name: 'Suggestions', exact: true }).locator(':scope > li');

/** The card whose text includes `text`. */
export const cardWith = (page: Page, text: string | RegExp): Locator => cards(page).filter({ hasText: text });

/** The element's text now, or '' while it is not there: for polls, which must not wait inside one attempt. */
export const textOf = (locator: Locator): Promise<string> =>
  locator.textContent({ timeout: 100 }).then(
    (t) => t ?? '',
    () => '',
  );

/**
 * Puts the keyboard on the card as a user does: a click on it, away from its buttons (its top left corner, the
 * title's). The panel takes keys only after a click in it or the focus-panel command (lib/keyboard/key-guard.ts).
 */
export async function clickInto(card: Locator): Promise<void> {
  await card.click({ position: { x: 4, y: 4 } });
}

/** Whether the panel takes keys now: 'on' or 'off' (lib/keyboard/key-guard.ts). */
export async function panelKeys(page: Page): Promise<string | undefined> {
  return (await panelFrameHandle(page)).evaluate(() => document.documentElement.dataset.keys);
}

/** Approves the card with the keyboard: click into it, press `a`. */
export async function approveByKeyboard(card: Locator): Promise<void> {
  await clickInto(card);
  await card.press('a');
}

/** Rejects the card with the keyboard: `r` opens the reason form, the reason is typed, Enter sends it. */
export async function rejectByKeyboard(page: Page, card: Locator, reason: string): Promise<void> {
  await clickInto(card);
  await card.press('r');
  const field = panelFrame(page).getByRole('textbox', { name: /reason/i });
  await field.fill(reason);
  await field.press('Enter');
}
