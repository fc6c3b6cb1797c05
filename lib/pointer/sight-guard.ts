/**
 * What the guard watches: the buttons, whose clicks it judges one by one, and the elements marked `data-sight` (the
 * panel's header), which tell whether the panel as a whole is in view. Cards are not: a card taller than the list
 * is never fully visible, and its keys must still work.
 */
const WATCHED = 'button, [data-sight]';

/** Set on a watched element while the browser reports it covered or see-through. */
export const COVERED = 'data-covered';

export interface SightGuard {
  /** False when the browser reported `el` covered or see-through; true when it is visible, or not known yet. */
  seen(el: Element | null | undefined): boolean;
  dispose(): void;
}

type VisibilityEntry = IntersectionObserverEntry & { isVisible?: boolean };

/**
 * Clickjacking: the CRM page cannot click in the panel's frame, but it can make the frame see-through, or cover it
 * with a decoy that lets clicks through, and place it under the user's own click, which then lands on Approve. The
 * browser's IntersectionObserver v2 (`trackVisibility`, in Chromium) says whether an element is fully visible: not
 * covered, not see-through, not distorted. A click on a button it reports otherwise is stopped before the panel
 * sees it, and `onRefused` says so; `onSeen` follows a click that went through. A button partly scrolled out of the
 * list is not fully visible either: the refused click brings it into view, so that the next one goes through. `seen` lets the key guard judge the
 * focused card the same way. An element not reported yet counts as seen; where the browser has no such observer,
 * everything does.
 */
export function guardSight(win: Window & typeof globalThis, onRefused: () => void, onSeen: () => void): SightGuard {
  const Observer = win.IntersectionObserver;
  if (!Observer || !('isVisible' in win.IntersectionObserverEntry.prototype)) {
    return { seen: () => true, dispose: () => {} };
  }
  const visible = new WeakMap<Element, boolean>();
  const io = new Observer(
    (entries: VisibilityEntry[]) => {
      for (const e of entries) {
        const shown = e.isVisible === true;
        visible.set(e.target, shown);
        e.target.toggleAttribute(COVERED, !shown);
      }
    },
    { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
  );
  const watch = (root: ParentNode) => {
    if (root instanceof win.Element && root.matches(WATCHED)) io.observe(root);
    root.querySelectorAll(WATCHED).forEach((el) => io.observe(el));
  };
  const added = new MutationObserver((records) => {
    for (const r of records) r.addedNodes.forEach((n) => n instanceof win.Element && watch(n));
  });
  added.observe(win.document, { childList: true, subtree: true });
  watch(win.document);

  const seen = (el: Element | null | undefined) => !el || visible.get(el) !== false;
  const click = (e: MouseEvent) => {
    const button = e.target instanceof win.Element ? e.target.closest('button') : null;
    if (!button) return;
    if (seen(button)) return onSeen();
    e.preventDefault();
    e.stopImmediatePropagation();
    // Partly scrolled out of the list counts as covered too: brought fully into view, it takes the next click.
    button.scrollIntoView?.({ block: 'nearest' });
    onRefused();
  };
  win.addEventListener('click', click, true);
  return {
    seen,
    dispose() {
      io.disconnect();
      added.disconnect();
      win.removeEventListener('click', click, true);
    },
  };
}
