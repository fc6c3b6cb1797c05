import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackground } from '../../../lib/hooks/testing/harness';
import { authenticate, listUsers } from '../../../server/services/users';
import { openHttpEnv, signedInAs, type HttpEnv } from '../../../test/helpers/http';
import { OptionsPage } from '../OptionsPage';

describe('users and tokens, against a real server', () => {
  let h: HttpEnv;

  beforeEach(async () => {
    h = await openHttpEnv();
    h.clock.set(Date.now());
  });
  afterEach(() => h.close());

  async function openAsAdmin() {
    testBackground({ page: 'options', record: null, ...signedInAs(h, h.people.admin) });
    render(<OptionsPage />);
    await screen.findByRole('rowheader', { name: 'Raj' });
    return userEvent.setup();
  }

  it('shows an issued token once, read-only, and never again; the server takes it', async () => {
    const user = await openAsAdmin();
    await user.click(screen.getByRole('button', { name: 'Issue a token for Raj' }));
    const field = (await screen.findByRole('textbox', { name: 'Token for Raj' })) as HTMLInputElement;
    expect(field.readOnly).toBe(true);
    expect(screen.getByText(/It is shown only once/)).toBeTruthy();
    const token = field.value;
    expect((await authenticate(h.deps, token)).id).toBe(h.people.rep2.actor.id);

    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('textbox', { name: 'Token for Raj' })).toBeNull();
    expect(document.body.textContent).not.toContain(token);
  });

  it('revokes a token only after confirmation, and the server refuses it from then on', async () => {
    const user = await openAsAdmin();
    const rajs = h.people.rep2;
    await user.click(screen.getByRole('button', { name: `Revoke token ${rajs.actor.tokenId!.slice(0, 8)} of Raj` }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke this token of Raj?' });
    expect((await authenticate(h.deps, rajs.token)).id).toBe(rajs.actor.id);

    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await expect(authenticate(h.deps, rajs.token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const tokens = within(screen.getByRole('list', { name: 'Tokens of Raj' }));
    expect(await tokens.findByText(/revoked/)).toBeTruthy();
  });

  it('adds a user with a role and a team', async () => {
    const user = await openAsAdmin();
    const form = within(screen.getByRole('form', { name: 'Add a user' }));
    await user.type(form.getByRole('textbox', { name: 'Name' }), 'Maya');
    await user.selectOptions(form.getByRole('combobox', { name: 'Role' }), 'manager');
    await user.type(form.getByRole('textbox', { name: 'Team (optional)' }), 'west');
    await user.click(form.getByRole('button', { name: 'Add user' }));
    expect(await screen.findByRole('rowheader', { name: 'Maya' })).toBeTruthy();
    const added = (await listUsers(h.deps)).filter((u) => u.name === 'Maya');
    expect(added).toMatchObject([{ role: 'manager', team: 'west', tokens: [] }]);
  });
});
