import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { getPreferences, setPreferences } from '../../lib/db/preferences';
import { testBackground } from '../../lib/hooks/testing/harness';
import { OptionsPage } from './OptionsPage';

describe('the preferences section', () => {
  it('shows the stored preferences live and changes them through the background', async () => {
    const { db } = testBackground({ page: 'options', record: null });
    render(<OptionsPage />);
    const notify = await screen.findByRole('checkbox', { name: 'Notify me of new critical alerts' });
    const collapsed = screen.getByRole('checkbox', { name: /Start the review panel collapsed/ });
    await waitFor(() => expect(notify).toHaveProperty('disabled', false));
    expect(notify).toHaveProperty('checked', true);

    await userEvent.setup().click(notify);
    await waitFor(async () => expect((await getPreferences(db)).notifications).toBe(false));
    await waitFor(() => expect(notify).toHaveProperty('checked', false));

    // A change made elsewhere (the panel folding itself) shows here too.
    await setPreferences(db, { panelCollapsed: true });
    await waitFor(() => expect(collapsed).toHaveProperty('checked', true));
  });
});
