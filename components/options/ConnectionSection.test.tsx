import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createApiClient } from '../../lib/api/client';
import { getSession } from '../../lib/db/session';
import { askBackground } from '../../lib/hooks/ask-background';
import { outbox, signIn, testBackground } from '../../lib/hooks/testing/harness';
import { pull } from '../../lib/sync/pull';
import { getSuggestion, propose } from '../../server/services/suggestions';
import { revokeToken } from '../../server/services/users';
import { openHttpEnv, signedInAs, type HttpEnv } from '../../test/helpers/http';
import { dealProposal } from '../../test/helpers/people';
import { OptionsPage } from './OptionsPage';

// The server's answers take a while on a busy machine.
configure({ asyncUtilTimeout: 5_000 });

/**
 * A relay to the server from another loopback address, one that Countersign still has to ask access to: 127.0.0.2,
 * or [::1] where only 127.0.0.1 is set up (as on macOS). `pattern` is the host permission it needs.
 */
async function relayFromElsewhere(h: HttpEnv): Promise<{ url: string; pattern: string; close(): Promise<void> }> {
  const server = new URL(h.url);
  const sockets = new Set<Socket>();
  const keep = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s)).on('error', () => {});
  };
  const listenOn = async (host: string) => {
    const relay = createServer((client) => {
      const upstream = connect(Number(server.port), server.hostname);
      keep(client);
      keep(upstream);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => relay.once('error', reject).listen(0, host, resolve));
    return relay;
  };
  const [relay, host] = await listenOn('127.0.0.2').then(
    (r) => [r, '127.0.0.2'] as const,
    async () => [await listenOn('::1'), '[::1]'] as const,
  );
  return {
    url: `http://${host}:${(relay.address() as AddressInfo).port}/`,
    pattern: `http://${host}/*`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        relay.close(() => resolve());
      }),
  };
}

/** An address on this computer where nothing listens. */
async function nothingListening(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** The browser's host permissions: `request` grants what it asks for when `grant` says so; `contains` checks. */
function hostPermissions(grant: boolean, onRequest: () => void = () => {}) {
  const granted = new Set<string>();
  const hostOf = (pattern: string) => {
    const url = new URL(pattern.replace(/\*$/, ''));
    return `${url.protocol}//${url.hostname}`; // a pattern without a port covers every port
  };
  const request = vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(async ({ origins = [] }) => {
    onRequest();
    if (grant) for (const o of origins) granted.add(hostOf(o));
    return grant;
  });
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async ({ origins = [] }) =>
    origins.every((o) => granted.has(hostOf(o))),
  );
  return request;
}

describe('the connection section, against a real server', () => {
  let h: HttpEnv;

  beforeEach(async () => {
    h = await openHttpEnv();
    h.clock.set(Date.now());
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await h.close();
  });

  /** Signed out, with a background that calls real servers (the token is not used until someone signs in). */
  const signedOut = () =>
    testBackground({ page: 'options', record: null, user: null, server: { url: h.url, token: '' } });

  async function typeSignIn(serverUrl: string, token: string) {
    const user = userEvent.setup();
    const url = await screen.findByRole('textbox', { name: 'Server address' });
    await user.clear(url);
    await user.paste(serverUrl);
    const field = screen.getByLabelText('Token') as HTMLInputElement;
    await user.type(field, token);
    return { user, field };
  }

  it('asks for access to a server outside localhost before signing in, in the click', async () => {
    const remote = await relayFromElsewhere(h);
    try {
      const t = signedOut();
      let sentBeforeAsking: string[] | null = null;
      const request = hostPermissions(true, () => (sentBeforeAsking = t.sent.map((m) => m.type)));
      render(<OptionsPage />);
      const { user, field } = await typeSignIn(remote.url, h.people.rep.token);
      expect(field.getAttribute('type')).toBe('password');
      await user.click(screen.getByRole('button', { name: 'Sign in' }));

      expect(await screen.findByText('Signed in as Dana (rep).')).toBeTruthy();
      expect(request).toHaveBeenCalledWith({ origins: [remote.pattern] });
      expect(sentBeforeAsking).not.toContain('auth.signIn');
      expect(t.sent).toContainEqual({ type: 'auth.signIn', serverUrl: remote.url, token: h.people.rep.token });
      expect(field.value).toBe('');
      const origin = remote.url.replace(/\/$/, '');
      expect(await getSession(t.db)).toMatchObject({
        serverUrl: origin,
        token: h.people.rep.token,
        user: { id: h.people.rep.actor.id, name: 'Dana', role: 'rep', team: 'west' },
      });
      const signedIn = await screen.findByRole('group', { name: 'Signed in' });
      expect(signedIn.textContent).toContain(`Signed in as Dana (rep, team west) on ${origin} — online.`);
      // The page reads the policy from that server from now on.
      expect(await screen.findByText('Version 0: the default policy, never changed.')).toBeTruthy();
    } finally {
      await remote.close();
    }
  });

  it('does not sign in when access is refused', async () => {
    const t = signedOut();
    hostPermissions(false);
    render(<OptionsPage />);
    const { user } = await typeSignIn('https://countersign.acme.test', 'cs_a-long-enough-token');
    await user.keyboard('{Enter}');
    expect(await screen.findByText(/needs your permission to reach https:\/\/countersign.acme.test/)).toBeTruthy();
    expect(t.sent.some((m) => m.type === 'auth.signIn')).toBe(false);
    expect(await getSession(t.db)).toBeUndefined();
    expect(screen.queryByRole('group', { name: 'Signed in' })).toBeNull();
  });

  it('says the server refused a token it did not issue, and stays signed out', async () => {
    const t = signedOut();
    render(<OptionsPage />);
    const { user, field } = await typeSignIn(h.url, 'cs_not-a-token-this-server-issued');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('The server did not accept this token')).toBeTruthy();
    expect(field.value).toBe('cs_not-a-token-this-server-issued');
    expect(await getSession(t.db)).toBeUndefined();
    expect(screen.queryByRole('group', { name: 'Signed in' })).toBeNull();
  });

  it('says when nothing answers at the server address, and stays signed out', async () => {
    const dead = await nothingListening();
    const t = signedOut();
    render(<OptionsPage />);
    const { user } = await typeSignIn(dead, h.people.rep.token);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(new RegExp(`^Could not reach ${dead}: .`))).toBeTruthy();
    expect(await getSession(t.db)).toBeUndefined();
  });

  it('warns before signing out with decisions waiting, and discards them only when told to', async () => {
    const dana = signedInAs(h, h.people.rep);
    const t = testBackground({ page: 'options', record: null, ...dana });
    await signIn(t.db, dana.user, dana.server); // awaited: the pull below writes only under this session
    const ids: string[] = [];
    for (const id of ['456', '457']) {
      const proposed = await propose(
        h.deps,
        h.people.agent.actor,
        dealProposal({ record: { crm: 'hubspot', objectType: 'deal', id } }),
      );
      ids.push(proposed.body.id);
    }
    await pull(t.db, createApiClient(h.url, h.people.rep.token));
    const recorded = await askBackground({
      type: 'decision.recordMany',
      items: ids.map((suggestionId) => ({ suggestionId, action: { op: 'decide', payload: { kind: 'approve' } } })),
    });
    expect(recorded).toEqual({ ok: true, data: { recorded: ids, refused: [] } });

    render(<OptionsPage />);
    const user = userEvent.setup();
    expect(await screen.findByText(/2 decisions waiting to sync/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out and discard decisions?' });
    expect(dialog.textContent).toContain('2 decisions have not reached the server yet');
    expect(t.sent).toContainEqual({ type: 'auth.signOut', discardOutbox: false });
    expect(t.sent).not.toContainEqual({ type: 'auth.signOut', discardOutbox: true });
    expect(await outbox(t.db)).toHaveLength(2);
    expect((await getSession(t.db))?.user.id).toBe(h.people.rep.actor.id);

    await user.click(within(dialog).getByRole('button', { name: 'Sign out and discard' }));
    await waitFor(() => expect(t.sent).toContainEqual({ type: 'auth.signOut', discardOutbox: true }));
    expect(await screen.findByText(/Signed out/)).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Signed in' })).toBeNull());
    expect(await outbox(t.db)).toEqual([]);
    expect(await getSession(t.db)).toBeUndefined();
    for (const id of ids) {
      const onServer = await getSuggestion(h.deps, h.people.admin.actor, id);
      expect(onServer).toMatchObject({ status: 'pending', decisions: [] });
    }
  });

  it('tests the connection and says who you are', async () => {
    testBackground({ page: 'options', record: null, ...signedInAs(h, h.people.rep) });
    render(<OptionsPage />);
    const user = userEvent.setup();
    // The page's first call to the server (the policy) finds it up.
    const signedIn = await screen.findByRole('group', { name: 'Signed in' });
    await waitFor(() => expect(signedIn.textContent).toContain('— online'));
    await user.click(within(signedIn).getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText(`Connected to ${h.url} as Dana (rep, team west).`)).toBeTruthy();
  });

  it('tells a user whose token was revoked to sign in again', async () => {
    await revokeToken(h.deps, h.people.admin.actor, h.people.rep.actor.tokenId!);
    testBackground({ page: 'options', record: null, ...signedInAs(h, h.people.rep) });
    render(<OptionsPage />);
    const user = userEvent.setup();
    const signedIn = await screen.findByRole('group', { name: 'Signed in' });
    await waitFor(() => expect(signedIn.textContent).toContain('— token refused: sign in again'));
    await user.click(within(signedIn).getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('The server no longer accepts your token: sign in again.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in again' })).toBeTruthy();
  });
});
