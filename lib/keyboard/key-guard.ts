/**
 * Whether the panel takes keys now, and why it last stopped an action, if it has since it last took one: the focus
 * came without the user, or what the action was on is covered or see-through (`guardSight`).
 */
export interface KeyState {
  armed: boolean;
  refused: 'focus' | 'sight' | null;
}

const KEY_EVENTS = ['keydown', 'keypress', 'keyup'] as const;

/**
 * Keys reach the panel only once the user has put them there. The CRM page can move the focus into the panel's frame
 * (`iframe.focus()`), even with the frame hidden, and the user's next keystroke, meant for the page, would then
 * approve the current card. So the panel takes keys only after a pointer press inside it, or when the focus came with
 * the focus-panel command (`askGrant`: the background's `KeyGrants`). Until then every key but Tab is stopped before
 * any shortcut, button or field sees it, and `onChange` reports the refusal so the panel can say how to go on. The
 * keys go again when the panel loses the focus. A page cannot send input events into the frame: any event seen here
 * is the user's, or the panel's own. Keys are stopped too while `hidden` says that what has the focus is covered or
 * see-through (`guardSight`). Returns the function that removes the guard.
 */
export function guardKeys(
  win: Window,
  askGrant: () => Promise<boolean>,
  onChange: (s: KeyState) => void,
  hidden: () => boolean = () => false,
): () => void {
  let state: KeyState = { armed: false, refused: null };
  const set = (next: KeyState) => {
    if (next.armed === state.armed && next.refused === state.refused) return;
    state = next;
    onChange(state);
  };
  const arm = () => set({ armed: true, refused: null });

  let asking = 0;
  const focused = () => {
    if (state.armed) return;
    const asked = ++asking;
    void askGrant().then(
      (granted) => {
        if (granted && asked === asking && win.document.hasFocus()) arm();
      },
      () => undefined,
    );
  };
  const left = () => {
    asking++;
    set({ armed: false, refused: null });
  };
  const key = (e: KeyboardEvent) => {
    if (e.key === 'Tab') return;
    const why = !state.armed ? 'focus' : hidden() ? 'sight' : null;
    if (why === null) {
      if (e.type === 'keydown' && state.refused !== null) set({ armed: true, refused: null });
      return;
    }
    e.preventDefault();
    e.stopImmediatePropagation();
    if (e.type === 'keydown') set({ armed: state.armed, refused: why });
  };

  win.addEventListener('pointerdown', arm, true);
  win.addEventListener('focus', focused);
  win.addEventListener('blur', left);
  for (const type of KEY_EVENTS) win.addEventListener(type, key, true);
  // The focus may have come before the panel started.
  if (win.document.hasFocus()) focused();
  return () => {
    win.removeEventListener('pointerdown', arm, true);
    win.removeEventListener('focus', focused);
    win.removeEventListener('blur', left);
    for (const type of KEY_EVENTS) win.removeEventListener(type, key, true);
  };
}
