import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIXTURE_NOW, makeSuggestion } from '../../lib/hooks/testing/fixtures';
import { outbox, seed, setConnectionState, testBackground, type TestBackground } from '../../lib/hooks/testing/harness';
import type { CachedSuggestion } from '../../lib/hooks/types';
import { ReviewPanel } from './ReviewPanel';

const DAY = 24 * 3600_000;
const cardOf = (s: CachedSuggestion) => screen.queryAllByRole('listitem').find((li) => li.dataset.id === s.id);
const outcome = (detail: string | null) => ({ ok: false, detail, at: new Date(FIXTURE_NOW - DAY).toISOString() });
const longAgo = new Date(FIXTURE_NOW - 2 * DAY).toISOString();

let bg: TestBackground;

async function open(...items: CachedSuggestion[]) {
  await seed(bg.db, ...items);
  render(<ReviewPanel />);
  await screen.findAllByRole('heading', { level: 2 });
  return userEvent.setup();
}

describe('stale and failed items on the panel', () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
    bg = testBackground();
    await setConnectionState(bg.db, 'online');
  });
  afterEach(() => vi.useRealTimers());

  it('say, days later, that the record changed and nothing was changed, with the executor’s words as text', async () => {
    const stale = makeSuggestion({
      status: 'stale',
      version: 3,
      updatedAt: longAgo,
      outcome: outcome('record changed: Stage is <b>Closed Won</b>'),
    });
    await open(stale);
    const card = cardOf(stale)!;
    expect(
      within(card).getByText(/^Stale: The record changed before the approved change could run/).textContent,
    ).toContain('so nothing was changed');
    expect(within(card).getByText(/What the record holds now/).textContent).toBe(
      'What the record holds now: record changed: Stage is <b>Closed Won</b>',
    );
    expect(card.querySelector('b')).toBeNull();
    // Nothing to decide: the server takes no decision on it.
    expect(within(card).queryByRole('button', { name: /Approve|Reject/ })).toBeNull();
    expect(within(card).getByRole('button', { name: 'Got it' }).getAttribute('aria-keyshortcuts')).toBe('g');
  });

  it('say why execution failed, and go when the reviewer clicks Got it, sending nothing to the server', async () => {
    const failed = makeSuggestion({
      status: 'failed',
      version: 3,
      updatedAt: longAgo,
      outcome: outcome('CRM said 503'),
    });
    const bare = makeSuggestion({ status: 'failed', version: 3, updatedAt: longAgo });
    const user = await open(failed, bare);
    expect(within(cardOf(failed)!).getByText('Reason: CRM said 503')).toBeTruthy();
    expect(within(cardOf(bare)!).getByText('Reason: the executor gave none.')).toBeTruthy();

    await user.click(within(cardOf(failed)!).getByRole('button', { name: 'Got it' }));
    await waitFor(() => expect(cardOf(failed)).toBeUndefined());
    expect((await bg.db.suggestions.get(failed.id))?.acknowledgedVersion).toBe(3);
    expect(cardOf(bare)).toBeTruthy();
    expect(await outbox(bg.db)).toEqual([]);
  });

  it('are acknowledged with g, the focus going on to the next card; g on an open card does nothing', async () => {
    const open1 = makeSuggestion();
    const stale = makeSuggestion({ status: 'stale', version: 3, updatedAt: longAgo });
    const failed = makeSuggestion({ status: 'failed', version: 2, updatedAt: longAgo });
    const user = await open(open1, stale, failed);
    await user.keyboard('g');
    expect(bg.sent.some((m) => m.type === 'notice.dismiss')).toBe(false);
    expect(cardOf(open1)).toBeTruthy();

    await user.keyboard('j');
    expect(cardOf(stale)!.getAttribute('aria-current')).toBe('true');
    await user.keyboard('g');
    await waitFor(() => expect(cardOf(stale)).toBeUndefined());
    expect(cardOf(failed)!.getAttribute('aria-current')).toBe('true');
    await user.keyboard('g');
    await waitFor(() => expect(cardOf(failed)).toBeUndefined());
    expect(screen.getByRole('list', { name: 'Suggestions' }).children).toHaveLength(1);
  });

  it('name g in the shortcut list', async () => {
    const user = await open(makeSuggestion());
    await user.keyboard('?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(help).getByText(/Got it: clear a card’s notice, or a stale or failed item/)).toBeTruthy();
  });
});
