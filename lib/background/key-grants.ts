import { z } from 'zod';
import type { BackgroundBrowser } from './browser-api';

type SessionArea = NonNullable<BackgroundBrowser['storage']>['session'];

/** How long after the focus-panel command its panel may claim the keys: the focus arrives within milliseconds. */
export const KEY_GRANT_MS = 10_000;

/** The storage.session key of a tab's grant. */
export const keyGrantKey = (tabId: number) => `key-grant:${tabId}`;
const expiry = z.number();

/**
 * The tabs whose panel the user sent the keyboard to with the focus-panel command, a browser shortcut no page can
 * press. The page can move the focus into the panel's frame too (`iframe.focus()`), and the user's next keystroke
 * would then land in the panel unawares; so a panel that receives the focus without a click in it takes its keys
 * only if it holds a grant (`lib/keyboard/key-guard.ts`). Each grant is taken once, within `KEY_GRANT_MS`. Mirrored
 * to storage.session (memory, extension contexts only), as the service worker may stop between the two.
 */
export class KeyGrants {
  private readonly byTab = new Map<number, number>();

  constructor(
    private readonly store?: SessionArea,
    private readonly now: () => number = Date.now,
  ) {}

  async grant(tabId: number): Promise<void> {
    const until = this.now() + KEY_GRANT_MS;
    this.byTab.set(tabId, until);
    await this.store?.set({ [keyGrantKey(tabId)]: until }).catch(() => undefined);
  }

  /** True if the tab holds a grant still in time; the grant is used up either way. */
  async take(tabId: number): Promise<boolean> {
    let until = this.byTab.get(tabId);
    this.byTab.delete(tabId);
    if (this.store) {
      const stored = expiry.safeParse(
        await this.store.get(keyGrantKey(tabId)).then(
          (s) => s[keyGrantKey(tabId)],
          () => null,
        ),
      );
      if (until === undefined && stored.success) until = stored.data;
      await this.store.remove(keyGrantKey(tabId)).catch(() => undefined);
    }
    return until !== undefined && this.now() <= until;
  }
}
