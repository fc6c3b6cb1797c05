import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BackgroundBrowser, MessageSender } from '../../background/browser-api';
import { LiveWatchers } from '../../background/live-watchers';
import { acceptDataPorts } from '../../background/page-data';
import { memoryPorts, type MemoryPort } from '../../bridge/testing/memory-ports';
import type { CountersignDb } from '../../db/schema';

const EXT = `chrome-extension://${fakeBrowser.runtime.id}`;

/** The tab whose CRM page frames the review panel under test. */
export const PANEL_TAB = 7;

/** The extension pages as the background sees them, by the sender of their messages and ports. */
export const PAGES: Record<'panel' | 'popup' | 'options', MessageSender> = {
  panel: { id: fakeBrowser.runtime.id, url: `${EXT}/review-panel.html`, tab: { id: PANEL_TAB } as never, frameId: 3 },
  popup: { id: fakeBrowser.runtime.id, url: `${EXT}/popup.html` },
  options: { id: fakeBrowser.runtime.id, url: `${EXT}/options.html`, tab: { id: 3 } as never, frameId: 0 },
};

/** The background ends of the ports opened in the current test, closed when the next test starts. */
let open: MemoryPort[] = [];

/**
 * Serves the page's data ports as the background does, against `db`: `browser.runtime.connect` hands the page one
 * end of an in-memory port pair and the background's real port handler the other, as `page`. Ports left open by an
 * earlier test are closed first, as a restarting service worker would close them. Returns whether a connected page
 * keeps live updates on.
 */
export function connectPagesTo(db: CountersignDb, page: MessageSender): { watching(): boolean } {
  for (const port of open) port.disconnect();
  open = [];
  let watching = false;
  const watchers = new LiveWatchers((on) => (watching = on));
  const accept = acceptDataPorts({ browser: fakeBrowser as unknown as BackgroundBrowser, db, watchers });
  const connect = (info?: { name?: string }) => {
    const ends = memoryPorts(info?.name ?? '', page);
    open.push(ends.background);
    accept(ends.background);
    return ends.page;
  };
  (fakeBrowser.runtime as { connect: unknown }).connect = connect;
  return { watching: () => watching };
}
