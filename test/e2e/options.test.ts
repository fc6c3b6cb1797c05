import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../server/services/audit';
import { readPolicy } from '../../server/services/policy';
import { openExtensionPage } from './extension-pages';
import { startE2E, type E2E } from './harness';

// Issue 4, the options page: an admin's policy change and kill switch decide how the next proposal routes; a token
// issued there works until it is revoked there. A rep sees the policy read-only (the server's own refusal is proven
// in test/integration/trpc-roles.test.ts).

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const record = { crm: 'hubspot', objectType: 'deal', id: '701', name: 'Wayne Enterprises, 12 seats' };
const policyForm = (page: Page) => page.getByRole('form', { name: 'Policy' });
/** The newest audit event of a kind that concerns no suggestion (policy changes, kill switches). */
const latestAudit = async (kind: string) =>
  (await listAudit(e2e.server.deps, { order: 'newest', limit: 500 })).events.find((e) => e.payload.kind === kind);

describe('an admin on the options page', () => {
  let page: Page;
  beforeAll(async () => {
    await e2e.signIn(e2e.server.people.admin);
    page = await openExtensionPage(e2e, 'options.html');
  });
  afterAll(() => page?.close());

  it('raises the auto threshold, and a stage change that executed on its own now waits for review', async () => {
    expect((await e2e.proposeFor(record, { confidence: 0.92 })).lane).toBe('auto');

    const auto = policyForm(page).getByRole('textbox', { name: 'Auto at or above', exact: true });
    await expect.poll(() => auto.inputValue(), { timeout: 15_000 }).toBe('0.9');
    await auto.fill('0.95');
    await policyForm(page).getByRole('button', { name: 'Save policy' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved as version 1\.$/ })
      .waitFor({ timeout: 10_000 });

    const after = await e2e.proposeFor(record, { confidence: 0.92 });
    expect(after).toMatchObject({ lane: 'review', status: 'pending' });
    expect(after.routingReason.rule).toBe('threshold.review');
    const changed = await latestAudit('policy_changed');
    expect(changed?.actor).toBe(e2e.server.people.admin.actor.id);
    expect(changed?.payload).toMatchObject({
      before: { defaults: { thresholds: { auto: 0.9 } } },
      after: { defaults: { thresholds: { auto: 0.95 } } },
    });
  });

  it('turns on the kill switch for refunds with a reason: the next refund does not execute on its own', async () => {
    // Above any auto threshold this file sets, so only the switch can keep it from executing.
    const refund = { type: 'refund', changes: [], amount: 200, confidence: 0.99 };
    expect((await e2e.proposeFor(record, refund)).lane).toBe('auto');

    const refunds = page.getByRole('combobox', { name: 'Action type: refund', exact: true });
    await refunds.selectOption('review');
    const dialog = page.getByRole('dialog', { name: /kill switch for refund proposals/ });
    await dialog.getByRole('textbox', { name: /reason for the change/i }).fill('Refund bot paid twice on Tuesday');
    await dialog.getByRole('button', { name: 'Turn on', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await refunds.inputValue()).toBe('review');

    const held = await e2e.proposeFor(record, refund);
    expect(held).toMatchObject({ lane: 'review', status: 'pending', routingReason: { rule: 'kill_switch' } });
    expect((await e2e.audit(held.id)).map((a) => a.kind)).not.toContain('decided');
    // The flip is audited with who made it and the reason typed in the dialog.
    expect(await latestAudit('kill_switch')).toMatchObject({
      actor: e2e.server.people.admin.actor.id,
      payload: { scope: 'action_type', target: 'refund', mode: 'review', reason: 'Refund bot paid twice on Tuesday' },
    });
  });

  it('adds a user, issues a token that works over REST, and revokes it: the next call gets 401', async () => {
    const add = page.getByRole('form', { name: 'Add a user' });
    await add.getByRole('textbox', { name: 'Name', exact: true }).fill('Quinn');
    await add.getByRole('combobox', { name: 'Role' }).selectOption('manager');
    await add.getByRole('textbox', { name: 'Team (optional)' }).fill('east');
    await add.getByRole('button', { name: 'Add user' }).click();

    await page.getByRole('button', { name: 'Issue a token for Quinn' }).click();
    const field = page.getByRole('region', { name: 'New token for Quinn' }).getByRole('textbox', {
      name: 'Token for Quinn',
    });
    await expect.poll(() => field.inputValue(), { timeout: 10_000 }).toMatch(/^cs_/);
    expect(await field.getAttribute('readonly')).not.toBeNull();
    const token = await field.inputValue();

    const list = () => e2e.server.call(token, 'GET', '/api/v1/suggestions');
    expect((await list()).status).toBe(200);

    await page
      .getByRole('list', { name: 'Tokens of Quinn' })
      .getByRole('button', { name: /^Revoke token \S+ of Quinn$/ })
      .click();
    await page
      .getByRole('dialog', { name: 'Revoke this token of Quinn?' })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await expect
      .poll(() => page.getByRole('list', { name: 'Tokens of Quinn' }).textContent(), { timeout: 10_000 })
      .toMatch(/revoked/);

    const after = await list();
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });
});

describe('a rep on the options page', () => {
  it('sees the policy read-only: disabled inputs, no Save button', async () => {
    await e2e.signIn(e2e.server.people.rep);
    const page = await openExtensionPage(e2e, 'options.html');
    const auto = policyForm(page).getByRole('textbox', { name: 'Auto at or above', exact: true });
    await auto.waitFor({ timeout: 15_000 });
    // What the server holds, whatever an admin changed before.
    const { policy } = await readPolicy(e2e.server.deps.db);
    await expect.poll(() => auto.inputValue(), { timeout: 10_000 }).toBe(String(policy.defaults.thresholds.auto));
    expect(await auto.isDisabled()).toBe(true);
    expect(await policyForm(page).getByRole('textbox', { name: 'Review at or above', exact: true }).isDisabled()).toBe(
      true,
    );
    expect(await policyForm(page).getByRole('button', { name: 'Save policy' }).count()).toBe(0);
    expect(await page.getByText('Only admins can change the policy. You can read it here.').count()).toBe(1);
    expect(await page.getByRole('combobox', { name: 'Action type: refund', exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Users and tokens' }).count()).toBe(0);
    await page.close();
  });
});
