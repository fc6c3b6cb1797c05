import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { META, type CountersignDb } from '../../lib/db/schema';
import { FIXTURE_NOW, makeSuggestion } from '../../lib/hooks/testing/fixtures';
import { outbox, seed, setConnectionState, testBackground, type TestBackground } from '../../lib/hooks/testing/harness';
import type { CachedSuggestion } from '../../lib/hooks/types';
import type { Role } from '../../lib/schemas/common';
import { resetPopupUi } from '../../lib/stores/popup-ui';
import { AlertsPopup } from './AlertsPopup';

let db: CountersignDb;
let bg: TestBackground;

const alert = (name: string, over: Partial<CachedSuggestion> = {}) =>
  makeSuggestion({
    type: 'risk_alert',
    record: { crm: 'demo', objectType: 'deal', id: name.toLowerCase().replace(/\W+/g, '-'), name },
    changeSet: { changes: [] },
    reasons: [`${name}: champion left the company`, 'No reply to the last three emails'],
    ...over,
  });
const signIn = (role: Role) =>
  db.meta.put({
    key: META.session,
    value: {
      serverUrl: 'http://localhost:8787',
      token: 't',
      user: { id: `u-${role}`, name: 'Maya', role, team: 'west' },
    },
  });
const money = (amount: number) => ({ amount, customerFacing: false, reversible: true });

async function open(...items: CachedSuggestion[]) {
  await seed(db, ...items);
  render(<AlertsPopup />);
  if (items.length > 0) await screen.findByRole('list', { name: 'Risk alerts' });
  return userEvent.setup();
}

const rows = () => [...screen.getByRole('list', { name: 'Risk alerts' }).children] as HTMLElement[];
const rowOf = (name: string) => screen.getByRole('listitem', { name });

describe('the risk-alert popup', () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
    bg = testBackground({ page: 'popup' });
    resetPopupUi();
    db = bg.db;
    await setConnectionState(db, 'online');
    await signIn('manager');
  });
  afterEach(() => vi.useRealTimers());

  it('lists alerts and escalated items, highest risk first, then by amount', async () => {
    await open(
      alert('Normal big', { impact: money(90_000) }),
      alert('High small', { priority: 'high', impact: money(100) }),
      alert('Urgent', { priority: 'urgent' }),
      alert('High big', { priority: 'high', impact: money(50_000) }),
      makeSuggestion({ record: { crm: 'demo', objectType: 'deal', id: 'r', name: 'Rep item' } }),
      makeSuggestion({ tier: 'manager', record: { crm: 'demo', objectType: 'deal', id: 'm', name: 'Escalated' } }),
    );
    expect(rows().map((r) => within(r).getByRole('heading').textContent)).toEqual([
      'Urgent',
      'High big',
      'High small',
      'Escalated',
      'Normal big',
    ]);
    expect(screen.getByText('5 open')).toBeTruthy();
    const first = rowOf('High big');
    expect(within(first).getByText('$50,000.00')).toBeTruthy();
    expect(first.querySelector('.row-line')!.textContent).toBe('High big: champion left the company');
    expect(within(first).getByRole('timer').textContent).toContain('Times out in 1 d 0 h');
    expect(within(first).getByText('1 h ago')).toBeTruthy();
  });

  it('shows the reasons on demand', async () => {
    const user = await open(alert('Acme'));
    const details = rowOf('Acme').querySelector('details')!;
    expect(details.open).toBe(false);
    await user.click(within(rowOf('Acme')).getByText('Reasons (2)'));
    expect(details.open).toBe(true);
    expect(within(details).getByRole('list', { name: 'Reasons' }).textContent).toContain('No reply');
  });

  it('dismisses with an optional reason: d then Enter, or with a reason', async () => {
    const first = alert('Acme', { priority: 'urgent' });
    const second = alert('Globex');
    const user = await open(first, second);
    await user.keyboard('d');
    const reason = screen.getByRole('textbox', { name: /false positive/ });
    expect(document.activeElement).toBe(reason);
    await user.keyboard('{Enter}');
    await waitFor(async () => expect(await outbox(db)).toHaveLength(1));
    expect((await outbox(db))[0]).toMatchObject({ suggestionId: first.id, payload: { kind: 'dismiss' } });
    expect((await outbox(db))[0]!.payload).not.toHaveProperty('note');
    await waitFor(() => expect(bg.flushes).toBe(1));
    await within(rowOf('Acme')).findByText('Dismissed — waiting to sync');

    await user.click(within(rowOf('Globex')).getByRole('button', { name: 'Dismiss…' }));
    await user.type(screen.getByRole('textbox', { name: /false positive/ }), 'Renewal signed yesterday{Enter}');
    await waitFor(async () => expect(await outbox(db)).toHaveLength(2));
    expect((await outbox(db))[1]).toMatchObject({
      suggestionId: second.id,
      payload: { kind: 'dismiss', note: 'Renewal signed yesterday' },
    });
  });

  it('escalates only with a note', async () => {
    const s = alert('Acme');
    const user = await open(s);
    await user.keyboard('e');
    const note = screen.getByRole('textbox', { name: /Note for the next tier/ });
    await user.keyboard('{Enter}');
    expect(screen.getByRole('alert').textContent).toBe('A note is required to escalate.');
    expect(await outbox(db)).toHaveLength(0);
    await user.type(note, 'Needs the VP{Enter}');
    await waitFor(async () => expect(await outbox(db)).toHaveLength(1));
    expect((await outbox(db))[0]).toMatchObject({
      suggestionId: s.id,
      payload: { kind: 'escalate', note: 'Needs the VP' },
    });
  });

  it('dismisses several selected alerts together', async () => {
    const a = alert('Acme', { priority: 'urgent' });
    const b = alert('Globex', { priority: 'high' });
    const c = alert('Initech');
    const user = await open(a, b, c);
    await user.keyboard('xjx');
    await user.click(within(rowOf('Initech')).getByRole('checkbox', { name: 'Select Initech' }));
    await user.click(within(rowOf('Initech')).getByRole('checkbox', { name: 'Select Initech' }));
    await user.type(screen.getByRole('textbox', { name: /selected alerts/ }), 'Known churn');
    await user.click(screen.getByRole('button', { name: 'Dismiss 2' }));
    await waitFor(async () => expect(await outbox(db)).toHaveLength(2));
    const entries = await outbox(db);
    expect(entries.map((e) => e.suggestionId)).toEqual([a.id, b.id]);
    expect(entries.every((e) => (e.payload as { note?: string }).note === 'Known churn')).toBe(true);
    await waitFor(() => expect(bg.flushes).toBe(1));
  });

  it('approves or rejects an escalated item that is a decision, and opens its record with o', async () => {
    const s = makeSuggestion({ tier: 'manager', record: { crm: 'demo', objectType: 'deal', id: '42', name: 'Big' } });
    const user = await open(s);
    expect(within(rowOf('Big')).queryByRole('button', { name: 'Dismiss…' })).toBeNull();
    await user.keyboard('o');
    await waitFor(() =>
      expect(bg.sent).toContainEqual({ type: 'record.open', record: { crm: 'demo', objectType: 'deal', id: '42' } }),
    );
    await user.keyboard('r');
    await user.type(screen.getByRole('textbox', { name: /Reason for rejecting/ }), 'Too early{Enter}');
    await waitFor(async () => expect(await outbox(db)).toHaveLength(1));
    expect((await outbox(db))[0]!.payload).toMatchObject({ kind: 'reject', note: 'Too early' });
  });

  it('shows a rep the manager-tier items it may not decide, without their decisions', async () => {
    await signIn('rep');
    const user = await open(
      makeSuggestion({ tier: 'manager', record: { crm: 'demo', objectType: 'deal', id: '1', name: 'Big' } }),
      alert('Mine'),
    );
    const big = rowOf('Big');
    expect(within(big).getByText('Waits for the manager tier.')).toBeTruthy();
    expect(within(big).queryByRole('button', { name: /Approve|Reject|Escalate/ })).toBeNull();
    expect(within(big).getByRole('button', { name: 'Open record' })).toBeTruthy();
    await user.keyboard('a');
    expect(await outbox(db)).toHaveLength(0);
    expect(within(rowOf('Mine')).getByRole('button', { name: 'Dismiss…' })).toBeTruthy();
  });

  it('says when there is nothing to do', async () => {
    await seed(db, makeSuggestion(), alert('Closed', { status: 'dismissed' }));
    render(<AlertsPopup />);
    expect(await screen.findByText('No open risk alerts')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Risk alerts' })).toBeNull();
  });

  it('sends the signed out to the options page', async () => {
    await setConnectionState(db, 'signed_out');
    const openOptions = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    render(<AlertsPopup />);
    expect(await screen.findByText('Sign in on the options page')).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Open the options page' }));
    expect(openOptions).toHaveBeenCalled();
  });

  it('works offline and says how many decisions wait', async () => {
    await setConnectionState(db, 'offline');
    const user = await open(alert('Acme'));
    expect(screen.getByText(/decisions you take will sync later/)).toBeTruthy();
    await user.keyboard('d{Enter}');
    await waitFor(() => expect(screen.getByText(/1 decision waiting to sync/)).toBeTruthy());
    expect(await within(rowOf('Acme')).findByText('Dismissed — waiting to sync')).toBeTruthy();
  });

  it('shows AI text as text, never as HTML', async () => {
    const payload = '<img src=x onerror="window.__pwned=1">';
    await open(alert(`Acme ${payload}`, { reasons: [payload, `<script>window.__pwned=2</script>`] }));
    const row = rowOf(`Acme ${payload}`);
    expect(row.querySelector('img, script')).toBeNull();
    expect(within(row).getByRole('heading').textContent).toBe(`Acme ${payload}`);
    expect(within(row).getAllByText(payload).length).toBeGreaterThan(0);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
