import type { Worker } from 'playwright-core';
import { KEY_GRANT_MS, keyGrantKey } from '../../lib/background/key-grants';
import { until } from '../helpers/wait';
import type { ExtensionScope } from './browser-types';

export interface SeenMessage {
  type: 'tab.record' | 'panel.layout';
  record?: { crm: string; objectType: string; id: string } | null;
  collapsed?: boolean;
  tabId: number | null;
  /** The sender: the CRM page for the content script, review-panel.html for the panel. */
  url: string | undefined;
  /** When the background received it, in ms since the epoch (high resolution, comparable across contexts). */
  at: number;
}

/**
 * Records the `tab.record` and `panel.layout` messages the background receives, with a listener the test adds beside
 * the background's own (it never answers, so it changes nothing). Lets the content script be checked whatever the
 * background does with them.
 */
export async function watchBackground(worker: Worker): Promise<() => Promise<SeenMessage[]>> {
  await worker.evaluate(() => {
    const g = globalThis as unknown as ExtensionScope;
    if (g.__e2eSeen) return;
    const seen: unknown[] = (g.__e2eSeen = []);
    g.chrome.runtime.onMessage.addListener((message, sender) => {
      const msg = message as { type?: unknown; record?: unknown; collapsed?: unknown } | null;
      if (msg?.type !== 'tab.record' && msg?.type !== 'panel.layout') return;
      const at = performance.timeOrigin + performance.now();
      seen.push({ ...msg, tabId: sender.tab?.id ?? null, url: sender.url, at });
    });
  });
  return () => worker.evaluate(() => ((globalThis as unknown as ExtensionScope).__e2eSeen ?? []) as SeenMessage[]);
}

/** The `tab.record` messages among `seen`, as `crm/id` (null: no record). */
export const recordKeys = (seen: SeenMessage[]): (string | null)[] =>
  seen.filter((s) => s.type === 'tab.record').map((s) => (s.record ? `${s.record.crm}/${s.record.id}` : null));

/** Waits until the records reported after the first `from` messages equal `expected`. */
export async function expectRecords(
  seen: () => Promise<SeenMessage[]>,
  from: number,
  expected: (string | null)[],
): Promise<void> {
  const want = JSON.stringify(expected);
  await until(
    async () => recordKeys((await seen()).slice(from)),
    (keys) => JSON.stringify(keys) === want,
    {
      what: `tab.record ${want}`,
    },
  );
}

/** Sends `msg` from the background to the content script of `tabId`, as the background's own code would. */
export async function sendToTab(worker: Worker, tabId: number, msg: unknown): Promise<void> {
  await worker.evaluate(
    ([tab, m]) => (globalThis as unknown as ExtensionScope).chrome.tabs.sendMessage(tab, m).catch(() => undefined),
    [tabId, msg] as const,
  );
}

/**
 * What the focus-panel command does in the background before it has the frame focused: it grants the tab's panel the
 * keys (lib/background/key-grants.ts; the command itself is a browser shortcut a test cannot press).
 */
export async function grantKeys(worker: Worker, tabId: number): Promise<void> {
  await worker.evaluate(
    ([key, until]) => (globalThis as unknown as ExtensionScope).chrome.storage.session.set({ [key]: until }),
    [keyGrantKey(tabId), Date.now() + KEY_GRANT_MS] as const,
  );
}
