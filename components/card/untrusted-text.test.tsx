import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIXTURE_NOW, makeSuggestion } from '../../lib/hooks/testing/fixtures';
import { seed, setConnectionState, testBackground } from '../../lib/hooks/testing/harness';
import { ReviewPanel } from '../panel/ReviewPanel';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(document.cookie)</script>';

describe('AI text', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('is shown as literal text everywhere and never becomes markup', async () => {
    const { db } = testBackground();
    await setConnectionState(db, 'online');
    await seed(
      db,
      makeSuggestion({
        record: { crm: 'hubspot', objectType: 'deal', id: '456', name: `Acme ${IMG}` },
        changeSet: { changes: [{ field: 'dealstage', label: `Stage ${SCRIPT}`, from: IMG, to: SCRIPT }] },
        reasons: [IMG, SCRIPT],
        context: { note: IMG, html: SCRIPT },
        proposedBy: { id: 'agent-1', name: `Agent ${IMG}`, role: 'agent' },
      }),
      makeSuggestion({
        type: 'email_draft',
        changeSet: { changes: [], draft: { to: 'dana@acme.test', subject: SCRIPT, body: `Hi ${IMG}\n${SCRIPT}` } },
      }),
    );
    const { container } = render(<ReviewPanel />);
    await screen.findAllByRole('heading', { level: 2 });

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(`Acme ${IMG}`);
    expect(screen.getAllByText(IMG).length).toBeGreaterThanOrEqual(2);
    expect(screen.getAllByText(SCRIPT).length).toBeGreaterThanOrEqual(2);
    expect(container.textContent).toContain(`Hi ${IMG}\n${SCRIPT}`);
    expect(container.textContent).toContain(`Proposed by Agent ${IMG}`);
    expect(container.querySelector('pre')!.textContent).toContain('<img src=x onerror=alert(1)>');

    // Opening the modify form puts the same text into inputs, still as values, not markup.
    const user = userEvent.setup();
    await user.keyboard('m');
    expect(screen.getByRole('textbox', { name: /Stage/ })).toHaveProperty('value', SCRIPT);

    expect(document.querySelectorAll('img, script, iframe, object')).toHaveLength(0);
  });
});
