import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useShortcuts, type ShortcutMap } from './shortcuts';

function Harness({ map }: { map: ShortcutMap }) {
  useShortcuts(map);
  return (
    <div>
      <input aria-label="reason" />
      <input aria-label="keep" type="checkbox" />
    </div>
  );
}

const press = (target: Element, key: string, code: string, init: KeyboardEventInit = {}) =>
  fireEvent.keyDown(target, { key, code, ...init });

describe('useShortcuts', () => {
  it('tells letters apart by case and leaves browser shortcuts alone', () => {
    const lower = vi.fn();
    const upper = vi.fn();
    const help = vi.fn();
    render(<Harness map={{ a: lower, 'Shift+A': upper, '?': help }} />);
    press(document.body, 'a', 'KeyA');
    press(document.body, 'A', 'KeyA', { shiftKey: true });
    press(document.body, 'a', 'KeyA', { ctrlKey: true });
    press(document.body, '?', 'Slash', { shiftKey: true });
    expect(lower).toHaveBeenCalledTimes(1);
    expect(upper).toHaveBeenCalledTimes(1);
    expect(help).toHaveBeenCalledTimes(1);
  });

  it('runs the handler, but not while typing in a text field', () => {
    const approve = vi.fn();
    const { getByLabelText } = render(<Harness map={{ a: approve }} />);
    press(document.body, 'a', 'KeyA');
    expect(approve).toHaveBeenCalledTimes(1);
    press(getByLabelText('reason'), 'a', 'KeyA');
    expect(approve).toHaveBeenCalledTimes(1);
    press(getByLabelText('keep'), 'a', 'KeyA');
    expect(approve).toHaveBeenCalledTimes(2);
  });

  it('prevents the default action of a handled key only', () => {
    render(<Harness map={{ r: () => {} }} />);
    const handled = new KeyboardEvent('keydown', { key: 'r', code: 'KeyR', bubbles: true, cancelable: true });
    const other = new KeyboardEvent('keydown', { key: 'q', code: 'KeyQ', bubbles: true, cancelable: true });
    document.body.dispatchEvent(handled);
    document.body.dispatchEvent(other);
    expect(handled.defaultPrevented).toBe(true);
    expect(other.defaultPrevented).toBe(false);
  });
});
