import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { answeringBackground } from '../../lib/hooks/testing/answering-background';
import { statusOf, storedPolicy, USERS } from '../../lib/hooks/testing/options-fixtures';
import type { Role } from '../../lib/schemas/common';
import { DEFAULT_POLICY } from '../../lib/schemas/policy';
import { OptionsPage } from './OptionsPage';

async function openAs(role: Role) {
  const sent = answeringBackground({
    'auth.status': () => statusOf(role),
    'policy.get': () => storedPolicy(),
    'users.list': () => USERS,
    'killSwitch.set': (m) =>
      storedPolicy({
        version: 3,
        policy: {
          ...DEFAULT_POLICY,
          killSwitches: {
            ...DEFAULT_POLICY.killSwitches,
            actionTypes: m.change.scope === 'action_type' && m.change.mode ? { [m.change.target]: m.change.mode } : {},
          },
        },
      }),
  });
  render(<OptionsPage />);
  await screen.findByRole('heading', { name: 'Kill switches' });
  return { sent, user: userEvent.setup() };
}

const kills = () => within(screen.getByRole('heading', { name: 'Kill switches' }).closest('section')!);

describe('kill switches', () => {
  it('asks for confirmation and a reason before flipping one, then sends it', async () => {
    const { sent, user } = await openAs('admin');
    const refund = kills().getByRole('combobox', { name: 'Action type: refund' });
    await user.selectOptions(refund, 'block');
    expect((refund as HTMLSelectElement).value).toBe('off'); // nothing moves before it is confirmed

    const dialog = screen.getByRole('dialog', { name: 'Turn on the kill switch for refund proposals?' });
    expect(within(dialog).getByText('From the next proposal: blocked.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Turn on' }));
    expect(within(dialog).getByRole('alert').textContent).toMatch(/Give a reason/);
    expect(sent.some((m) => m.type === 'killSwitch.set')).toBe(false);

    await user.type(within(dialog).getByRole('textbox', { name: /Reason for the change/ }), 'Refunds misfire{Enter}');
    await waitFor(() =>
      expect(sent).toContainEqual({
        type: 'killSwitch.set',
        change: { scope: 'action_type', target: 'refund', mode: 'block', reason: 'Refunds misfire' },
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((kills().getByRole('combobox', { name: 'Action type: refund' }) as HTMLSelectElement).value).toBe('block');
  });

  it('lists agents, and cancels without sending anything', async () => {
    const { sent, user } = await openAs('admin');
    await user.selectOptions(kills().getByRole('combobox', { name: 'Agent: Pipeline Agent' }), 'review');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    const everything = kills().getByRole('combobox', { name: 'Every proposal' });
    await user.selectOptions(everything, 'review');
    expect(screen.getByRole('dialog', { name: 'Turn on the kill switch for every proposal?' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((everything as HTMLSelectElement).value).toBe('off');
    expect(sent.some((m) => m.type === 'killSwitch.set')).toBe(false);
  });

  it('is read-only for non-admins', async () => {
    await openAs('manager');
    const switches = kills().getAllByRole('combobox');
    expect(switches.every((s) => (s as HTMLSelectElement).disabled)).toBe(true);
  });
});
