import type { BackgroundBrowser, MessageSender } from './browser-api';

export type SenderKind = 'extension_page' | 'content_script' | 'unknown';

/** The schemes of extension pages; a web page, whatever its address says, has another. */
const EXTENSION_SCHEMES = new Set(['chrome-extension:', 'moz-extension:']);

/** Whether `url` is an extension page's address: an extension scheme and a host (the extension's id or alias). */
function isExtensionUrl(url: string): boolean {
  try {
    const { protocol, host } = new URL(url);
    return EXTENSION_SCHEMES.has(protocol) && host !== '';
  } catch {
    return false;
  }
}

/**
 * Who sent a message: one of this extension's own pages (review panel, popup, options), a content script in a tab's
 * top frame, or neither. The browser sets `sender.id` to the extension the sending context belongs to, and only an
 * extension's pages have an extension URL, so our id with an extension scheme is one of our pages whatever host the
 * URL names: the panel frame is loaded through a per-session address (`use_dynamic_url`), which need not be the
 * extension's root (Chromium 156 reports the root; Firefox's root is a random id per installation). Page scripts on
 * a CRM cannot reach runtime messaging at all; this keeps a compromised content script from getting data either.
 */
export function senderKind(browser: BackgroundBrowser, sender: MessageSender): SenderKind {
  if (sender.id !== browser.runtime.id || !sender.url) return 'unknown';
  if (isExtensionUrl(sender.url)) return 'extension_page';
  if (sender.tab?.id !== undefined && (sender.frameId ?? 0) === 0) return 'content_script';
  return 'unknown';
}
