import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { META, type CountersignDb } from '../../lib/db/schema';
import { FIXTURE_NOW, makeSuggestion } from '../../lib/hooks/testing/fixtures';
import { seed, setConnectionState, testBackground } from '../../lib/hooks/testing/harness';
import { ReviewPanel } from './ReviewPanel';

let db: CountersignDb;
const banner = () => document.querySelector('.banner')?.textContent;

describe('ReviewPanel states', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXTURE_NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('shows loading until the background says which record is in view', async () => {
    db = testBackground().db;
    fakeBrowser.runtime.onMessage.removeAllListeners();
    fakeBrowser.runtime.onMessage.addListener(() => true); // never answers
    await setConnectionState(db, 'online');
    render(<ReviewPanel />);
    expect((await screen.findByRole('status')).textContent).toBe('Loading suggestions…');
  });

  it('asks for a record when none is in view', async () => {
    db = testBackground({ record: null }).db;
    await setConnectionState(db, 'online');
    render(<ReviewPanel />);
    expect(await screen.findByText('Open a record to see its suggestions')).toBeTruthy();
  });

  it('says so when the record has nothing pending, naming its type', async () => {
    db = testBackground({ record: { crm: 'hubspot', objectType: 'deal', id: '999' } }).db;
    await setConnectionState(db, 'online');
    render(<ReviewPanel />);
    expect(await screen.findByText('No pending suggestions for this deal')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Deal 999');
  });

  it('shows the record, its pending count and the connection in the header', async () => {
    db = testBackground().db;
    await setConnectionState(db, 'online');
    await seed(db, makeSuggestion(), makeSuggestion(), makeSuggestion({ status: 'rejected' }));
    render(<ReviewPanel />);
    const header = await screen.findByRole('banner');
    await within(header).findByText('2 pending');
    expect(within(header).getByRole('heading', { level: 1 }).textContent).toBe('Acme Corp, 40 seats');
    expect(within(header).getByText('Online')).toBeTruthy();
  });

  it('sends a signed-out reviewer to the options page', async () => {
    db = testBackground().db;
    const openOptionsPage = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    await setConnectionState(db, 'signed_out');
    await seed(db, makeSuggestion());
    render(<ReviewPanel />);
    expect(await screen.findByText('Sign in on the options page')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Suggestions' })).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Open the options page' }));
    expect(openOptionsPage).toHaveBeenCalledTimes(1);
  });

  it('keeps working offline and counts the decisions waiting to sync', async () => {
    db = testBackground().db;
    await setConnectionState(db, 'offline');
    await seed(db, makeSuggestion());
    const entry = {
      suggestionId: 'x',
      op: 'decide' as const,
      payload: {},
      createdAt: 0,
      attempts: 0,
      nextAttemptAt: 0,
    };
    await db.outbox.bulkAdd([
      { ...entry, key: 'k1' },
      { ...entry, key: 'k2' },
    ]);
    render(<ReviewPanel />);
    await screen.findByRole('list', { name: 'Suggestions' });
    await waitFor(() => expect(banner()).toBe('Offline — 2 decisions waiting to sync'));
  });

  it('offers a retry when the server is unreachable', async () => {
    const bg = testBackground();
    db = bg.db;
    await setConnectionState(db, 'unreachable');
    render(<ReviewPanel />);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Retry now' }));
    expect(bg.sent).toContainEqual({ type: 'sync.now' });
    expect(banner()).toBe('Server unreachable — decisions you take will sync laterRetry now');
  });

  it('collapses to a tab with a count, remembers it and tells the content script', async () => {
    const bg = testBackground();
    db = bg.db;
    await setConnectionState(db, 'online');
    await seed(db, makeSuggestion(), makeSuggestion());
    const first = render(<ReviewPanel />);
    await screen.findByText('2 pending');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Collapse panel' }));
    expect(screen.getByRole('button', { name: 'Expand Countersign panel, 2 pending' })).toBeTruthy();
    expect(bg.sent).toContainEqual({ type: 'panel.layout', collapsed: true });
    await waitFor(async () =>
      expect((await db.meta.get(META.preferences))?.value).toMatchObject({ panelCollapsed: true }),
    );

    first.unmount();
    testBackground({ db });
    render(<ReviewPanel />);
    expect(await screen.findByRole('button', { name: /Expand Countersign panel/ })).toBeTruthy();
  });

  it('keeps live updates on while open, through its data port, and off when closed', async () => {
    const bg = testBackground();
    db = bg.db;
    await setConnectionState(db, 'online');
    const view = render(<ReviewPanel />);
    await screen.findByText(/No pending suggestions/);
    expect(bg.watching).toBe(true);
    view.unmount();
    await waitFor(() => expect(bg.watching).toBe(false));
  });

  it('follows the tab to another record', async () => {
    const bg = testBackground();
    db = bg.db;
    await setConnectionState(db, 'online');
    await seed(
      db,
      makeSuggestion(),
      makeSuggestion({ record: { crm: 'hubspot', objectType: 'deal', id: '789', name: 'Globex' } }),
    );
    render(<ReviewPanel />);
    await screen.findByText('Acme Corp, 40 seats');
    bg.setRecord({ crm: 'hubspot', objectType: 'deal', id: '789' });
    await fakeBrowser.runtime.sendMessage({
      type: 'tab.record',
      record: { crm: 'hubspot', objectType: 'deal', id: '789' },
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Globex' })).toBeTruthy();
  });
});
