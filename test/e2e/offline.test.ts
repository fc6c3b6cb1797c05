import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/crm';
import { startE2E, type E2E } from './harness';
import { approveByKeyboard, cardWith, expandPanel, panelFrame, rejectByKeyboard, textOf } from './panel';

// Test (3) of issue 3: decisions taken offline wait in the outbox and reach the server once each when back online.

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

describe('offline', () => {
  it('(3) an approval and a rejection taken offline reach the server exactly once each when back online', async () => {
    const record = { crm: 'hubspot', objectType: 'deal', id: '456', name: 'Acme Corp, 40 seats' };
    // Each with a target value of its own: card titles name it, and titles stay when a decided card folds up.
    const approveMe = await e2e.proposeFor(record, {
      changes: [{ field: 'dealstage', label: 'Stage', from: 'Negotiation', to: 'Closed Won (offline one)' }],
    });
    const rejectMe = await e2e.proposeFor(record, {
      type: 'field_update',
      changes: [{ field: 'amount', label: 'Amount', from: 48000, to: 36000 }],
    });
    await e2e.signIn();
    const page = await e2e.openCrmPage(FIXTURES.hubspot.record.url);
    await expandPanel(page);
    const first = cardWith(page, 'Closed Won (offline one)');
    const second = cardWith(page, /to \$?36,?000/);
    await first.waitFor({ timeout: 15_000 });
    await second.waitFor({ timeout: 15_000 });

    await e2e.context.setOffline(true);
    await approveByKeyboard(first);
    await rejectByKeyboard(page, second, 'Amount is wrong: the order form says 44 seats');
    // Both wait in the panel, marked as such, while nothing has reached the server.
    await expect.poll(() => textOf(first), { timeout: 5_000 }).toMatch(/waiting to sync/i);
    await expect.poll(() => textOf(second), { timeout: 5_000 }).toMatch(/waiting to sync/i);
    await expect
      .poll(
        () =>
          panelFrame(page)
            .getByText(/\b2 decisions\b/)
            .count(),
        { timeout: 5_000 },
      )
      .toBeGreaterThan(0);
    expect((await e2e.suggestion(approveMe.id)).decisions).toHaveLength(0);
    expect((await e2e.suggestion(rejectMe.id)).decisions).toHaveLength(0);

    await e2e.context.setOffline(false);
    // Backoff may have grown while offline: the bound is the outbox's longest wait, not a fixed delay.
    await e2e.waitForStatus(approveMe.id, 'approved', 90_000);
    await e2e.waitForStatus(rejectMe.id, 'rejected', 30_000);
    await expect.poll(() => textOf(first), { timeout: 10_000 }).toMatch(/^(?!.*waiting to sync).*Approved/s);
    await expect.poll(() => textOf(second), { timeout: 10_000 }).toMatch(/^(?!.*waiting to sync).*Rejected/s);

    const a = await e2e.suggestion(approveMe.id);
    const r = await e2e.suggestion(rejectMe.id);
    expect(a.decisions.map((d) => [d.kind, d.by.name])).toEqual([['approve', 'Dana']]);
    expect(r.decisions.map((d) => [d.kind, d.by.name, (d as { note?: string }).note])).toEqual([
      ['reject', 'Dana', 'Amount is wrong: the order form says 44 seats'],
    ]);
    for (const id of [approveMe.id, rejectMe.id]) {
      expect((await e2e.audit(id)).filter((x) => x.kind === 'decided')).toHaveLength(1);
    }
    await page.close();
  }, 150_000);
});
