import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CountersignDb } from '../../lib/db/schema';
import { FIXTURE_NOW, makeSuggestion } from '../../lib/hooks/testing/fixtures';
import { outbox, REP, seed, setConnectionState, testBackground } from '../../lib/hooks/testing/harness';
import type { CachedSuggestion } from '../../lib/hooks/types';
import type { User } from '../../lib/schemas/user';
import { ReviewPanel } from './ReviewPanel';

// The panel offers a reviewer only the decisions the server takes from them (server/services/access.ts): nothing above
// their tier, no approval of their own proposal, no second approval of their own first one.

let db: CountersignDb;

const RAJ: User = { id: 'u-raj', name: 'Raj', role: 'rep', team: 'west' };
const dana = { id: REP.id, name: REP.name, role: REP.role };
const stage = (to: string) => ({ changes: [{ field: 'dealstage', label: 'Stage', from: 'Negotiation', to }] });

async function open(user: User, ...items: CachedSuggestion[]) {
  db = testBackground({ user }).db;
  await setConnectionState(db, 'online');
  await seed(db, ...items);
  render(<ReviewPanel />);
  await screen.findAllByRole('heading', { level: 2 });
  return userEvent.setup();
}

const cardOf = (s: CachedSuggestion) => screen.getAllByRole('listitem').find((li) => li.dataset.id === s.id)!;
/** The card's button whose name starts with `label`, or null. */
const button = (s: CachedSuggestion, label: string) =>
  within(cardOf(s)).queryByRole('button', { name: new RegExp(`^${label}`) });

describe('who may decide, in the panel', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('offers a rep nothing on a manager-tier card, says who it needs, and `a` sends nothing', async () => {
    const escalated = makeSuggestion({ tier: 'manager' });
    const plain = makeSuggestion();
    const user = await open(REP, escalated, plain);
    expect(within(cardOf(escalated)).getByText('Needs a manager')).toBeTruthy();
    expect(within(cardOf(escalated)).queryByRole('group', { name: 'Decide' })).toBeNull();
    expect(within(cardOf(escalated)).queryByRole('checkbox')).toBeNull();
    cardOf(escalated).focus();
    await user.keyboard('a');
    await user.keyboard('r');
    await user.keyboard('e');
    // A decision the rep may take, sent after those keys: once it is in the outbox, anything they sent would be too.
    cardOf(plain).focus();
    await user.keyboard('a');
    await waitFor(async () => expect((await outbox(db)).map((e) => e.suggestionId)).toEqual([plain.id]));
    expect(screen.queryByRole('form')).toBeNull();
    expect((await db.suggestions.get(escalated.id))?.local).toBeUndefined();
  });

  it('lets a manager decide the same card', async () => {
    const escalated = makeSuggestion({ tier: 'manager' });
    const user = await open({ id: 'u-maya', name: 'Maya', role: 'manager', team: null }, escalated);
    expect(within(cardOf(escalated)).queryByText('Needs a manager')).toBeNull();
    await user.keyboard('a');
    await waitFor(async () => expect(await outbox(db)).toHaveLength(1));
  });

  it('lets no one approve what they proposed, but they may still reject or escalate it', async () => {
    const own = makeSuggestion({ proposedBy: dana });
    const plain = makeSuggestion();
    const user = await open(REP, own, plain);
    expect(within(cardOf(own)).getByText(/^You proposed this/)).toBeTruthy();
    for (const label of ['Approve', 'Modify', 'Partial', 'Conditional']) expect(button(own, label)).toBeNull();
    expect(button(own, 'Reject')).toBeTruthy();
    expect(button(own, 'Escalate')).toBeTruthy();
    cardOf(own).focus();
    await user.keyboard('a');
    await user.keyboard('m');
    expect(screen.queryByRole('textbox')).toBeNull();
    // A decision the rep may take, sent after those keys: once it is in the outbox, anything they sent would be too.
    cardOf(plain).focus();
    await user.keyboard('a');
    await waitFor(async () => expect((await outbox(db)).map((e) => e.suggestionId)).toEqual([plain.id]));
    expect((await db.suggestions.get(own.id))?.local).toBeUndefined();
    cardOf(own).focus();
    await user.keyboard('e');
    expect(screen.getByRole('textbox', { name: /Note for the next tier/ })).toBeTruthy();
  });

  it('leaves what the rep may not approve out of Shift+A, the batch and the count', async () => {
    const mine = makeSuggestion();
    const escalated = makeSuggestion({ tier: 'manager' });
    const own = makeSuggestion({ proposedBy: dana });
    const user = await open(REP, mine, escalated, own);
    expect(within(screen.getByRole('banner')).getByText('1 pending for you')).toBeTruthy();
    await user.keyboard('{Shift>}A{/Shift}');
    const batch = screen.getByRole('button', { name: 'Approve 1 selected' });
    expect(document.activeElement).toBe(batch);
    await user.keyboard('{Enter}');
    await waitFor(async () => expect(await outbox(db)).toHaveLength(1));
    expect((await outbox(db)).map((e) => e.suggestionId)).toEqual([mine.id]);
    await within(screen.getByRole('banner')).findByText('0 pending for you');
    expect(screen.getByText('Nothing here waits for you on this deal')).toBeTruthy();
  });
});

describe('a second approval, in the panel', () => {
  const firstApproval = { by: dana, changeSet: stage('Closed Won'), hash: 'h1' };

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('shows the second approver who approved first and what, and `a` approves exactly that', async () => {
    const s = makeSuggestion({ changeSet: stage('Closed Lost'), firstApproval });
    const user = await open(RAJ, s);
    const card = cardOf(s);
    expect(within(card).getByText('Approved by Dana — a second approver is needed')).toBeTruthy();
    expect(within(card).getByText('Closed Won').tagName).toBe('INS');
    expect(within(card).queryByText('Closed Lost')).toBeNull();
    expect(button(s, 'Approve')).toBeTruthy();
    await user.keyboard('a');
    await waitFor(async () => expect(await outbox(db)).toHaveLength(1));
    // The server builds the change set from the proposal and the decision: this one rebuilds the first approver's.
    expect((await outbox(db))[0]!.payload).toMatchObject({
      kind: 'modify',
      changes: [{ field: 'dealstage', to: 'Closed Won' }],
    });
  });

  it('starts the second approver’s edit from the first approver’s values', async () => {
    const s = makeSuggestion({ changeSet: stage('Closed Lost'), firstApproval });
    const user = await open(RAJ, s);
    await user.keyboard('m');
    expect(screen.getByRole('textbox', { name: /Stage/ })).toHaveProperty('value', 'Closed Won');
  });

  it('offers the first approver no approval of their own, with why', async () => {
    const s = makeSuggestion({ changeSet: stage('Closed Lost'), firstApproval });
    const plain = makeSuggestion();
    const user = await open(REP, s, plain);
    const card = cardOf(s);
    expect(within(card).getByText('You approved this; waiting for a second approver')).toBeTruthy();
    expect(within(card).queryByText(/a second approver is needed/)).toBeNull();
    expect(button(s, 'Approve')).toBeNull();
    expect(button(s, 'Reject')).toBeTruthy();
    // Only the plain card counts.
    expect(within(screen.getByRole('banner')).getByText('1 pending for you')).toBeTruthy();
    card.focus();
    await user.keyboard('a');
    // A decision the rep may take, sent after that key: once it is in the outbox, anything `a` sent would be too.
    cardOf(plain).focus();
    await user.keyboard('a');
    await waitFor(async () => expect((await outbox(db)).map((e) => e.suggestionId)).toEqual([plain.id]));
    expect((await db.suggestions.get(s.id))?.local).toBeUndefined();
  });
});
