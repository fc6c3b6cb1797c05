import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CountersignDb } from '../../lib/db/schema';
import { FIXTURE_NOW, makeSuggestion } from '../../lib/hooks/testing/fixtures';
import { outbox, seed, setConnectionState, testBackground, type TestBackground } from '../../lib/hooks/testing/harness';
import type { CachedSuggestion } from '../../lib/hooks/types';
import { ReviewPanel } from './ReviewPanel';

let db: CountersignDb;
let bg: TestBackground;

async function open(...items: CachedSuggestion[]) {
  await seed(db, ...items);
  render(<ReviewPanel />);
  await screen.findAllByRole('heading', { level: 2 });
  return userEvent.setup();
}

const cardOf = (s: CachedSuggestion) => screen.getAllByRole('listitem').find((li) => li.dataset.id === s.id)!;

describe('deciding in the panel', () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
    bg = testBackground();
    db = bg.db;
    await setConnectionState(db, 'online');
  });
  afterEach(() => vi.useRealTimers());

  it('approves the focused low-risk card with one key: one outbox entry, the optimistic state, a flush', async () => {
    const s = makeSuggestion();
    const user = await open(s, makeSuggestion());
    vi.setSystemTime(FIXTURE_NOW + 4_000);
    await user.keyboard('a');

    await waitFor(async () => expect(await outbox(db)).toHaveLength(1));
    const [entry] = await outbox(db);
    expect(entry).toMatchObject({ suggestionId: s.id, op: 'decide', payload: { kind: 'approve', openedMs: 4_000 } });
    expect((await db.suggestions.get(s.id))?.local).toMatchObject({ kind: 'approve', outboxSeq: entry!.seq });
    await waitFor(() => expect(bg.flushes).toBe(1));
    await within(cardOf(s)).findByText('Approved — waiting to sync');
  });

  it('moves between cards with j and k and acts on the focused one', async () => {
    const first = makeSuggestion({ priority: 'high' });
    const second = makeSuggestion();
    const user = await open(first, second);
    expect(cardOf(first).getAttribute('aria-current')).toBe('true');
    await user.keyboard('j');
    expect(cardOf(second).getAttribute('aria-current')).toBe('true');
    expect(document.activeElement).toBe(cardOf(second));
    await user.keyboard('k');
    expect(cardOf(first).getAttribute('aria-current')).toBe('true');
    await user.keyboard('{ArrowDown}a');
    await waitFor(async () => expect(await outbox(db)).toHaveLength(1));
    expect((await outbox(db))[0]!.suggestionId).toBe(second.id);
  });

  it('needs a reason to reject: nothing reaches the outbox without one', async () => {
    const s = makeSuggestion();
    const user = await open(s);
    await user.keyboard('r');
    const reason = screen.getByRole('textbox', { name: /Reason for rejecting/ });
    expect(document.activeElement).toBe(reason);
    expect(reason).toHaveProperty('value', '');
    await user.keyboard('{Enter}');
    expect(screen.getByRole('alert').textContent).toBe('A reason is required to reject.');
    expect(await outbox(db)).toHaveLength(0);

    await user.type(reason, 'Deal is still active, call booked Friday{Enter}');
    await waitFor(async () => expect(await outbox(db)).toHaveLength(1));
    expect((await outbox(db))[0]!.payload).toMatchObject({
      kind: 'reject',
      note: 'Deal is still active, call booked Friday',
    });
  });

  it('closes a form with Escape and writes nothing', async () => {
    const user = await open(makeSuggestion());
    await user.keyboard('e');
    expect(screen.getByRole('form', { name: 'Escalate' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Escalate' })).toBeNull();
    expect(await outbox(db)).toHaveLength(0);
  });

  it('asks for the policy’s reason before an explicit-lane approval', async () => {
    const s = makeSuggestion({ lane: 'explicit', impact: { amount: 48000, customerFacing: false, reversible: true } });
    const user = await open(s);
    await user.keyboard('a');
    expect(await outbox(db)).toHaveLength(0);
    const reason = screen.getByRole('textbox', { name: /Reason for approving/ });
    await user.keyboard('{Enter}');
    expect(screen.getByRole('alert').textContent).toMatch(/reason the policy requires/);
    expect(await outbox(db)).toHaveLength(0);
    await user.type(reason, 'Confirmed with the AE{Enter}');
    await waitFor(async () => expect(await outbox(db)).toHaveLength(1));
    expect((await outbox(db))[0]!.payload).toMatchObject({ kind: 'approve', note: 'Confirmed with the AE' });
  });

  it('batch-approves the selected review items and never an explicit one', async () => {
    const low1 = makeSuggestion({ priority: 'urgent' });
    const low2 = makeSuggestion({ priority: 'high' });
    const outlier = makeSuggestion({ priority: 'normal', impact: { customerFacing: true, reversible: true } });
    const explicit = makeSuggestion({ priority: 'low', lane: 'explicit' });
    const user = await open(low1, low2, outlier, explicit);

    await user.keyboard('{Shift>}A{/Shift}');
    const button = screen.getByRole('button', { name: 'Approve 2 selected' });
    expect(document.activeElement).toBe(button);
    expect(within(cardOf(outlier)).getByRole('checkbox')).toHaveProperty('checked', false);
    expect(within(cardOf(explicit)).queryByRole('checkbox')).toBeNull();

    await user.keyboard('jjjx'); // the explicit card is last: x does nothing there
    await user.click(screen.getByRole('button', { name: 'Approve 2 selected' }));
    await waitFor(async () => expect(await outbox(db)).toHaveLength(2));
    const entries = await outbox(db);
    expect(entries.map((e) => e.suggestionId).sort()).toEqual([low1.id, low2.id].sort());
    expect(entries.every((e) => (e.payload as { kind: string }).kind === 'approve')).toBe(true);
    expect((await db.suggestions.get(explicit.id))?.local).toBeUndefined();
    await waitFor(() => expect(bg.flushes).toBe(1));
  });

  it('selects an outlier by hand with x and approves it with Enter on the batch button', async () => {
    const outlier = makeSuggestion({ impact: { customerFacing: true, reversible: true } });
    const user = await open(outlier);
    await user.keyboard('x');
    expect(within(cardOf(outlier)).getByRole('checkbox')).toHaveProperty('checked', true);
    screen.getByRole('button', { name: 'Approve 1 selected' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(async () => expect(await outbox(db)).toHaveLength(1));
  });

  it('writes the edited values of a modification', async () => {
    const s = makeSuggestion({
      changeSet: {
        changes: [
          { field: 'dealstage', label: 'Stage', from: 'Negotiation', to: 'Closed Lost' },
          { field: 'amount', label: 'Amount', from: 40000, to: 0 },
        ],
      },
    });
    const user = await open(s);
    await user.keyboard('m');
    const stage = screen.getByRole('textbox', { name: /Stage/ });
    expect(document.activeElement).toBe(stage);
    await user.clear(stage);
    await user.type(stage, 'On Hold');
    await user.type(screen.getByRole('textbox', { name: /Amount/ }), '{Backspace}32000{Enter}');
    await waitFor(async () => expect(await outbox(db)).toHaveLength(1));
    expect((await outbox(db))[0]!.payload).toEqual({
      kind: 'modify',
      changes: [
        { field: 'dealstage', to: 'On Hold' },
        { field: 'amount', to: 32000 },
      ],
      openedMs: 0,
    });
  });

  it('writes an edited draft and a lowered refund', async () => {
    const email = makeSuggestion({
      type: 'email_draft',
      priority: 'high',
      changeSet: { changes: [], draft: { subject: 'Next steps', body: 'See you Tuesday.' } },
    });
    const refund = makeSuggestion({ type: 'refund', changeSet: { changes: [], amount: 49.99 } });
    const user = await open(email, refund);
    await user.keyboard('m');
    const body = screen.getByRole('textbox', { name: /Body/ });
    await user.clear(body);
    await user.type(body, 'See you Thursday.');
    expect(within(cardOf(email)).getByText('Thursday').tagName).toBe('INS');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(async () => expect(await outbox(db)).toHaveLength(1));
    expect((await outbox(db))[0]!.payload).toMatchObject({
      kind: 'modify',
      changes: [],
      draft: { subject: 'Next steps', body: 'See you Thursday.' },
    });
    // While it waits to sync, the card shows what was approved: the edit, word by word.
    await within(cardOf(email)).findByText('Approved with changes — waiting to sync');
    await waitFor(() => expect(within(cardOf(email)).getByText('Thursday').tagName).toBe('INS'));
    expect(within(cardOf(email)).getByText('Tuesday').tagName).toBe('DEL');

    await user.keyboard('p');
    const amount = screen.getByRole('textbox', { name: /Lower amount/ });
    await user.clear(amount);
    await user.type(amount, '35{Enter}');
    await waitFor(async () => expect(await outbox(db)).toHaveLength(2));
    expect((await outbox(db))[1]!.payload).toMatchObject({ kind: 'partial', amount: 35 });
  });

  it('approves on a condition with c and dismisses a risk alert with d', async () => {
    const stage = makeSuggestion({ priority: 'high' });
    const alert = makeSuggestion({ type: 'risk_alert', changeSet: { changes: [] } });
    const user = await open(stage, alert);
    expect(within(cardOf(stage)).queryByRole('button', { name: 'Dismiss' })).toBeNull();
    await user.keyboard('d');
    expect(await outbox(db)).toHaveLength(0);

    await user.keyboard('c');
    await user.keyboard('The customer confirms in writing{Enter}');
    await waitFor(async () => expect(await outbox(db)).toHaveLength(1));
    expect((await outbox(db))[0]!.payload).toMatchObject({
      kind: 'conditional',
      condition: 'The customer confirms in writing',
    });

    expect(cardOf(alert).getAttribute('aria-current')).toBe('true');
    await user.keyboard('d');
    await waitFor(async () => expect(await outbox(db)).toHaveLength(2));
    expect((await outbox(db))[1]).toMatchObject({ suggestionId: alert.id, payload: { kind: 'dismiss' } });
  });

  it('approves part of the changes: untick one, Enter on the checkbox confirms', async () => {
    const s = makeSuggestion({
      changeSet: {
        changes: [
          { field: 'dealstage', label: 'Stage', from: 'Negotiation', to: 'Closed Lost' },
          { field: 'close_reason', label: 'Close reason', from: null, to: 'Champion left' },
        ],
      },
    });
    const user = await open(s);
    await user.keyboard('p');
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: /Stage/ }));
    await user.keyboard(' {Enter}');
    await waitFor(async () => expect(await outbox(db)).toHaveLength(1));
    expect((await outbox(db))[0]!.payload).toMatchObject({ kind: 'partial', changes: [{ field: 'close_reason' }] });
  });

  it('shows an error from the write path inline on the card', async () => {
    const s = makeSuggestion();
    const user = await open(s);
    vi.spyOn(db.outbox, 'add').mockRejectedValueOnce(new Error('The disk is full'));
    await user.keyboard('a');
    expect((await within(cardOf(s)).findByRole('alert')).textContent).toBe('The disk is full');
    expect(await outbox(db)).toHaveLength(0);
    expect((await db.suggestions.get(s.id))?.local).toBeUndefined();
  });
});
