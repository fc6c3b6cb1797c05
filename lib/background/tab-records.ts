import type { RecordInView } from '../messages';
import type { BackgroundBrowser } from './browser-api';

type SessionArea = NonNullable<BackgroundBrowser['storage']>['session'];

const keyOf = (tabId: number) => `tab-record:${tabId}`;

/**
 * The record each tab shows, as its content script reports it. Kept in memory and mirrored to storage.session
 * (memory only, extension contexts only): the service worker is stopped when idle, and the panel asking "which
 * record?" after a restart must still get an answer.
 */
export class TabRecords {
  private readonly byTab = new Map<number, RecordInView>();

  constructor(private readonly store?: SessionArea) {}

  async set(tabId: number, record: RecordInView | null): Promise<void> {
    if (record) this.byTab.set(tabId, record);
    else this.byTab.delete(tabId);
    await this.mirror(() => (record ? this.store!.set({ [keyOf(tabId)]: record }) : this.store!.remove(keyOf(tabId))));
  }

  async get(tabId: number): Promise<RecordInView | null> {
    const known = this.byTab.get(tabId);
    if (known || !this.store) return known ?? null;
    try {
      const stored = (await this.store.get(keyOf(tabId)))[keyOf(tabId)] as RecordInView | undefined;
      if (stored) this.byTab.set(tabId, stored);
      return stored ?? null;
    } catch {
      return null;
    }
  }

  async forget(tabId: number): Promise<void> {
    this.byTab.delete(tabId);
    await this.mirror(() => this.store!.remove(keyOf(tabId)));
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
