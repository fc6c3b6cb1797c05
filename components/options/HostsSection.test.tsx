import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { EXTRA_HOSTS_SCRIPT_ID } from '../../lib/background/extra-hosts';
import { fakeHostAccess } from '../../lib/background/testing/fake-host-access';
import { testBackground } from '../../lib/hooks/testing/harness';
import { HostsSection } from './HostsSection';

const CONTOSO = 'https://crm.contoso.local/*';

/** The options page's hosts over the real background handlers, with the browser's grants and scripts faked. */
function setup(granted: string[] = []) {
  const bg = testBackground({ page: 'options' });
  const access = fakeHostAccess({ granted });
  access.install();
  const request = vi.spyOn(access.permissions, 'request');
  render(<HostsSection serverUrl="https://countersign.acme.test" />);
  return { bg, access, request, user: userEvent.setup() };
}

const addressField = () => screen.getByRole('textbox', { name: 'CRM address' });
const addButton = () => screen.getByRole('button', { name: 'Add host' });

describe('other CRM hosts', () => {
  it('asks for access to an added host, runs the panel there, and removes it again', async () => {
    const { access, request, user } = setup();
    expect(await screen.findByText('No other hosts yet.')).toBeTruthy();

    await user.type(addressField(), 'https://crm.contoso.local:5555/Contoso/main.aspx');
    await user.click(addButton());
    expect(request).toHaveBeenCalledWith({ origins: [CONTOSO] });
    expect(await screen.findByText('The panel now runs on https://crm.contoso.local.')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Added hosts' }).textContent).toBe(`${CONTOSO}Remove`);
    expect(access.scripts()).toMatchObject([{ id: EXTRA_HOSTS_SCRIPT_ID, matches: [CONTOSO] }]);

    await user.click(screen.getByRole('button', { name: `Remove ${CONTOSO}` }));
    await waitFor(() => expect(screen.getByText('No other hosts yet.')).toBeTruthy());
    expect(access.calls.remove).toEqual([[CONTOSO]]);
    expect(access.scripts()).toEqual([]);
  });

  it('adds nothing when access is refused, and offers to grant it again once it is taken back', async () => {
    const { access, request, user } = setup();
    request.mockResolvedValueOnce(false);
    await user.type(addressField(), 'https://crm.contoso.local');
    await user.click(addButton());
    expect((await screen.findByRole('alert')).textContent).toBe('Access was not granted.');
    expect(screen.getByText('No other hosts yet.')).toBeTruthy();

    await user.click(addButton());
    await screen.findByText('The panel now runs on https://crm.contoso.local.');
    // Taken back in the browser's settings (the background stops the script then: extra-hosts.test.ts).
    access.revoke(CONTOSO);

    // The list is read when the page opens: a page opened after the revocation says so.
    const { unmount } = render(<HostsSection serverUrl={null} />);
    const again = await screen.findByRole('button', { name: `Grant access to ${CONTOSO}` });
    expect(screen.getByText(/access not granted/)).toBeTruthy();
    request.mockClear();
    await user.click(again);
    expect(request).toHaveBeenCalledWith({ origins: [CONTOSO] });
    await screen.findByText('Access granted to https://crm.contoso.local.');
    expect(screen.queryByText(/access not granted/)).toBeNull();
    unmount();
  });

  it('refuses addresses that are not one CRM host of the user’s own, without asking the browser', async () => {
    const { request, user } = setup();
    const cases: [string, string][] = [
      ['crm.contoso.local', 'Enter the CRM address, e.g. https://crm.contoso.local'],
      ['https://*.contoso.local', 'Enter the CRM address, e.g. https://crm.contoso.local'],
      ['https://app.hubspot.com/contacts/1', 'Countersign already runs on https://app.hubspot.com.'],
      ['https://countersign.acme.test:8443', 'That is your Countersign server, not a CRM.'],
    ];
    for (const [address, said] of cases) {
      await user.clear(addressField());
      await user.type(addressField(), address);
      await user.click(addButton());
      await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(said));
    }
    expect(request).not.toHaveBeenCalled();
  });
});
