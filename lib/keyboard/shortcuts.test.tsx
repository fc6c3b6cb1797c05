import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { matches, useShortcuts, type ShortcutMap } from './shortcuts';

const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', init);

function Harness({ map }: { map: ShortcutMap }) {
  useShortcuts(map);
  return (
    <div>
      <input aria-label="reason" />
      <input aria-label="keep" type="checkbox" />
    </div>
  );
}

describe('matches', () => {
  it('tells letters apart by case and leaves browser shortcuts alone', () => {
    expect(matches('a', key({ key: 'a' }))).toBe(true);
    expect(matches('a', key({ key: 'A', shiftKey: true }))).toBe(false);
    expect(matches('Shift+A', key({ key: 'A', shiftKey: true }))).toBe(true);
    expect(matches('a', key({ key: 'a', ctrlKey: true }))).toBe(false);
    expect(matches('?', key({ key: '?', shiftKey: true }))).toBe(true);
    expect(matches('ArrowDown', key({ key: 'ArrowDown' }))).toBe(true);
    expect(matches('ArrowDown', key({ key: 'ArrowDown', shiftKey: true }))).toBe(false);
  });
});

describe('useShortcuts', () => {
  it('runs the handler, but not while typing in a text field', () => {
    const approve = vi.fn();
    const { getByLabelText } = render(<Harness map={{ a: approve }} />);
    fireEvent.keyDown(document.body, { key: 'a' });
    expect(approve).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(getByLabelText('reason'), { key: 'a' });
    expect(approve).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(getByLabelText('keep'), { key: 'a' });
    expect(approve).toHaveBeenCalledTimes(2);
  });

  it('prevents the default action of a handled key only', () => {
    render(<Harness map={{ r: () => {} }} />);
    const handled = key({ key: 'r', bubbles: true, cancelable: true });
    const other = key({ key: 'q', bubbles: true, cancelable: true });
    document.body.dispatchEvent(handled);
    document.body.dispatchEvent(other);
    expect(handled.defaultPrevented).toBe(true);
    expect(other.defaultPrevented).toBe(false);
  });
});
