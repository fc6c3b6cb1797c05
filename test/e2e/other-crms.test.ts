import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/crm';
import { startE2E, type E2E } from './harness';
import { approveByKeyboard, cardWith, expandPanel } from './panel';

// Test (7) of issue 3: test (1) on a Salesforce Lightning Opportunity (served with a Lightning-like CSP) and on a
// Pipedrive deal.

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await e2e.signIn();
});
afterAll(async () => e2e?.close());

describe.each([
  ['Salesforce', FIXTURES.salesforce, 'Negotiation/Review', 'Closed Lost'],
  ['Pipedrive', FIXTURES.pipedrive, 'Negotiations started', 'Lost'],
] as const)('(7) on a %s record', (_name, fixture, from, to) => {
  it('shows the suggestion with its diff and reasons; `a` approves it on the server, audited', async () => {
    const { crm, objectType, id } = fixture.record;
    const s = await e2e.proposeFor(
      { crm, objectType, id, name: `Acme Corp (${crm})` },
      {
        changes: [{ field: 'stage', label: 'Stage', from, to }],
        reasons: [`No activity in 45 days (${crm})`, 'Champion left the company'],
      },
    );
    const page = await e2e.openCrmPage(fixture.record.url);
    await expandPanel(page);
    const card = cardWith(page, `No activity in 45 days (${crm})`);
    await card.waitFor({ timeout: 15_000 });
    expect(await card.locator('del').first().textContent()).toBe(from);
    expect(await card.locator('ins').first().textContent()).toBe(to);
    expect(await card.textContent()).toContain('Champion left the company');

    await approveByKeyboard(card);
    await expect.poll(async () => (await e2e.suggestion(s.id)).decisions.length, { timeout: 15_000 }).toBe(1);
    expect((await e2e.suggestion(s.id)).decisions[0]).toMatchObject({ kind: 'approve', by: { name: 'Dana' } });
    expect((await e2e.audit(s.id)).filter((a) => a.kind === 'decided')).toHaveLength(1);
    await page.close();
  });
});
