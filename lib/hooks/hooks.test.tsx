import { act, renderHook, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CountersignDb } from '../db/schema';
import { sortForReview, countPending } from './sort-suggestions';
import { makeSuggestion } from './testing/fixtures';
import { seed, setConnectionState, testBackground } from './testing/harness';
import { useConnection } from './use-connection';
import { useRecordInView } from './use-record-in-view';
import { useRecordSuggestions } from './use-record-suggestions';

let db: CountersignDb;
const iso = (ms: number) => new Date(Date.parse('2026-11-22T10:00:00Z') + ms).toISOString();

describe('sortForReview', () => {
  it('puts open items first, by priority, then the soonest timeout; decided ones after, newest first', () => {
    const later = makeSuggestion({ id: 'later', expiresAt: iso(60_000) });
    const sooner = makeSuggestion({ id: 'sooner', expiresAt: iso(1_000) });
    const urgent = makeSuggestion({ id: 'urgent', priority: 'urgent', expiresAt: iso(90_000) });
    const oldDone = makeSuggestion({ id: 'old-done', status: 'approved', updatedAt: iso(-90_000) });
    const newDone = makeSuggestion({ id: 'new-done', status: 'rejected', updatedAt: iso(-1_000) });
    const waiting = makeSuggestion({ id: 'waiting', status: 'awaiting_condition', expiresAt: iso(120_000) });
    const sorted = sortForReview([oldDone, later, newDone, waiting, sooner, urgent]);
    expect(sorted.map((s) => s.id)).toEqual(['urgent', 'sooner', 'later', 'waiting', 'new-done', 'old-done']);
    expect(countPending(sorted)).toBe(4);
    expect(countPending([{ ...later, local: { kind: 'approve', at: 0, outboxSeq: 1 } }])).toBe(0);
  });
});

describe('panel hooks', () => {
  beforeEach(() => {
    db = testBackground().db;
  });

  it('reads the record’s suggestions live, matching the object type in any case', async () => {
    const record = { crm: 'salesforce', objectType: 'opportunity', id: '006A' };
    await seed(
      db,
      makeSuggestion({ id: 'mine', record: { ...record, objectType: 'Opportunity' } }),
      makeSuggestion({ id: 'other-type', record: { ...record, objectType: 'account' } }),
      makeSuggestion({ id: 'other-record', record: { ...record, id: '006B' } }),
    );
    const { result } = renderHook(() => useRecordSuggestions(record));
    await waitFor(() => expect(result.current?.map((s) => s.id)).toEqual(['mine']));
    await act(() => seed(db, makeSuggestion({ id: 'new', record, priority: 'urgent' })));
    await waitFor(() => expect(result.current?.map((s) => s.id)).toEqual(['new', 'mine']));
  });

  it('reads the connection state, signed out until the background writes one', async () => {
    const { result } = renderHook(() => useConnection());
    await waitFor(() => expect(result.current.state).toBe('signed_out'));
    await act(() => setConnectionState(db, 'offline'));
    await waitFor(() => expect(result.current.state).toBe('offline'));
  });

  it('reports a background that does not answer', async () => {
    testBackground();
    fakeBrowser.runtime.onMessage.removeAllListeners();
    const { result } = renderHook(() => useRecordInView());
    await waitFor(() => expect(result.current.status).toBe('error'));
  });

  it('rejects a malformed record from the background', async () => {
    testBackground({ record: { crm: '', objectType: 'deal', id: '1' } });
    const { result } = renderHook(() => useRecordInView());
    await waitFor(() =>
      expect(result.current).toEqual({ status: 'error', error: 'the background sent an unreadable record' }),
    );
  });
});
