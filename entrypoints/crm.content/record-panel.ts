import type { ContentScriptContext } from '#imports';
import { createIframeUi } from '#imports';
import { browser } from 'wxt/browser';
import { detectRecord, type CrmRecordRef } from '../../lib/crm/registry';
import type { Message } from '../../lib/messages';
import { layoutFrame, PANEL_TITLE } from './frame';
import { parseContentMessage } from './layout-message';

const keyOf = (r: CrmRecordRef | null) => (r ? `${r.crm}\u0000${r.objectType}\u0000${r.id}` : null);

/** Tells the background which record this tab shows. The service worker may be gone or restarting: it asks again. */
function report(record: CrmRecordRef | null): void {
  const msg: Message = {
    type: 'tab.record',
    record: record && { crm: record.crm, objectType: record.objectType, id: record.id },
  };
  try {
    browser.runtime.sendMessage(msg).catch(() => {});
  } catch {
    // The extension was reloaded under this page: the context is invalidated and WXT removes the frame.
  }
}

/**
 * Keeps the review panel frame on record pages only, and the background told of the record in view. Holds nothing
 * but the record ref and the frame's open/collapsed flag: the panel fetches its data itself, in its own origin.
 */
export function startRecordPanel(ctx: ContentScriptContext): void {
  // Collapsed until the background says otherwise: the remembered state lives in extension storage, which this
  // script does not read, and a short tab is the state that can never hide the CRM's controls.
  let collapsed = true;
  // Undefined until the first report, so a page without a record also says so: the background may still hold the
  // record this tab showed before a full page load.
  let shown: string | null | undefined;

  const ui = createIframeUi(ctx, {
    page: '/review-panel.html',
    position: 'inline',
    anchor: 'body',
    onMount(wrapper, iframe) {
      iframe.title = PANEL_TITLE;
      iframe.referrerPolicy = 'no-referrer';
      layoutFrame(wrapper, iframe, collapsed);
      return true;
    },
  });

  // Reads the address itself rather than trusting the event's URL: page scripts can dispatch the same event name.
  const sync = () => {
    const record = detectRecord(location.href);
    const key = keyOf(record);
    if (key === shown) return;
    shown = key;
    report(record);
    if (record && !ui.mounted) ui.mount();
    else if (!record && ui.mounted) ui.remove();
  };

  // Some CRMs rebuild <body>'s children when they change views: a frame swept out with them goes back in.
  const keeper = new MutationObserver(() => {
    if (ui.mounted && !ui.wrapper.isConnected) ui.mount();
  });
  keeper.observe(document.body, { childList: true });
  ctx.onInvalidated(() => keeper.disconnect());

  const onMessage = (raw: unknown) => {
    const msg = parseContentMessage(raw);
    if (!msg) return;
    // The keyboard command: the panel, once focused, puts the focus on its current card. A frame that has the focus
    // already (the page may have put it there) gets it anew, so that the panel hears it arrive and claims the keys.
    if (msg.type === 'panel.focus') {
      if (!ui.mounted) return;
      if (document.activeElement === ui.iframe) ui.iframe.blur();
      ui.iframe.focus();
      return;
    }
    collapsed = msg.collapsed;
    if (ui.mounted) layoutFrame(ui.wrapper, ui.iframe, collapsed);
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

  // A task later, not at once: the navigate event fires before a history traversal commits the new address.
  ctx.addEventListener(window, 'wxt:locationchange', () => ctx.setTimeout(sync, 0));
  sync();
}
