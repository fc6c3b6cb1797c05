import { afterEach, describe, expect, it, vi } from 'vitest';
import { guardKeys, type KeyState } from './key-guard';

/** A key as the browser delivers it to the focused element: it bubbles, and its default can be prevented. */
const press = (key: string, type: 'keydown' | 'keyup' = 'keydown') => {
  const event = new KeyboardEvent(type, { key, bubbles: true, cancelable: true });
  document.body.dispatchEvent(event);
  return event;
};

describe('the panel frame’s key guard', () => {
  const states: KeyState[] = [];
  const heard: string[] = [];
  // What the panel's shortcuts and buttons stand for: a listener on the window, after the guard.
  const shortcut = (e: KeyboardEvent) => heard.push(`${e.type} ${e.key}`);
  let remove = () => {};

  const guard = (askGrant: () => Promise<boolean> = async () => false, hidden?: () => boolean) => {
    remove = guardKeys(window, askGrant, (s) => states.push(s), hidden);
    window.addEventListener('keydown', shortcut);
    window.addEventListener('keyup', shortcut);
  };
  afterEach(() => {
    remove();
    window.removeEventListener('keydown', shortcut);
    window.removeEventListener('keyup', shortcut);
    states.length = 0;
    heard.length = 0;
  });

  it('stops every key but Tab until the user presses a pointer in the panel, and says it refused one', async () => {
    guard();
    const a = press('a');
    expect(a.defaultPrevented).toBe(true);
    press('Enter');
    press(' ', 'keyup');
    expect(heard).toEqual([]);
    expect(states.at(-1)).toEqual({ armed: false, refused: 'focus' });

    press('Tab');
    expect(heard).toEqual(['keydown Tab']);

    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    expect(states.at(-1)).toEqual({ armed: true, refused: null });
    expect(press('a').defaultPrevented).toBe(false);
    expect(heard).toEqual(['keydown Tab', 'keydown a']);
  });

  it('takes the keys away when the panel loses the focus', () => {
    guard();
    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    window.dispatchEvent(new Event('blur'));
    expect(states.at(-1)).toEqual({ armed: false, refused: null });
    press('a');
    expect(heard).toEqual([]);
  });

  it('takes keys when the focus arrives with a grant (the focus-panel command), not without one', async () => {
    const askGrant = vi.fn(async () => false);
    guard(askGrant);
    // The document has the focus when the guard starts: it asks at once, and is refused.
    await vi.waitFor(() => expect(askGrant).toHaveBeenCalledTimes(1));
    press('a');
    expect(heard).toEqual([]);

    askGrant.mockResolvedValueOnce(true);
    window.dispatchEvent(new Event('focus'));
    await vi.waitFor(() => expect(states.at(-1)).toEqual({ armed: true, refused: null }));
    press('a');
    expect(heard).toEqual(['keydown a']);
  });

  it('ignores a grant that answers after the panel has lost the focus again', async () => {
    let answer: (granted: boolean) => void = () => {};
    const grant = new Promise<boolean>((resolve) => (answer = resolve));
    guard(() => grant);
    window.dispatchEvent(new Event('blur'));
    answer(true);
    // The guard's own callback on the grant runs before this await resumes.
    await grant;
    press('a');
    expect(heard).toEqual([]);
    expect(states.some((s) => s.armed)).toBe(false);
  });

  it('stops keys, armed or not, while what has the focus is covered or see-through, and takes them once it is not', () => {
    let covered = true;
    guard(
      async () => false,
      () => covered,
    );
    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    expect(press('a').defaultPrevented).toBe(true);
    expect(heard).toEqual([]);
    expect(states.at(-1)).toEqual({ armed: true, refused: 'sight' });
    covered = false;
    press('a');
    expect(heard).toEqual(['keydown a']);
    expect(states.at(-1)).toEqual({ armed: true, refused: null });
  });
});
