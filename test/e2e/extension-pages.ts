import type { Page, Worker } from 'playwright-core';
import type { ExtensionScope } from './browser-types';
import type { E2E } from './harness';

// The extension's own pages (popup, options) as the suites open them, and the toolbar state the background sets.

/** What the suites read of `chrome.action` in the service worker; the DOM library does not describe it. */
interface ActionScope {
  chrome: { action: { getBadgeText(details: Record<string, never>): Promise<string> } };
}

/**
 * Opens one of the extension's pages in a tab of its own. A popup opened this way runs the same code as from the
 * toolbar, and a test can reach it, which it cannot through the toolbar in headless Chromium.
 */
export async function openExtensionPage(e2e: E2E, path: 'popup.html' | 'options.html'): Promise<Page> {
  const page = await e2e.context.newPage();
  await page.goto(`chrome-extension://${e2e.extensionId}/${path}`);
  return page;
}

/** The toolbar badge's text as the background last set it ('' when it shows none). */
export async function badgeText(worker: Worker): Promise<string> {
  return worker.evaluate(() => (globalThis as unknown as ActionScope).chrome.action.getBadgeText({}));
}

/**
 * The host the content script's frame loads the panel from: this session's dynamic id, not the extension's, since
 * the panel is web-accessible only through `use_dynamic_url`.
 */
export async function panelHost(worker: Worker): Promise<string> {
  const id = await worker.evaluate(() => (globalThis as unknown as ExtensionScope).chrome.runtime.dynamicId);
  if (!id) throw new Error('this Chromium has no runtime.dynamicId');
  return id;
}

/** The match patterns of the content scripts the background registered at run time. */
export async function registeredMatches(worker: Worker): Promise<string[]> {
  const scripts = await worker.evaluate(() =>
    (globalThis as unknown as ExtensionScope).chrome.scripting.getRegisteredContentScripts(),
  );
  return scripts.flatMap((s) => s.matches ?? []).sort();
}
