import { afterEach, describe, expect, it, vi } from 'vitest';
import { COVERED, guardSight, type SightGuard } from './sight-guard';

/** IntersectionObserver v2 as Chromium has it, driven by the test: `report` says what the browser would see. */
class FakeObserver {
  static last: FakeObserver | null = null;
  readonly targets = new Set<Element>();
  constructor(
    private readonly callback: (entries: { target: Element; isVisible: boolean }[]) => void,
    readonly options: IntersectionObserverInit & { trackVisibility?: boolean },
  ) {
    FakeObserver.last = this;
  }
  observe(el: Element) {
    this.targets.add(el);
  }
  disconnect() {
    this.targets.clear();
  }
  report(target: Element, isVisible: boolean) {
    this.callback([{ target, isVisible }]);
  }
}
/** Chromium's entries carry `isVisible` on their prototype: that is what tells v2 from v1. */
class FakeEntry {
  get isVisible() {
    return false;
  }
}

/** The panel's window as Chromium's: with IntersectionObserver v2. */
const withObserver = () =>
  Object.assign(window, { IntersectionObserver: FakeObserver, IntersectionObserverEntry: FakeEntry });

const click = (el: Element) => {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true });
  el.dispatchEvent(event);
  return event;
};

describe('the panel frame’s sight guard', () => {
  let guard: SightGuard | null = null;
  afterEach(() => {
    guard?.dispose();
    document.body.innerHTML = '';
    delete (window as Partial<typeof globalThis>).IntersectionObserver;
    delete (window as Partial<typeof globalThis>).IntersectionObserverEntry;
  });

  it('lets everything through where the browser cannot tell what is visible', () => {
    document.body.innerHTML = '<button>Approve</button>';
    const refused = vi.fn();
    guard = guardSight(window, refused, () => {});
    expect(click(document.querySelector('button')!).defaultPrevented).toBe(false);
    expect(refused).not.toHaveBeenCalled();
    expect(guard.seen(document.querySelector('button'))).toBe(true);
  });

  it('stops a click on a button reported covered or see-through, and lets it through once it is visible', async () => {
    withObserver();
    document.body.innerHTML = '<header data-sight></header><ul><li data-id="s1"><button>Approve</button></li></ul>';
    const [refused, seen, handled] = [vi.fn(), vi.fn(), vi.fn()];
    document.addEventListener('click', handled);
    guard = guardSight(window, refused, seen);
    const io = FakeObserver.last!;
    expect(io.options).toMatchObject({ trackVisibility: true });
    const [header, approve] = [document.querySelector('header')!, document.querySelector('button')!];
    expect([...io.targets]).toEqual([header, approve]);

    // Not reported yet: it counts as seen.
    expect(click(approve).defaultPrevented).toBe(false);
    expect([seen.mock.calls.length, handled.mock.calls.length]).toEqual([1, 1]);

    io.report(approve, false);
    io.report(header, false);
    expect(approve.hasAttribute(COVERED)).toBe(true);
    expect([guard.seen(approve), guard.seen(header)]).toEqual([false, false]);
    expect(click(approve).defaultPrevented).toBe(true);
    expect([refused.mock.calls.length, handled.mock.calls.length]).toEqual([1, 1]);

    io.report(approve, true);
    expect(approve.hasAttribute(COVERED)).toBe(false);
    expect(click(approve).defaultPrevented).toBe(false);
    expect([seen.mock.calls.length, handled.mock.calls.length]).toEqual([2, 2]);
    document.removeEventListener('click', handled);
  });

  it('watches the buttons and marked elements added after it started, not the cards', async () => {
    withObserver();
    guard = guardSight(
      window,
      () => {},
      () => {},
    );
    const io = FakeObserver.last!;
    document.body.innerHTML = '<header data-sight></header><ul><li data-id="s2"><button>Reject…</button></li></ul>';
    await vi.waitFor(() => expect(io.targets.size).toBe(2));
    expect([...io.targets]).toEqual([document.querySelector('header'), document.querySelector('button')]);
  });
});
