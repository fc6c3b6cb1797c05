import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answeringBackground } from '../../lib/hooks/testing/answering-background';
import { statusOf } from '../../lib/hooks/testing/options-fixtures';
import type { Message } from '../../lib/messages';
import { OptionsPage } from './OptionsPage';

const USER = { id: 'u-rep', name: 'Dana', role: 'rep' as const, team: 'west' };

describe('the connection section', () => {
  afterEach(() => vi.restoreAllMocks());

  it('asks for access to a server outside localhost before signing in, in the click', async () => {
    const order: string[] = [];
    const sent = answeringBackground({
      'auth.status': () => statusOf(null),
      'auth.signIn': () => {
        order.push('signIn');
        return { user: USER };
      },
    });
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(async () => {
      order.push('request');
      return true;
    });
    render(<OptionsPage />);
    const user = userEvent.setup();
    const url = await screen.findByRole('textbox', { name: 'Server address' });
    await user.clear(url);
    await user.type(url, 'https://countersign.acme.test/');
    const token = screen.getByLabelText('Token');
    expect(token.getAttribute('type')).toBe('password');
    await user.type(token, 'cs_a-long-enough-token');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(order).toEqual(['request', 'signIn']));
    expect(request).toHaveBeenCalledWith({ origins: ['https://countersign.acme.test/*'] });
    expect(sent).toContainEqual({
      type: 'auth.signIn',
      serverUrl: 'https://countersign.acme.test/',
      token: 'cs_a-long-enough-token',
    });
    expect(await screen.findByText('Signed in as Dana (rep).')).toBeTruthy();
    expect((token as HTMLInputElement).value).toBe('');
  });

  it('does not sign in when access is refused', async () => {
    const sent = answeringBackground({ 'auth.status': () => statusOf(null) });
    vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(async () => false);
    render(<OptionsPage />);
    const user = userEvent.setup();
    const url = await screen.findByRole('textbox', { name: 'Server address' });
    await user.clear(url);
    await user.type(url, 'https://countersign.acme.test');
    await user.type(screen.getByLabelText('Token'), 'cs_a-long-enough-token{Enter}');
    expect(await screen.findByText(/needs your permission to reach https:\/\/countersign.acme.test/)).toBeTruthy();
    expect(sent.some((m: Message) => m.type === 'auth.signIn')).toBe(false);
  });

  it('warns before signing out with decisions waiting, and discards them only when told to', async () => {
    let signedOut = false;
    const sent = answeringBackground({
      'auth.status': () => statusOf(signedOut ? null : 'rep', 2),
      'auth.signOut': (m) => {
        if (!m.discardOutbox) return { signedOut: false, outbox: 2 };
        signedOut = true;
        return { signedOut: true, outbox: 0 };
      },
    });
    render(<OptionsPage />);
    const user = userEvent.setup();
    expect(await screen.findByText(/2 decisions waiting to sync/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out and discard decisions?' });
    expect(dialog.textContent).toContain('2 decisions have not reached the server yet');
    expect(sent).toContainEqual({ type: 'auth.signOut', discardOutbox: false });
    expect(sent).not.toContainEqual({ type: 'auth.signOut', discardOutbox: true });
    await user.click(screen.getByRole('button', { name: 'Sign out and discard' }));
    await waitFor(() => expect(sent).toContainEqual({ type: 'auth.signOut', discardOutbox: true }));
    expect(await screen.findByText(/Signed out/)).toBeTruthy();
  });

  it('tests the connection and says who you are', async () => {
    answeringBackground({ 'auth.status': () => statusOf('rep'), 'sync.now': () => statusOf('rep').connection });
    render(<OptionsPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('Connected to http://localhost:8787 as Dana (rep, team west).')).toBeTruthy();
  });
});
