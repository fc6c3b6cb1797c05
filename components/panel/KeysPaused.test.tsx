import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useKeyState } from '../../lib/stores/key-state';
import { KeysPaused } from './KeysPaused';

describe('the keys-paused notice', () => {
  afterEach(() => useKeyState.setState({ armed: false, refused: false }));

  it('says how to go on once a key was stopped, and goes once the panel takes keys', () => {
    render(<KeysPaused />);
    expect(screen.queryByRole('status')).toBeNull();
    act(() => useKeyState.setState({ armed: false, refused: true }));
    expect(screen.getByRole('status').textContent).toMatch(/Keys paused.*Click in the panel.*Alt\+Shift\+K/);
    act(() => useKeyState.setState({ armed: true, refused: false }));
    expect(screen.queryByRole('status')).toBeNull();
  });
});
