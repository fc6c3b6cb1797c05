import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SuggestionDetail } from '../schemas/decision';
import type { Suggestion } from '../schemas/suggestion';
import { iso, NOW, serverSuggestion } from './testing/server-suggestion';
import { getConnection, setConnection } from './connection';
import { outboxCount, pendingCount } from './counts';
import { getCursor, setCursor } from './cursor';
import { decideLocally } from './local-decisions';
import { dismissNotice } from './notices';
import { getPreferences, setPreferences } from './preferences';
import { RECENTLY_DECIDED_MS, suggestionsForRecord } from './record-suggestions';
import { CountersignDb } from './schema';
import { clearSession, getSession, setSession } from './session';
import { upsertFromServer } from './upsert-from-server';

let dbCount = 0;
const freshDb = () => new CountersignDb(`cache-test-${++dbCount}`, { indexedDB: new IDBFactory(), IDBKeyRange });

const item = serverSuggestion;

const decidedBy = (s: Suggestion, name: string, at: number): SuggestionDetail => ({
  ...s,
  decisions: [
    {
      id: `d-${s.id}`,
      suggestionId: s.id,
      kind: 'approve',
      by: { id: `u-${name}`, name, role: 'rep' },
      note: null,
      condition: null,
      openedMs: null,
      finalChangeSet: null,
      finalHash: null,
      createdAt: iso(at),
    },
  ],
  finalChangeSet: null,
  finalHash: null,
  outcome: null,
});

const dana = { id: 'u-dana', name: 'Dana', role: 'rep' as const, team: 'west' };

describe('the suggestion cache', () => {
  let db: CountersignDb;
  beforeEach(() => {
    db = freshDb();
  });

  it('keeps an optimistic decision through deltas while its outbox entry is queued, and only then', async () => {
    await upsertFromServer(db, [item('s1')], NOW);
    const entry = await decideLocally(db, 's1', { op: 'decide', payload: { kind: 'approve' } }, NOW);

    // A delta that does not reflect the decision yet (another field moved): the card must not flicker back.
    await upsertFromServer(db, [item('s1', { version: 2, priority: 'high' })], NOW);
    expect(await db.suggestions.get('s1')).toMatchObject({ priority: 'high', local: { kind: 'approve' } });

    await db.outbox.delete(entry.seq!);
    await upsertFromServer(db, [item('s1', { version: 3, status: 'approved' })], NOW);
    const after = (await db.suggestions.get('s1'))!;
    expect(after.status).toBe('approved');
    expect(after.local).toBeUndefined();
  });

  it('never lets an older version overwrite a newer one', async () => {
    await upsertFromServer(db, [item('s1', { version: 3, status: 'approved' })], NOW);
    expect(await upsertFromServer(db, [item('s1', { version: 2 })], NOW)).toEqual({ written: 0 });
    expect((await db.suggestions.get('s1'))!.status).toBe('approved');
  });

  it('remembers who decided from a detailed answer, and forgets it when a newer version arrives', async () => {
    const closed = item('s1', { version: 2, status: 'approved' });
    await upsertFromServer(db, [decidedBy(closed, 'Raj', NOW)], NOW);
    const cached = (await db.suggestions.get('s1'))!;
    expect(cached.lastDecision).toEqual({ kind: 'approve', byId: 'u-Raj', byName: 'Raj', at: NOW });
    expect(cached).not.toHaveProperty('decisions');

    await upsertFromServer(db, [closed], NOW); // the delta feed's copy of the same version carries no decisions
    expect((await db.suggestions.get('s1'))!.lastDecision?.byName).toBe('Raj');
    await upsertFromServer(db, [item('s1', { version: 3, status: 'executed' })], NOW);
    expect((await db.suggestions.get('s1'))!.lastDecision).toBeUndefined();
  });

  it('keeps a notice through deltas until it is dismissed', async () => {
    await upsertFromServer(db, [item('s1')], NOW);
    await db.suggestions.update('s1', { notice: { kind: 'conflict', message: 'Approved by Raj', at: NOW } });
    await upsertFromServer(db, [item('s1', { version: 2, status: 'approved' })], NOW);
    expect((await db.suggestions.get('s1'))!.notice?.message).toBe('Approved by Raj');
    await dismissNotice(db, 's1');
    expect((await db.suggestions.get('s1'))!.notice).toBeUndefined();
  });

  it('lists a record’s open items first, most urgent, then soonest timeout, then oldest; then the recently decided, newest first', async () => {
    const at = (minutesAgo: number) => iso(NOW - minutesAgo * 60_000);
    // Cached while it was open, as an item decided here is: only then can it carry a notice.
    await upsertFromServer(db, [item('long-ago-with-notice')], NOW);
    await upsertFromServer(
      db,
      [
        item('open-no-timeout', { createdAt: at(50) }),
        item('open-high-no-timeout', { priority: 'high', createdAt: at(5) }),
        item('open-urgent-latest', { priority: 'urgent', expiresAt: iso(NOW + 8 * 3600_000) }),
        item('open-late', { expiresAt: iso(NOW + 4 * 3600_000) }),
        item('open-soon', { expiresAt: iso(NOW + 600_000), status: 'awaiting_condition' }),
        item('open-older-no-timeout', { createdAt: at(55) }),
        item('decided-just-now', { status: 'approved', updatedAt: at(2) }),
        item('decided-earlier', { status: 'rejected', updatedAt: at(30) }),
        item('decided-long-ago', { status: 'approved', updatedAt: iso(NOW - RECENTLY_DECIDED_MS - 1) }),
        item('long-ago-with-notice', { status: 'approved', version: 2, updatedAt: at(600) }),
        item('other-record', { record: { crm: 'hubspot', objectType: 'deal', id: '999' } }),
        item('other-crm', { record: { crm: 'pipedrive', objectType: 'deal', id: '456' } }),
        item('same-id-contact', { record: { crm: 'hubspot', objectType: 'contact', id: '456' } }),
      ],
      NOW,
    );
    await db.suggestions.update('long-ago-with-notice', { notice: { kind: 'gone', message: 'Timed out', at: NOW } });

    const ids = async (objectType?: string) =>
      (await suggestionsForRecord(db, 'hubspot', '456', { now: NOW, objectType })).map((s) => s.id);
    expect(await ids('deal')).toEqual([
      'open-urgent-latest',
      'open-high-no-timeout',
      'open-soon',
      'open-late',
      'open-older-no-timeout',
      'open-no-timeout',
      'decided-just-now',
      'decided-earlier',
      'long-ago-with-notice',
    ]);
    expect(await ids('Deal')).toEqual(await ids('deal'));
    expect(await ids()).toContain('same-id-contact');
  });

  it('counts what waits for the user: open, not decided here, at a tier their role may decide', async () => {
    await upsertFromServer(
      db,
      [
        item('a'),
        item('b', { status: 'awaiting_condition' }),
        item('c', { tier: 'manager' }),
        item('d', { status: 'approved' }),
        item('e'),
      ],
      NOW,
    );
    await decideLocally(db, 'e', { op: 'decide', payload: { kind: 'approve' } });
    expect(await pendingCount(db, { role: 'rep' })).toBe(2);
    expect(await pendingCount(db, { role: 'manager' })).toBe(3);
    expect(await pendingCount(db, { role: 'agent' })).toBe(0);
    expect(await pendingCount(db)).toBe(3);
    expect(await outboxCount(db)).toBe(1);
  });
});

describe('local decisions', () => {
  it('writes the optimistic state and the outbox entry together, or neither', async () => {
    const db = freshDb();
    await upsertFromServer(db, [item('s1'), item('s2')], NOW);
    const entry = await decideLocally(db, 's1', { op: 'decide', payload: { kind: 'reject', note: 'wrong' } }, NOW);
    expect(await db.outbox.get(entry.seq!)).toMatchObject({ suggestionId: 's1', attempts: 0, nextAttemptAt: NOW });
    expect((await db.suggestions.get('s1'))!.local).toEqual({ kind: 'reject', at: NOW, outboxSeq: entry.seq });

    await expect(decideLocally(db, 's1', { op: 'decide', payload: { kind: 'approve' } })).rejects.toThrow(/waiting/);
    await expect(decideLocally(db, 's2', { op: 'decide', payload: { kind: 'reject' } })).rejects.toThrow();
    await expect(decideLocally(db, 'nope', { op: 'decide', payload: { kind: 'approve' } })).rejects.toThrow();
    expect(await db.outbox.count()).toBe(1);
    expect((await db.suggestions.get('s2'))!.local).toBeUndefined();
  });
});

describe('session, connection and preferences', () => {
  it('empties the user’s data when another user signs in, and keeps it for the same user', async () => {
    const db = freshDb();
    await setSession(db, { serverUrl: 'http://localhost:8787', token: 't1', user: dana });
    await upsertFromServer(db, [item('s1')], NOW);
    await decideLocally(db, 's1', { op: 'decide', payload: { kind: 'approve' } });
    await setCursor(db, 42);

    expect(await setSession(db, { serverUrl: 'http://localhost:8787', token: 't2', user: dana })).toEqual({
      cleared: false,
    });
    expect(await db.outbox.count()).toBe(1);
    expect(await getCursor(db)).toBe(42);

    const raj = { ...dana, id: 'u-raj', name: 'Raj' };
    expect(await setSession(db, { serverUrl: 'http://localhost:8787', token: 't3', user: raj })).toEqual({
      cleared: true,
    });
    expect(await db.suggestions.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await getCursor(db)).toBe(0);
    expect((await getSession(db))!.user.name).toBe('Raj');
  });

  it('signs out with everything that belonged to the user', async () => {
    const db = freshDb();
    await setSession(db, { serverUrl: 'http://localhost:8787', token: 't1', user: dana });
    await upsertFromServer(db, [item('s1')], NOW);
    await setCursor(db, 7);
    await setConnection(db, { state: 'online', lastSyncAt: NOW });
    await setPreferences(db, { panelCollapsed: true });
    await clearSession(db);
    expect(await getSession(db)).toBeUndefined();
    expect(await db.suggestions.count()).toBe(0);
    expect(await getCursor(db)).toBe(0);
    expect(await getConnection(db)).toEqual({ state: 'signed_out', lastSyncAt: null, error: null });
    expect((await getPreferences(db)).panelCollapsed).toBe(true); // a preference of the browser, not of the user
  });

  it('merges connection and preference changes into what is stored', async () => {
    const db = freshDb();
    expect(await getConnection(db)).toEqual({ state: 'signed_out', lastSyncAt: null, error: null });
    await setConnection(db, { state: 'online', lastSyncAt: NOW, error: null });
    expect(await setConnection(db, { state: 'offline', error: 'fetch failed' })).toEqual({
      state: 'offline',
      lastSyncAt: NOW,
      error: 'fetch failed',
    });
    expect(await getPreferences(db)).toEqual({ panelCollapsed: false, notifications: true });
    await setPreferences(db, { notifications: false });
    expect(await getPreferences(db)).toEqual({ panelCollapsed: false, notifications: false });
  });
});
