import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answeringBackground } from '../../lib/hooks/testing/answering-background';
import { statusOf } from '../../lib/hooks/testing/options-fixtures';
import { OptionsPage } from './OptionsPage';

describe('other CRM hosts', () => {
  afterEach(() => vi.restoreAllMocks());

  it('asks for the origin of an added host, lists granted ones and removes them', async () => {
    answeringBackground({ 'auth.status': () => statusOf(null) });
    let granted = ['http://localhost/*', 'https://app.hubspot.com/*'];
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'Countersign',
      version: '0.1.0',
      host_permissions: ['http://localhost/*'],
      content_scripts: [{ matches: ['https://app.hubspot.com/*'], js: ['content-scripts/crm.js'] }],
    });
    vi.spyOn(fakeBrowser.permissions, 'getAll').mockImplementation(async () => ({ origins: granted }));
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(async (p) => {
      granted = [...granted, ...(p.origins ?? [])];
      return true;
    });
    const remove = vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation(async (p) => {
      granted = granted.filter((o) => !p.origins?.includes(o));
      return true;
    });
    render(<OptionsPage />);
    const user = userEvent.setup();
    expect(await screen.findByText('No other hosts yet.')).toBeTruthy();

    await user.type(
      screen.getByRole('textbox', { name: 'CRM address' }),
      'https://crm.contoso.local/Contoso/main.aspx',
    );
    await user.click(screen.getByRole('button', { name: 'Grant access' }));
    expect(request).toHaveBeenCalledWith({ origins: ['https://crm.contoso.local/*'] });
    expect(await screen.findByText('https://crm.contoso.local/*')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Remove https://crm.contoso.local/*' }));
    expect(remove).toHaveBeenCalledWith({ origins: ['https://crm.contoso.local/*'] });
    await waitFor(() => expect(screen.getByText('No other hosts yet.')).toBeTruthy());
  });
});
