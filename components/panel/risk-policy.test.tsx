import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIXTURE_NOW, makeSuggestion } from '../../lib/hooks/testing/fixtures';
import { seed, setConnectionState, testBackground } from '../../lib/hooks/testing/harness';
import type { CachedSuggestion } from '../../lib/hooks/types';
import type { StoredPolicy } from '../../lib/messages';
import { DEFAULT_ACTION_POLICY, DEFAULT_POLICY } from '../../lib/schemas/policy';
import { ReviewPanel } from './ReviewPanel';

// An admin raised the refund limit to 100,000 and lowered every other type's to 500.
const withLimit = (amountLimit: number) => ({
  ...DEFAULT_ACTION_POLICY,
  risk: { ...DEFAULT_ACTION_POLICY.risk, amountLimit },
});
const inForce: StoredPolicy = {
  policy: { ...DEFAULT_POLICY, defaults: withLimit(500), actionTypes: { refund: withLimit(100_000) } },
  version: 4,
  updatedAt: '2026-11-20T09:00:00.000Z',
  updatedBy: 'u-admin',
};

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

  it('measures each amount against the policy in force for its action type', async () => {
    const policyGet = vi.fn(() => inForce);
    const bg = testBackground({ api: { 'policy.get': policyGet } });
    testDb = bg.db;
    await setConnectionState(testDb, 'online');
    const [big, small] = [refund(), discount()];
    await open(big, small);

    // 48,000 is over the default 1,000 but under the refund limit in force; 800 is under the default, over 500.
    await waitFor(() => expect(within(badgesOf(big)).getByText('Low risk')).toBeTruthy());
    expect(within(badgesOf(big)).queryByText(/at stake/)).toBeNull();
    expect(within(badgesOf(small)).getByText('$800.00 at stake')).toBeTruthy();
    expect(within(badgesOf(small)).queryByText('Low risk')).toBeNull();
    expect(screen.queryByText(/default limit/)).toBeNull();
    expect(bg.sent.filter((m) => m.type === 'policy.get')).toHaveLength(1);
  });

  it('selects with Shift+A what is low risk under the policy in force', async () => {
    testDb = testBackground({ api: { 'policy.get': () => inForce } }).db;
    await setConnectionState(testDb, 'online');
    const [big, small] = [refund(), discount()];
    const user = await open(big, small);
    await waitFor(() => within(badgesOf(big)).getByText('Low risk'));
    await user.keyboard('{Shift>}A{/Shift}');
    expect(await screen.findByRole('button', { name: 'Approve 1 selected' })).toBeTruthy();
    expect(within(cardOf(big)).getByRole('checkbox')).toHaveProperty('checked', true);
    expect(within(cardOf(small)).getByRole('checkbox')).toHaveProperty('checked', false);
  });

  it('says the default limit was used while the policy cannot be read, and calls no amount low risk', async () => {
    const bg = testBackground({ api: {} }); // no server: policy.get fails, as offline
    testDb = bg.db;
    await setConnectionState(testDb, 'online');
    const [big, small, plain] = [refund(), discount(), makeSuggestion()];
    const user = await open(big, small, plain);
    await waitFor(() => expect(bg.sent.some((m) => m.type === 'policy.get')).toBe(true));

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

  it('reads the policy once the connection comes back, and not while it is down', async () => {
    let up = false;
    const bg = testBackground({
      api: {
        'policy.get': () => {
          if (!up) throw Object.assign(new TypeError('fetch failed'), { data: undefined });
          return inForce;
        },
      },
    });
    testDb = bg.db;
    await setConnectionState(testDb, 'offline');
    const big = refund();
    await open(big);
    expect(within(badgesOf(big)).getByText(/default limit/)).toBeTruthy();
    // Asked on mount were it going to be: the panel does not call a server it knows it cannot reach.
    expect(bg.sent.some((m) => m.type === 'policy.get')).toBe(false);

    up = true;
    await setConnectionState(testDb, 'online');
    await waitFor(() => expect(within(badgesOf(big)).getByText('Low risk')).toBeTruthy());
    expect(within(badgesOf(big)).queryByText(/default limit/)).toBeNull();
  });
});
