import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { answeringBackground } from '../../../lib/hooks/testing/answering-background';
import { statusOf, storedPolicy, USERS } from '../../../lib/hooks/testing/options-fixtures';
import { OptionsPage } from '../OptionsPage';

async function openAsAdmin() {
  let users = USERS;
  const sent = answeringBackground({
    'auth.status': () => statusOf('admin'),
    'policy.get': () => storedPolicy(),
    'users.list': () => users,
    'users.add': (m) => {
      const added = { id: 'u-new', name: m.user.name, role: m.user.role, team: m.user.team ?? null };
      users = [...users, { ...added, tokens: [] }];
      return added;
    },
    'tokens.issue': () => ({ tokenId: 'tok-new', token: 'cs_live_once_only_secret' }),
    'tokens.revoke': () => ({ revoked: true }),
  });
  render(<OptionsPage />);
  await screen.findByRole('cell', { name: 'west' });
  return { sent, user: userEvent.setup() };
}

describe('users and tokens', () => {
  it('shows an issued token once, read-only, and never again', async () => {
    const { sent, user } = await openAsAdmin();
    await user.click(screen.getByRole('button', { name: 'Issue a token for Raj' }));
    const field = await screen.findByRole('textbox', { name: 'Token for Raj' });
    expect((field as HTMLInputElement).value).toBe('cs_live_once_only_secret');
    expect((field as HTMLInputElement).readOnly).toBe(true);
    expect(screen.getByText(/It is shown only once/)).toBeTruthy();
    expect(sent).toContainEqual({ type: 'tokens.issue', userId: 'u-raj' });

    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('textbox', { name: 'Token for Raj' })).toBeNull();
    expect(document.body.textContent).not.toContain('cs_live_once_only_secret');
  });

  it('revokes a token after confirmation', async () => {
    const { sent, user } = await openAsAdmin();
    await user.click(screen.getByRole('button', { name: 'Revoke token tok-raj- of Raj' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke this token of Raj?' });
    expect(sent.some((m) => m.type === 'tokens.revoke')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(sent).toContainEqual({ type: 'tokens.revoke', tokenId: 'tok-raj-1' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('adds a user with a role and a team', async () => {
    const { sent, user } = await openAsAdmin();
    const form = within(screen.getByRole('form', { name: 'Add a user' }));
    await user.type(form.getByRole('textbox', { name: 'Name' }), 'Maya');
    await user.selectOptions(form.getByRole('combobox', { name: 'Role' }), 'manager');
    await user.type(form.getByRole('textbox', { name: 'Team (optional)' }), 'west');
    await user.click(form.getByRole('button', { name: 'Add user' }));
    await waitFor(() =>
      expect(sent).toContainEqual({ type: 'users.add', user: { name: 'Maya', role: 'manager', team: 'west' } }),
    );
    expect(await screen.findByRole('rowheader', { name: 'Maya' })).toBeTruthy();
  });
});
