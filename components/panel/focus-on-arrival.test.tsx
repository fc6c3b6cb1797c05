import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIXTURE_NOW, makeSuggestion } from '../../lib/hooks/testing/fixtures';
import { seed, setConnectionState, testBackground } from '../../lib/hooks/testing/harness';
import { ReviewPanel } from './ReviewPanel';

describe('focus arriving in the panel', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('goes on to the current card when it lands on nothing (the focus-panel command focuses the frame)', async () => {
    const { db } = testBackground();
    await setConnectionState(db, 'online');
    const first = makeSuggestion({ priority: 'high' });
    await seed(db, first, makeSuggestion());
    render(<ReviewPanel />);
    await screen.findAllByRole('heading', { level: 2 });
    const card = screen.getAllByRole('listitem').find((li) => li.dataset.id === first.id)!;
    // The panel picks its current card once its reads settle: until then the focus has nowhere to go.
    await waitFor(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      expect(document.activeElement).toBe(document.body);
      window.dispatchEvent(new Event('focus'));
      expect(document.activeElement).toBe(card);
    });

    // Focus already inside the panel (a click on a button) stays where it is.
    const approve = screen.getAllByRole('button', { name: 'Approve' })[1]!;
    approve.focus();
    window.dispatchEvent(new Event('focus'));
    expect(document.activeElement).toBe(approve);
  });
});
