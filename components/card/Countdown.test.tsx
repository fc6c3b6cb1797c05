import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Countdown } from './Countdown';

const NOW = Date.parse('2026-11-22T10:00:00.000Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();

describe('Countdown', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('counts down every second from the server’s expiresAt and says what happens then', () => {
    render(<Countdown expiresAt={at(4 * 60_000 + 32_000 + 300)} then="reject" />);
    const timer = screen.getByRole('timer');
    expect(timer.textContent).toContain('times out in 4:32 · then: reject');
    act(() => vi.advanceTimersByTime(1000));
    expect(timer.textContent).toContain('4:31');
    act(() => vi.advanceTimersByTime(60_000));
    expect(timer.textContent).toContain('3:31');
  });

  it('turns urgent under five minutes, and not before', () => {
    render(<Countdown expiresAt={at(5 * 60_000 + 2_000)} then="escalate" />);
    const timer = screen.getByRole('timer');
    expect(timer.className).toBe('countdown');
    expect(timer.textContent).toBe('Times out in 5:02 · then: escalate');
    act(() => vi.advanceTimersByTime(3000));
    expect(timer.className).toBe('countdown urgent');
    expect(timer.textContent).toContain('Soon: times out in 4:59');
  });

  it('shows long waits in hours and says when the time is up', () => {
    render(<Countdown expiresAt={at(3 * 3_600_000 + 5 * 60_000)} then="reject" />);
    expect(screen.getByRole('timer').textContent).toBe('Times out in 3 h 05 min · then: reject');
    act(() => vi.advanceTimersByTime(3 * 3_600_000 + 5 * 60_000));
    expect(screen.getByRole('timer').textContent).toBe('Timed out · then: reject');
  });
});
