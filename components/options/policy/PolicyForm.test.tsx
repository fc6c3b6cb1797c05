import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { answeringBackground } from '../../../lib/hooks/testing/answering-background';
import { statusOf, storedPolicy, USERS } from '../../../lib/hooks/testing/options-fixtures';
import type { Message, PolicyEdit } from '../../../lib/messages';
import type { Role } from '../../../lib/schemas/common';
import { DEFAULT_POLICY } from '../../../lib/schemas/policy';
import { OptionsPage } from '../OptionsPage';

let sent: Message[];

async function openAs(role: Role) {
  sent = answeringBackground({
    'auth.status': () => statusOf(role),
    'policy.get': () => storedPolicy(),
    'users.list': () => USERS,
    'policy.update': (m) =>
      storedPolicy({ policy: { ...m.policy, killSwitches: DEFAULT_POLICY.killSwitches }, version: 3 }),
  });
  render(<OptionsPage />);
  await screen.findByRole('form', { name: 'Policy' });
  return userEvent.setup();
}

const policyForm = () => within(screen.getByRole('form', { name: 'Policy' }));
const field = (name: string | RegExp) => policyForm().getByRole('textbox', { name });
const updates = () => sent.filter((m): m is Extract<Message, { type: 'policy.update' }> => m.type === 'policy.update');

describe('the policy form', () => {
  beforeEach(() => {
    sent = [];
  });

  it('shows the version and who changed it last', async () => {
    await openAs('admin');
    expect(screen.getByText(/Version 2, changed by you/)).toBeTruthy();
    expect((field('Auto at or above') as HTMLInputElement).value).toBe('0.9');
    expect((field('Review lane: time out after') as HTMLInputElement).value).toBe('1');
    expect((policyForm().getByRole('combobox', { name: 'Review lane: unit' }) as HTMLSelectElement).value).toBe('days');
    expect((field('Explicit lane: time out after') as HTMLInputElement).value).toBe('4');
  });

  it('says next to the field when review is above auto or a timeout is zero, and sends nothing', async () => {
    const user = await openAs('admin');
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
  });

  it('saves the parsed policy: numbers as numbers, timeouts in seconds, an override per action type', async () => {
    const user = await openAs('admin');
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
    expect(await screen.findByText('Saved as version 3.')).toBeTruthy();
  });

  it('is read-only for everyone but admins: inputs disabled, no save button', async () => {
    await openAs('rep');
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
});
