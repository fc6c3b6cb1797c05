import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { usePanelGuard } from '../../lib/stores/panel-guard';
import { GuardNotice } from './GuardNotice';

describe('the guard notice', () => {
  afterEach(() => usePanelGuard.setState({ armed: false, refused: null }));

  it('says how to go on once a key was stopped, and goes once the panel takes keys', () => {
    render(<GuardNotice />);
    expect(screen.queryByRole('status')).toBeNull();
    act(() => usePanelGuard.setState({ armed: false, refused: 'focus' }));
    expect(screen.getByRole('status').textContent).toMatch(/Keys paused.*Click in the panel.*Alt\+Shift\+K/);
    act(() => usePanelGuard.setState({ armed: true, refused: null }));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says the panel is covered or see-through when a click or key was stopped for it, armed or not', () => {
    render(<GuardNotice />);
    act(() => usePanelGuard.setState({ armed: true, refused: 'sight' }));
    expect(screen.getByRole('status').textContent).toMatch(/covered or see-through.*fully into view/);
  });
});
