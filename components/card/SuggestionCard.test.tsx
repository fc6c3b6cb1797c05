import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIXTURE_NOW, makeSuggestion } from '../../lib/hooks/testing/fixtures';
import { outbox, REP, seed, testBackground } from '../../lib/hooks/testing/harness';
import type { CachedSuggestion } from '../../lib/hooks/types';
import type { User } from '../../lib/schemas/user';
import { SuggestionCard } from './SuggestionCard';

const MIN = 60_000;
const MANAGER: User = { id: 'u-maya', name: 'Maya', role: 'manager', team: null };

async function renderCard(s: CachedSuggestion, user: User = REP) {
  const { db } = testBackground({ user });
  await seed(db, s);
  const view = render(
    <ul>
      <SuggestionCard s={s} current user={user} />
    </ul>,
  );
  return { db, view, card: screen.getAllByRole('listitem')[0]! };
}

describe('SuggestionCard', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('shows a pending item with everything needed to judge it', async () => {
    const { card } = await renderCard(makeSuggestion());
    expect(within(card).getByRole('heading', { name: 'Move Acme Corp, 40 seats from Negotiation to Closed Lost' }));
    expect(card.getAttribute('aria-current')).toBe('true');
    expect(within(card).getByText('Negotiation').tagName).toBe('DEL');
    expect(within(card).getByText('Closed Lost').tagName).toBe('INS');
    expect(within(card).getByRole('list', { name: 'Reasons' }).textContent).toContain('Champion left the company');
    expect(within(card).getByText('82% confidence')).toBeTruthy();
    expect(within(card).getByText('Low risk')).toBeTruthy();
    expect(within(card).getByText(/Proposed by Pipeline Agent/).textContent).toContain('1 h ago');
    expect(within(card).getByRole('timer').textContent).toBe('Times out in 1 d 0 h · then: reject');
    const approve = within(card).getByRole('button', { name: 'Approve' });
    expect(approve.getAttribute('aria-keyshortcuts')).toBe('a');
    expect(within(card).getByRole('checkbox', { name: /Select for batch approval/ })).toBeTruthy();
  });

  it('says a decision taken here is waiting to sync, and offers no more decisions', async () => {
    const { card } = await renderCard(makeSuggestion({ local: { kind: 'approve', at: FIXTURE_NOW, outboxSeq: 1 } }));
    expect(within(card).getByRole('status').textContent).toBe('Approved — waiting to sync');
    expect(within(card).queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('names who decided elsewhere and when', async () => {
    const s = makeSuggestion({
      status: 'approved',
      lastDecision: { kind: 'approve', byId: 'u-raj', byName: 'Raj', at: FIXTURE_NOW - 2 * MIN },
    });
    const { card } = await renderCard(s);
    expect(within(card).getByText(/Approved by Raj/).textContent).toBe('Approved by Raj 2 min ago');
    expect(within(card).queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('says when a decision taken here lost to another, until the reviewer dismisses it', async () => {
    const s = makeSuggestion({
      status: 'approved',
      notice: { kind: 'conflict', message: 'Approved by Raj', at: FIXTURE_NOW - 2 * MIN },
    });
    const { card, db } = await renderCard(s);
    expect(within(card).getByText(/Approved by Raj/).textContent).toBe(
      'Your decision did not go through: Approved by Raj 2 min ago',
    );
    expect(within(card).getByText('Approved', { exact: false, selector: '.status' }).textContent).toBe(
      'Approved 1 h ago',
    );
    await userEvent.setup().click(within(card).getByRole('button', { name: 'Dismiss this notice' }));
    await waitFor(async () => expect((await db.suggestions.get(s.id))?.notice).toBeUndefined());
  });

  it('shows a timed-out item with what happened, without decisions', async () => {
    const s = makeSuggestion({ expiresAt: new Date(FIXTURE_NOW - 1000).toISOString(), timeoutAction: 'escalate' });
    const { card } = await renderCard(s);
    expect(within(card).getByText(/Timed out — then: escalate/)).toBeTruthy();
    expect(within(card).queryByRole('group', { name: 'Decide' })).toBeNull();
    expect(within(card).queryByRole('checkbox')).toBeNull();
  });

  it('lets the reviewer confirm a condition, through the outbox', async () => {
    const s = makeSuggestion({ status: 'awaiting_condition', condition: 'The customer confirms the address' });
    const { card, db } = await renderCard(s);
    expect(within(card).getByText('The customer confirms the address')).toBeTruthy();
    const user = userEvent.setup();
    await user.click(within(card).getByRole('button', { name: 'Confirm condition met' }));
    const entries = await outbox(db);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ suggestionId: s.id, op: 'condition', payload: { confirmed: true } });
    expect((await db.suggestions.get(s.id))?.local?.kind).toBe('confirm');
  });

  it('explains a stale item', async () => {
    const { card } = await renderCard(makeSuggestion({ status: 'stale' }));
    expect(within(card).getByText(/Stale: The record changed before the approved change could run/)).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('shows executed and failed items', async () => {
    const done = await renderCard(makeSuggestion({ status: 'executed' }));
    expect(within(done.card).getByText(/Executed/)).toBeTruthy();
    done.view.unmount();
    const failed = await renderCard(makeSuggestion({ status: 'failed' }));
    expect(within(failed.card).getByText(/Execution failed/)).toBeTruthy();
  });

  it('marks risky items and hides batch selection in the explicit lane', async () => {
    const s = makeSuggestion({
      lane: 'explicit',
      tier: 'manager',
      impact: { amount: 48000, customerFacing: true, reversible: false },
    });
    const { card } = await renderCard(s, MANAGER);
    expect(within(card).getByText('$48,000.00 at stake')).toBeTruthy();
    expect(within(card).getByText('Customer-facing')).toBeTruthy();
    expect(within(card).getByText('Irreversible')).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Approve with reason…' })).toBeTruthy();
    expect(within(card).queryByRole('checkbox')).toBeNull();
  });
});
