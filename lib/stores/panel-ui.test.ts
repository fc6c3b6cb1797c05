import { beforeEach, describe, expect, it } from 'vitest';
import { resetPanelUi, usePanelUi } from './panel-ui';

const ui = () => usePanelUi.getState();

describe('panel UI store', () => {
  beforeEach(resetPanelUi);

  it('moves focus within the card order, from the first card, and stops at the ends', () => {
    ui().setOrder(['a', 'b', 'c']);
    ui().moveFocus(1);
    expect(ui().focusedId).toBe('b');
    ui().moveFocus(1);
    ui().moveFocus(1);
    expect(ui().focusedId).toBe('c');
    ui().moveFocus(-1);
    expect(ui().focusedId).toBe('b');
    ui().moveFocus(-5);
    expect(ui().focusedId).toBe('a');
  });

  it('advances past a decided card, staying on the last one', () => {
    ui().setOrder(['a', 'b']);
    ui().advanceFrom('a');
    expect(ui().focusedId).toBe('b');
    ui().advanceFrom('b');
    expect(ui().focusedId).toBe('b');
  });

  it('toggles and clears the selection', () => {
    ui().toggleSelected('a');
    ui().select(['a', 'b']);
    expect(ui().selected).toEqual(['a', 'b']);
    ui().toggleSelected('a');
    expect(ui().selected).toEqual(['b']);
    ui().clearSelection();
    expect(ui().selected).toEqual([]);
  });

  it('keeps one open form per card and focuses it', () => {
    ui().openForm('a', 'reject');
    ui().openForm('b', 'modify');
    expect(ui().forms).toEqual({ a: 'reject', b: 'modify' });
    expect(ui().focusedId).toBe('b');
    ui().closeForm('a');
    expect(ui().forms).toEqual({ b: 'modify' });
  });

  it('remembers only the first time a card was shown', () => {
    ui().markShown('a', 100);
    ui().markShown('a', 500);
    expect(ui().shownAt.a).toBe(100);
  });
});
