import { browser } from 'wxt/browser';
import { BridgeClient } from '../bridge/client';
import { DATA_PORT } from '../bridge/protocol';

let shared: BridgeClient | undefined;

/**
 * This page's one connection to the background's cache, shared by every hook on the page. Its port opens with the
 * first subscription; the browser resolves `runtime.connect` at that moment (tests put their own background there).
 */
export function pageBridge(): BridgeClient {
  shared ??= new BridgeClient(() => browser.runtime.connect({ name: DATA_PORT }));
  return shared;
}
