import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIXTURE_NOW, makeSuggestion } from '../../lib/hooks/testing/fixtures';
import { seed, setConnectionState, testBackground } from '../../lib/hooks/testing/harness';
import type { CachedSuggestion } from '../../lib/hooks/types';
import { setCachedPolicy } from '../../lib/db/policy';
import { DEFAULT_ACTION_POLICY, DEFAULT_POLICY, type Policy } from '../../lib/schemas/policy';
import { ReviewPanel } from './ReviewPanel';

// An admin raised the refund limit to 100,000 and lowered every other type's to 500.
const withLimit = (amountLimit: number) => ({
  ...DEFAULT_ACTION_POLICY,
  risk: { ...DEFAULT_ACTION_POLICY.risk, amountLimit },
});
const inForce: Policy = { ...DEFAULT_POLICY, defaults: withLimit(500), actionTypes: { refund: withLimit(100_000) } };

const refund = () =>
  makeSuggestion({
    type: 'refund',
    changeSet: { changes: [], amount: 48_000 },
    impact: { customerFacing: false, reversible: true },
  });
const discount = () =>
  makeSuggestion({ type: 'field_update', impact: { amount: 800, customerFacing: false, reversible: true } });

const cardOf = (s: CachedSuggestion) => screen.getAllByRole('listitem').find((li) => li.dataset.id === s.id)!;
const badgesOf = (s: CachedSuggestion) => within(cardOf(s)).getByRole('list', { name: 'Confidence and risk' });

async function open(...items: CachedSuggestion[]) {
  render(<ReviewPanel />);
  await seed(testDb!, ...items);
  await screen.findAllByRole('heading', { level: 2 });
  return userEvent.setup();
}

let testDb: ReturnType<typeof testBackground>['db'] | undefined;

describe('risk on the panel’s cards', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('measures each amount against the policy in force for its action type, offline too, asking no server', async () => {
    const bg = testBackground();
    testDb = bg.db;
    // Offline: the policy the background read at its last sync still holds.
    await setConnectionState(testDb, 'offline');
    await setCachedPolicy(testDb, inForce);
    const [big, small] = [refund(), discount()];
    await open(big, small);

    // 48,000 is over the default 1,000 but under the refund limit in force; 800 is under the default, over 500.
    await waitFor(() => expect(within(badgesOf(big)).getByText('Low risk')).toBeTruthy());
    expect(within(badgesOf(big)).queryByText(/at stake/)).toBeNull();
    expect(within(badgesOf(small)).getByText('$800.00 at stake')).toBeTruthy();
    expect(within(badgesOf(small)).queryByText('Low risk')).toBeNull();
    expect(screen.queryByText(/default limit/)).toBeNull();
    // The background reads the policy on its syncs; the panel only watches the cache.
    expect(bg.sent.filter((m) => m.type === 'policy.get')).toHaveLength(0);
  });

  it('selects with Shift+A what is low risk under the policy in force', async () => {
    testDb = testBackground().db;
    await setConnectionState(testDb, 'online');
    await setCachedPolicy(testDb, inForce);
    const [big, small] = [refund(), discount()];
    const user = await open(big, small);
    await waitFor(() => within(badgesOf(big)).getByText('Low risk'));
    await user.keyboard('{Shift>}A{/Shift}');
    expect(await screen.findByRole('button', { name: 'Approve 1 selected' })).toBeTruthy();
    expect(within(cardOf(big)).getByRole('checkbox')).toHaveProperty('checked', true);
    expect(within(cardOf(small)).getByRole('checkbox')).toHaveProperty('checked', false);
  });

  it('says the default limit was used while no policy has been read, and calls no amount low risk', async () => {
    testDb = testBackground().db;
    await setConnectionState(testDb, 'online');
    const [big, small, plain] = [refund(), discount(), makeSuggestion()];
    const user = await open(big, small, plain);

    expect(within(badgesOf(big)).getByText('$48,000.00 at stake')).toBeTruthy();
    for (const s of [big, small]) {
      expect(within(badgesOf(s)).getByText(/checked against the default limit \(\$1,000\.00\)/).textContent).toContain(
        'the policy in force is not loaded',
      );
      expect(within(badgesOf(s)).queryByText('Low risk')).toBeNull();
    }
    // What moves no money does not depend on the limit.
    expect(within(badgesOf(plain)).getByText('Low risk')).toBeTruthy();
    await user.keyboard('{Shift>}A{/Shift}');
    expect(await screen.findByRole('button', { name: 'Approve 1 selected' })).toBeTruthy();
    expect(within(cardOf(plain)).getByRole('checkbox')).toHaveProperty('checked', true);
    expect(within(cardOf(small)).getByRole('checkbox')).toHaveProperty('checked', false);
  });

  it('follows the policy while it is open: a first answer, then an admin’s change', async () => {
    testDb = testBackground().db;
    await setConnectionState(testDb, 'online');
    const big = refund();
    await open(big);
    expect(within(badgesOf(big)).getByText(/default limit/)).toBeTruthy();

    await setCachedPolicy(testDb, inForce);
    await waitFor(() => expect(within(badgesOf(big)).getByText('Low risk')).toBeTruthy());
    expect(within(badgesOf(big)).queryByText(/default limit/)).toBeNull();

    // The refund limit lowered to 10,000: the same card is now over it, without reopening the panel.
    await setCachedPolicy(testDb, { ...inForce, actionTypes: { refund: withLimit(10_000) } });
    await waitFor(() => expect(within(badgesOf(big)).getByText('$48,000.00 at stake')).toBeTruthy());
    expect(within(badgesOf(big)).queryByText('Low risk')).toBeNull();
  });
});
