import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeText, openExtensionPage } from './extension-pages';
import { startE2E, type E2E } from './harness';

// Issue 4, the manager's popup: alerts across the team, highest risk first; a dismissal and an escalation taken in
// the popup reach the server, and the toolbar badge follows.

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const deal = (id: string, name: string) => ({ crm: 'hubspot', objectType: 'deal', id, name });
const money = (amount: number) => ({ amount, customerFacing: false, reversible: true });

/** A risk alert as the agent raises it: no change to make, a reason, a priority and the money at stake. */
const riskAlert = (priority: string, amount: number, reason: string) => ({
  type: 'risk_alert',
  changes: [],
  reasons: [reason, 'No reply to the last three emails'],
  confidence: 0.8,
  priority,
  impact: money(amount),
});
/** A stage change whose amount is over the default limit, so the policy routes it to the manager tier. */
const bigStageChange = (amount: number) => ({ confidence: 0.8, impact: money(amount) });

const rows = (page: Page) => page.getByRole('list', { name: 'Risk alerts' }).locator(':scope > li');
const row = (page: Page, name: string) => page.getByRole('listitem', { name, exact: true });
const rowNames = (page: Page) => rows(page).getByRole('heading', { level: 2 }).allTextContents();

describe("a manager's risk-alert popup", () => {
  it('sorts by risk then amount; a dismissal and an escalation reach the server; the badge drops', async () => {
    const { manager } = e2e.server.people;
    // Proposed in an order unlike the expected one, so the list's order is the popup's own.
    const quiet = await e2e.proposeFor(deal('601', 'Initech upsell'), riskAlert('normal', 300, 'Usage dipped 10%'));
    const big = await e2e.proposeFor(deal('602', 'Globex renewal'), bigStageChange(48_000));
    const high = await e2e.proposeFor(deal('603', 'Umbrella pilot'), riskAlert('high', 800, 'Champion left'));
    const urgent = await e2e.proposeFor(deal('604', 'Acme expansion'), riskAlert('urgent', 5_000, 'Legal hold'));
    const smaller = await e2e.proposeFor(deal('605', 'Hooli seats'), bigStageChange(20_000));
    const largeAlert = await e2e.proposeFor(deal('606', 'Stark retainer'), riskAlert('normal', 2_000, 'Late invoice'));
    expect([big.tier, smaller.tier, urgent.tier, largeAlert.tier, high.tier, quiet.tier]).toEqual([
      'manager',
      'manager',
      'manager',
      'manager',
      'rep',
      'rep',
    ]);

    await e2e.signIn(manager);
    const page = await openExtensionPage(e2e, 'popup.html');
    // Urgent, then high priority; then the normal ones at the manager tier by amount; the low-risk alert last.
    await expect
      .poll(() => rowNames(page), { timeout: 15_000 })
      .toEqual([
        'Acme expansion',
        'Umbrella pilot',
        'Globex renewal',
        'Hooli seats',
        'Stark retainer',
        'Initech upsell',
      ]);
    const worker = await e2e.worker();
    // Every row but the normal-priority alert at the rep tier is high-risk.
    await expect.poll(() => badgeText(worker), { timeout: 10_000 }).toBe('5');

    // Dismiss the high-priority alert with the keyboard: focus its row, `d`, a reason, Enter.
    const falsePositive = 'The champion moved teams, still our sponsor';
    await row(page, 'Umbrella pilot').focus();
    await page.keyboard.press('d');
    const reason = page.getByRole('textbox', { name: /false positive/i });
    await reason.fill(falsePositive);
    await reason.press('Enter');

    // Escalate the largest manager-tier item with its button and a note.
    const note = 'Over my signing limit: needs the VP';
    await row(page, 'Globex renewal').getByRole('button', { name: 'Escalate…', exact: true }).click();
    const noteField = row(page, 'Globex renewal').getByRole('textbox', { name: /note for the next tier/i });
    await noteField.fill(note);
    await row(page, 'Globex renewal').getByRole('button', { name: 'Escalate', exact: true }).click();

    await e2e.waitForStatus(high.id, 'dismissed');
    await expect.poll(async () => (await e2e.suggestion(big.id)).tier, { timeout: 15_000 }).toBe('admin');
    const dismissed = await e2e.suggestion(high.id);
    const escalated = await e2e.suggestion(big.id);
    const decisions = (s: typeof dismissed) =>
      s.decisions.map((d) => [d.kind, d.by.name, (d as { note?: string | null }).note]);
    expect(decisions(dismissed)).toEqual([['dismiss', 'Morgan', falsePositive]]);
    expect(escalated.status).toBe('pending');
    expect(decisions(escalated)).toEqual([['escalate', 'Morgan', note]]);
    // Dismissed, and now at a tier above the manager's: two fewer high-risk items the manager can act on.
    await expect.poll(() => badgeText(worker), { timeout: 10_000 }).toBe('3');
    await page.close();
  });
});
