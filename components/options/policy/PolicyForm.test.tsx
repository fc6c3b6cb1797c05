import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackground } from '../../../lib/hooks/testing/harness';
import type { Message, PolicyEdit } from '../../../lib/messages';
import { DEFAULT_POLICY } from '../../../lib/schemas/policy';
import { listAudit } from '../../../server/services/audit';
import { readPolicy, setKillSwitch, updatePolicy } from '../../../server/services/policy';
import { revokeToken, SYSTEM } from '../../../server/services/users';
import { openHttpEnv, signedInAs, type HttpEnv } from '../../../test/helpers/http';
import { person, type Person } from '../../../test/helpers/people';
import { OptionsPage } from '../OptionsPage';

/** For what waits on the server behind the background: its first answers in a run can take over a second. */
const SERVER = { timeout: 10_000 };

const policyForm = () => within(screen.getByRole('form', { name: 'Policy' }));
const field = (name: string | RegExp) => policyForm().getByRole('textbox', { name });
const REFUNDS_TO_REVIEW = {
  scope: 'action_type',
  target: 'refund',
  mode: 'review',
  reason: 'Refunds misfire',
} as const;
const { killSwitches: _, ...EDITABLE_DEFAULTS } = DEFAULT_POLICY;

describe('the policy form, against a real server', () => {
  let h: HttpEnv;
  let sent: Message[];

  /** Version 2 on the server, both by the admin: a kill switch on refunds, then the default policy saved. */
  beforeEach(async () => {
    h = await openHttpEnv();
    h.clock.set(Date.now());
    await setKillSwitch(h.deps, h.people.admin.actor, REFUNDS_TO_REVIEW);
    await updatePolicy(h.deps, h.people.admin.actor, EDITABLE_DEFAULTS);
  });
  afterEach(() => h.close());

  /** The options page signed in as `who`; `session` overrides what the background's session says about them. */
  async function openAs(who: Person, session: Partial<ReturnType<typeof signedInAs>> = {}) {
    sent = testBackground({ page: 'options', record: null, ...signedInAs(h, who), ...session }).sent;
    render(<OptionsPage />);
    await screen.findByRole('form', { name: 'Policy' }, SERVER);
    return userEvent.setup();
  }

  const updates = () =>
    sent.filter((m): m is Extract<Message, { type: 'policy.update' }> => m.type === 'policy.update');
  const policyEvents = async () =>
    (await listAudit(h.deps, { order: 'oldest', limit: 100 })).events.filter(
      (e) => e.payload.kind === 'policy_changed',
    );

  /**
   * The options page open as the admin, who types 0.95 as the auto threshold after Bea, another admin, saved 0.97 on
   * the server: the form still began from what it read before her save.
   */
  async function editWhileBeaSaves() {
    const bea = await person(h.deps, 'Bea', 'admin');
    const user = await openAs(h.people.admin);
    await updatePolicy(h.deps, bea.actor, {
      ...EDITABLE_DEFAULTS,
      defaults: { ...EDITABLE_DEFAULTS.defaults, thresholds: { auto: 0.97, review: 0.7 } },
    });
    await user.clear(field('Auto at or above'));
    await user.type(field('Auto at or above'), '0.95');
    return { bea, user };
  }

  it('shows the version and who changed it last', async () => {
    await openAs(h.people.admin);
    expect(screen.getByText(/Version 2, changed by you/)).toBeTruthy();
    expect((field('Auto at or above') as HTMLInputElement).value).toBe('0.9');
    expect((field('Review lane: time out after') as HTMLInputElement).value).toBe('1');
    expect((policyForm().getByRole('combobox', { name: 'Review lane: unit' }) as HTMLSelectElement).value).toBe('days');
    expect((field('Explicit lane: time out after') as HTMLInputElement).value).toBe('4');
  });

  it('says next to the field when review is above auto or a timeout is zero, and sends nothing', async () => {
    const user = await openAs(h.people.admin);
    await user.clear(field('Review at or above'));
    await user.type(field('Review at or above'), '0.95');
    await user.clear(field('Triage lane: time out after'));
    await user.type(field('Triage lane: time out after'), '0');
    await user.click(policyForm().getByRole('button', { name: 'Save policy' }));

    expect(policyForm().getByText('The review threshold cannot be above the auto threshold')).toBeTruthy();
    expect(field('Review at or above').getAttribute('aria-invalid')).toBe('true');
    expect(field('Review at or above').getAttribute('aria-describedby')).toBeTruthy();
    expect(policyForm().getByText('Timeouts must be positive')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Fix 2 fields marked below before saving.');
    expect(updates()).toHaveLength(0);
    expect((await readPolicy(h.deps.db)).version).toBe(2);
    expect(await policyEvents()).toHaveLength(1);
  });

  it('saves the parsed policy: numbers as numbers, timeouts in seconds, an override per action type', async () => {
    const user = await openAs(h.people.admin);
    await user.clear(field('Auto at or above'));
    await user.type(field('Auto at or above'), '0.95');
    await user.clear(field('Explicit lane: time out after'));
    await user.type(field('Explicit lane: time out after'), '90');
    await user.selectOptions(policyForm().getByRole('combobox', { name: 'Explicit lane: unit' }), 'minutes');

    await user.selectOptions(policyForm().getByRole('combobox', { name: 'Settings for' }), 'refund');
    await user.click(policyForm().getByRole('checkbox', { name: /Give refund settings of its own/ }));
    await user.clear(field('Amount limit'));
    await user.type(field('Amount limit'), '200');
    await user.click(policyForm().getByRole('checkbox', { name: /manager tier need two/ }));
    await user.click(policyForm().getByRole('button', { name: 'Save policy' }));

    await waitFor(() => expect(updates()).toHaveLength(1));
    const saved: PolicyEdit = updates()[0]!.policy;
    expect(saved.defaults.thresholds).toEqual({ auto: 0.95, review: 0.7 });
    expect(saved.defaults.timeouts.explicit).toEqual({ seconds: 5400, action: 'escalate' });
    expect(saved.actionTypes.refund?.risk.amountLimit).toBe(200);
    expect(saved.actionTypes.refund?.thresholds.auto).toBe(0.9); // an override starts from the stored defaults
    expect(saved.twoApprovers).toEqual({ rep: false, manager: true, admin: false });
    expect(saved).not.toHaveProperty('killSwitches');
    expect(await screen.findByText('Saved as version 3.', {}, SERVER)).toBeTruthy();
    expect(screen.getByText(/Version 3, changed by you/)).toBeTruthy();
    expect((field('Auto at or above') as HTMLInputElement).value).toBe('0.95');

    const stored = await readPolicy(h.deps.db);
    expect(stored).toMatchObject({ version: 3, updatedBy: h.people.admin.actor.id });
    expect(stored.policy).toEqual({
      ...saved,
      killSwitches: { global: null, actionTypes: { refund: 'review' }, agents: {} },
    });
    const events = await policyEvents();
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ actor: h.people.admin.actor.id, payload: { after: stored.policy } });
    expect(events[1]!.payload).toHaveProperty('before.defaults.thresholds', { auto: 0.9, review: 0.7 });
  });

  it('is read-only for everyone but admins: inputs disabled, no save button', async () => {
    await openAs(h.people.rep);
    expect(screen.getByText(/Only admins can change the policy. You can read it here./)).toBeTruthy();
    const form = screen.getByRole('form', { name: 'Policy' });
    const controls = within(form).getAllByRole('textbox');
    expect(controls.length).toBeGreaterThan(5);
    expect(controls.every((c) => (c as HTMLInputElement).disabled || c.closest('fieldset[disabled]'))).toBe(true);
    expect(within(form).getByRole('combobox', { name: 'Settings for' })).toHaveProperty('disabled', false);
    expect(within(form).queryByRole('button', { name: 'Save policy' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Users and tokens' })).toBeNull();
    expect(sent.some((m) => m.type === 'users.list')).toBe(false);
  });

  it('says so under the form when the server refuses a non-admin, and nothing is saved', async () => {
    // The session says admin but the token is Dana's: only the server stands between a rep and the policy.
    const dana = { ...signedInAs(h, h.people.rep).user, role: 'admin' as const };
    const user = await openAs(h.people.rep, { user: dana });
    await user.clear(field('Auto at or above'));
    await user.type(field('Auto at or above'), '0.95');
    await user.click(policyForm().getByRole('button', { name: 'Save policy' }));

    expect((await policyForm().findByRole('alert', {}, SERVER)).textContent).toBe('Only admins can change the policy');
    expect((field('Auto at or above') as HTMLInputElement).value).toBe('0.95');
    expect(screen.queryByText(/Saved as version/)).toBeNull();
    expect((await readPolicy(h.deps.db)).version).toBe(2);
    expect(await policyEvents()).toHaveLength(1);
  });

  it('tells an admin whose token was revoked to sign in again, and nothing is saved', async () => {
    const user = await openAs(h.people.admin);
    await revokeToken(h.deps, SYSTEM, h.people.admin.actor.tokenId!);
    await user.clear(field('Auto at or above'));
    await user.type(field('Auto at or above'), '0.95');
    await user.click(policyForm().getByRole('button', { name: 'Save policy' }));

    expect((await policyForm().findByRole('alert', {}, SERVER)).textContent).toBe(
      'The server no longer accepts your token: sign in again',
    );
    expect((field('Auto at or above') as HTMLInputElement).value).toBe('0.95');
    expect((await readPolicy(h.deps.db)).version).toBe(2);
  });

  it('keeps the edits when the server cannot be reached, and says so', async () => {
    const user = await openAs(h.people.admin);
    await h.app.close();
    await user.clear(field('Auto at or above'));
    await user.type(field('Auto at or above'), '0.95');
    await user.click(policyForm().getByRole('button', { name: 'Save policy' }));

    expect((await policyForm().findByRole('alert', {}, SERVER)).textContent).toMatch(/^Could not reach the server/);
    expect((field('Auto at or above') as HTMLInputElement).value).toBe('0.95');
    expect(screen.getByText(/Version 2, changed by you/)).toBeTruthy();
    expect((await readPolicy(h.deps.db)).version).toBe(2);
  });
  it("does not save over another admin's change made since the page opened, and reloads theirs on request", async () => {
    const { bea, user } = await editWhileBeaSaves();
    await user.click(policyForm().getByRole('button', { name: 'Save policy' }));

    expect((await policyForm().findByRole('alert', {}, SERVER)).textContent).toBe(
      'Another admin changed the policy since you opened it, so this was not saved. Reload it to see their ' +
        'version, then make your change again.',
    );
    expect((field('Auto at or above') as HTMLInputElement).value).toBe('0.95');
    const stored = await readPolicy(h.deps.db);
    expect(stored).toMatchObject({ version: 3, updatedBy: bea.actor.id });
    expect(stored.policy.defaults.thresholds.auto).toBe(0.97);
    expect(await policyEvents()).toHaveLength(2);

    await user.click(policyForm().getByRole('button', { name: 'Reload the policy' }));
    await waitFor(() => expect((field('Auto at or above') as HTMLInputElement).value).toBe('0.97'), SERVER);
    expect(screen.getByText(/Version 3, changed by Bea/)).toBeTruthy();
    expect(policyForm().queryByRole('alert')).toBeNull();
    expect(policyForm().queryByRole('button', { name: 'Reload the policy' })).toBeNull();
  });

  it('keeps the edits when the policy cannot be read again after a refused save', async () => {
    const { user } = await editWhileBeaSaves();
    await user.click(policyForm().getByRole('button', { name: 'Save policy' }));
    expect((await policyForm().findByRole('alert', {}, SERVER)).textContent).toMatch(/^Another admin changed/);

    await h.app.close();
    await user.click(policyForm().getByRole('button', { name: 'Reload the policy' }));
    expect((await screen.findByText(/^Could not reach the server/, {}, SERVER)).textContent).toBeTruthy();
    expect((field('Auto at or above') as HTMLInputElement).value).toBe('0.95');
    expect(policyForm().getByRole('button', { name: 'Reload the policy' })).toBeTruthy();
  });

  it("keeps unsaved edits when a kill switch flipped here brings another admin's thresholds along", async () => {
    const { user } = await editWhileBeaSaves();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Every proposal' }), 'review');
    const dialog = screen.getByRole('dialog', { name: 'Turn on the kill switch for every proposal?' });
    await user.type(within(dialog).getByRole('textbox', { name: /Reason for the change/ }), 'Incident{Enter}');
    await waitFor(() => expect(screen.getByText(/Version 4, changed by you/)).toBeTruthy(), SERVER);
    expect((field('Auto at or above') as HTMLInputElement).value).toBe('0.95');

    await user.click(policyForm().getByRole('button', { name: 'Save policy' }));
    expect((await policyForm().findByRole('alert', {}, SERVER)).textContent).toMatch(/^Another admin changed/);
    const stored = await readPolicy(h.deps.db);
    expect(stored).toMatchObject({ version: 4 });
    expect(stored.policy.defaults.thresholds.auto).toBe(0.97);
    expect(stored.policy.killSwitches.global).toBe('review');
  });

  it('saves over a kill switch another admin flipped since the page opened, keeping it', async () => {
    const bea = await person(h.deps, 'Bea', 'admin');
    const user = await openAs(h.people.admin);
    await setKillSwitch(h.deps, bea.actor, { scope: 'global', mode: 'review', reason: 'incident' });
    await user.clear(field('Auto at or above'));
    await user.type(field('Auto at or above'), '0.95');
    await user.click(policyForm().getByRole('button', { name: 'Save policy' }));

    expect(await screen.findByText('Saved as version 4.', {}, SERVER)).toBeTruthy();
    const stored = await readPolicy(h.deps.db);
    expect(stored.policy.defaults.thresholds.auto).toBe(0.95);
    expect(stored.policy.killSwitches.global).toBe('review');
  });
});
