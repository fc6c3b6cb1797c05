/**
 * Open pages that want live updates, one key per data port, with the tab each lives in so that closing the tab
 * forgets its pages even when they could not say goodbye. `onChange` hears when the first arrives and the last
 * goes.
 */
export class LiveWatchers {
  private readonly tabOf = new Map<string, number | undefined>();

  constructor(private readonly onChange: (watching: boolean) => void) {}

  get count(): number {
    return this.tabOf.size;
  }

  set(key: string, on: boolean, tabId?: number): void {
    const before = this.count;
    if (on) this.tabOf.set(key, tabId);
    else this.tabOf.delete(key);
    this.notify(before);
  }

  forgetTab(tabId: number): void {
    const before = this.count;
    for (const [key, tab] of this.tabOf) if (tab === tabId) this.tabOf.delete(key);
    this.notify(before);
  }

  private notify(before: number): void {
    if ((before === 0) !== (this.count === 0)) this.onChange(this.count > 0);
  }
}
