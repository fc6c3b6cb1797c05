import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCrmPlugin } from '../../server/demo/plugin';
import { dealChange, dealRecord, SEED_DEALS } from '../../server/demo/seed-deals';
import { executorsPlugin } from '../../server/executors/start';
import { startE2E, type E2E } from './harness';
import { approveByKeyboard, cardWith, expandPanel } from './panel';

// The demo loop of the README: open a demo deal, approve the stage change in the panel, watch the deal change.

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ plugins: [demoCrmPlugin, executorsPlugin] });
  const now = Date.now();
  await e2e.server.deps.transact((tx) =>
    tx
      .insertInto('demo_deals')
      .values(SEED_DEALS.map((d) => ({ ...d, updated_at: now })))
      .execute(),
  );
});
afterAll(async () => e2e?.close());

describe('the demo CRM', () => {
  it('applies exactly the approved stage change to the deal', async () => {
    const s = await e2e.proposeFor(dealRecord('d-1001'), {
      changes: [dealChange('d-1001', 'stage', 'Closed Lost')],
      reasons: ['No reply to the last three emails'],
    });
    await e2e.signIn();
    const page = await e2e.context.newPage();
    const url = `${e2e.server.url}/demo/deals/d-1001`;
    await page.goto(url);
    expect(await page.locator('[data-field="stage"]').textContent()).toContain('Negotiation');

    await expandPanel(page);
    const card = cardWith(page, 'No reply to the last three emails');
    await card.waitFor({ timeout: 15_000 });
    await approveByKeyboard(card);

    await expect.poll(async () => (await e2e.suggestion(s.id)).status, { timeout: 15_000 }).toBe('executed');
    await page.goto(url);
    expect(await page.locator('[data-field="stage"]').textContent()).toContain('Closed Lost');
    await page.close();
  });
});
