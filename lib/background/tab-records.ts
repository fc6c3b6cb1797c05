import { z } from 'zod';
import { detectRecord } from '../crm/registry';
import { recordInView, type RecordInView } from '../messages';
import type { BackgroundBrowser } from './browser-api';

type SessionArea = NonNullable<BackgroundBrowser['storage']>['session'];

const keyOf = (tabId: number) => `tab-record:${tabId}`;

/** A tab's record as its content script reported it, and the origin of the page it was reported from. */
const shown = z.object({ record: recordInView, origin: z.string().nullable() });
type Shown = z.infer<typeof shown>;

function originOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

const sameRecord = (a: RecordInView, b: RecordInView) =>
  a.crm === b.crm && a.objectType === b.objectType && a.id === b.id;

/**
 * The record each tab shows, as its content script reports it. Kept in memory and mirrored to storage.session
 * (memory only, extension contexts only): the service worker is stopped when idle, and the panel asking "which
 * record?" after a restart must still get an answer.
 */
export class TabRecords {
  private readonly byTab = new Map<number, Shown>();

  constructor(private readonly store?: SessionArea) {}

  /** `pageUrl`: the address of the page the content script reported from. */
  async set(tabId: number, record: RecordInView | null, pageUrl?: string): Promise<void> {
    if (!record) return this.forget(tabId);
    const entry: Shown = { record, origin: originOf(pageUrl) };
    this.byTab.set(tabId, entry);
    await this.mirror(() => this.store!.set({ [keyOf(tabId)]: entry }));
  }

  async get(tabId: number): Promise<RecordInView | null> {
    return (await this.entry(tabId))?.record ?? null;
  }

  /**
   * The tab is now at `url`. Its record stays only if that address shows the same record on the same origin: the new
   * page's content script (if it has one) reports what it shows, and until then no panel is told the old record.
   */
  async navigated(tabId: number, url: string): Promise<void> {
    const entry = await this.entry(tabId);
    if (!entry) return;
    const detected = detectRecord(url);
    const sameOrigin = entry.origin === null || entry.origin === originOf(url);
    if (!detected || !sameOrigin || !sameRecord(detected, entry.record)) await this.forget(tabId);
  }

  async forget(tabId: number): Promise<void> {
    this.byTab.delete(tabId);
    await this.mirror(() => this.store!.remove(keyOf(tabId)));
  }

  private async entry(tabId: number): Promise<Shown | null> {
    const known = this.byTab.get(tabId);
    if (known || !this.store) return known ?? null;
    try {
      const stored = shown.safeParse((await this.store.get(keyOf(tabId)))[keyOf(tabId)]);
      if (!stored.success) return null;
      this.byTab.set(tabId, stored.data);
      return stored.data;
    } catch {
      return null;
    }
  }

  /** The mirror is an aid across restarts; without it (or when it fails) memory still answers. */
  private async mirror(write: () => Promise<void>): Promise<void> {
    if (!this.store) return;
    try {
      await write();
    } catch {
      // storage.session is missing (Firefox before 115) or refused the write: memory alone it is.
    }
  }
}

/**
 * A tab's address changed (`tabs.onUpdated` with a URL). Judged by where the tab is now rather than by the event's
 * URL, since a late event for a page already left must not drop the record the next page has reported since.
 */
export async function followNavigation(
  tabs: BackgroundBrowser['tabs'],
  records: TabRecords,
  tabId: number,
  url: string,
): Promise<void> {
  const current = await tabs.get(tabId).then(
    (tab) => tab.url ?? url,
    () => url,
  );
  await records.navigated(tabId, current);
}
