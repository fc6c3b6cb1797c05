import { act, renderHook, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CountersignDb } from '../db/schema';
import { countPending } from './count-pending';
import { makeSuggestion } from './testing/fixtures';
import { seed, setConnectionState, testBackground } from './testing/harness';
import { useConnection } from './use-connection';
import { useRecordInView } from './use-record-in-view';
import { useRecordSuggestions } from './use-record-suggestions';

let db: CountersignDb;

describe('countPending', () => {
  it('counts the open items not decided here yet', () => {
    const pending = makeSuggestion({ id: 'pending' });
    const waiting = makeSuggestion({ id: 'waiting', status: 'awaiting_condition' });
    const done = makeSuggestion({ id: 'done', status: 'approved' });
    const decidedHere = makeSuggestion({ id: 'decided-here', local: { kind: 'approve', at: 0, outboxSeq: 1 } });
    expect(countPending([pending, waiting, done, decidedHere])).toBe(2);
    expect(countPending(undefined)).toBe(0);
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
