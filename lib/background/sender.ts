import type { BackgroundBrowser, MessageSender } from './browser-api';

export type SenderKind = 'extension_page' | 'content_script' | 'unknown';

/**
 * Who sent a message: one of this extension's own pages (review panel, popup, options: their URL is under the
 * extension's root, which no web page can have), a content script in a tab's top frame, or neither. Page scripts on
 * a CRM cannot reach runtime messaging at all; this keeps a compromised content script from getting data either.
 */
export function senderKind(browser: BackgroundBrowser, sender: MessageSender): SenderKind {
  if (sender.id !== browser.runtime.id || !sender.url) return 'unknown';
  if (sender.url.startsWith(browser.runtime.getURL('/'))) return 'extension_page';
  if (sender.tab?.id !== undefined && (sender.frameId ?? 0) === 0) return 'content_script';
  return 'unknown';
}
