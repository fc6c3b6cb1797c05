import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BackgroundBrowser, MessageSender } from './browser-api';
import { senderKind, type SenderKind } from './sender';

const browser = fakeBrowser as unknown as BackgroundBrowser;
const OURS = fakeBrowser.runtime.id;
const OTHER = 'another-extension-id';
/** The per-session host a `use_dynamic_url` resource is loaded under in Chrome. */
const DYNAMIC = '1d70a370-109a-4fac-a2d4-5824c40b2037';
const tab = { id: 7 } as never;

const cases: [string, MessageSender, SenderKind][] = [
  ['the options page', { id: OURS, url: `chrome-extension://${OURS}/options.html` }, 'extension_page'],
  ['the popup', { id: OURS, url: `chrome-extension://${OURS}/popup.html` }, 'extension_page'],
  [
    'the panel in a CRM tab',
    { id: OURS, url: `chrome-extension://${OURS}/review-panel.html`, tab, frameId: 3 },
    'extension_page',
  ],
  [
    'the panel under its per-session URL',
    { id: OURS, url: `chrome-extension://${DYNAMIC}/review-panel.html`, tab, frameId: 3 },
    'extension_page',
  ],
  ['the panel in Firefox', { id: OURS, url: `moz-extension://${DYNAMIC}/review-panel.html` }, 'extension_page'],
  [
    'the options page open in a tab',
    { id: OURS, url: `chrome-extension://${OURS}/options.html`, tab, frameId: 0 },
    'extension_page',
  ],
  [
    'the content script',
    { id: OURS, url: 'https://app.hubspot.com/contacts/1/record/0-3/4', tab, frameId: 0 },
    'content_script',
  ],
  [
    'the content script on an added host',
    { id: OURS, url: 'https://crm.contoso.local/Contoso/main.aspx', tab, frameId: 0 },
    'content_script',
  ],
  // Pages that only carry our id or the panel's address in theirs.
  [
    'a web page whose path names our page',
    { id: OURS, url: `https://evil.test/chrome-extension://${OURS}/review-panel.html` },
    'unknown',
  ],
  ['a web page whose host is our id', { id: OURS, url: `https://${OURS}.evil.test/options.html` }, 'unknown'],
  ['a blob made by our page', { id: OURS, url: `blob:chrome-extension://${OURS}/0b1c` }, 'unknown'],
  ['a page with no address', { id: OURS }, 'unknown'],
  ['an unparsable address', { id: OURS, url: 'chrome-extension:' }, 'unknown'],
  // Another extension, whatever its pages' addresses say.
  ['another extension’s page', { id: OTHER, url: `chrome-extension://${OTHER}/page.html` }, 'unknown'],
  ['another extension claiming our URL', { id: OTHER, url: `chrome-extension://${OURS}/options.html` }, 'unknown'],
  [
    'another extension’s content script',
    { id: OTHER, url: 'https://app.hubspot.com/contacts/1/record/0-3/4', tab, frameId: 0 },
    'unknown',
  ],
  ['no extension at all', { url: `chrome-extension://${OURS}/options.html` }, 'unknown'],
  // Content scripts below the top frame, or outside a tab.
  [
    'our content script in a subframe',
    { id: OURS, url: 'https://app.hubspot.com/contacts/1/record/0-3/4', tab, frameId: 2 },
    'unknown',
  ],
  ['our content script outside a tab', { id: OURS, url: 'https://app.hubspot.com/x', frameId: 0 }, 'unknown'],
];

describe('senderKind', () => {
  it.each(cases)('%s', (_what, sender, kind) => {
    expect(senderKind(browser, sender)).toBe(kind);
  });
});
