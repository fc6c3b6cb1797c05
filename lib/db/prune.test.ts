import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { fakeApi, signInAs } from '../background/testing/harness';
import { pull } from '../sync/pull';
import { iso, NOW, serverSuggestion as item } from './testing/server-suggestion';
import { decideLocally } from './local-decisions';
import { dismissNotice } from './notices';
import { pruneCache } from './prune';
import { RECENTLY_DECIDED_MS } from './record-suggestions';
import { CountersignDb } from './schema';
import { upsertFromServer } from './upsert-from-server';

let dbCount = 0;
const freshDb = () => new CountersignDb(`prune-test-${++dbCount}`, { indexedDB: new IDBFactory(), IDBKeyRange });
const ids = async (db: CountersignDb) => (await db.suggestions.toCollection().primaryKeys()).sort();
const LONG_AGO = iso(NOW - RECENTLY_DECIDED_MS - 60_000);
const JUST_NOW = iso(NOW - 60_000);

describe('pruning the cache', () => {
  it('drops closed items no view shows, and keeps everything a view or the outbox still needs', async () => {
    const db = freshDb();
    const names = ['open', 'decided-here', 'refused', 'stale', 'acknowledged', 'recent', 'old', 'named'];
    await upsertFromServer(
      db,
      names.map((id) => item(id)),
      NOW,
    );
    // Decided here and waiting to sync: open on the server as far as the cache knows.
    await decideLocally(db, 'decided-here', { op: 'decide', payload: { kind: 'approve' } }, NOW);
    // An outbox entry whose optimistic state a newer delta replaced: the item it names must stay.
    await decideLocally(db, 'named', { op: 'decide', payload: { kind: 'approve' } }, NOW);
    const closed = (id: string, status: 'approved' | 'stale', updatedAt: string) =>
      item(id, { status, version: 2, updatedAt });
    await upsertFromServer(
      db,
      [
        closed('refused', 'approved', LONG_AGO),
        closed('stale', 'stale', LONG_AGO),
        closed('acknowledged', 'stale', LONG_AGO),
        closed('recent', 'approved', JUST_NOW),
        closed('old', 'approved', LONG_AGO),
      ],
      NOW,
    );
    await db.suggestions.update('refused', { notice: { kind: 'conflict', message: 'Approved by Raj', at: NOW } });
    await dismissNotice(db, 'acknowledged');
    await db.suggestions.update('named', { status: 'approved', version: 3, updatedAt: LONG_AGO, local: undefined });

    expect(await pruneCache(db, NOW)).toBe(2);
    expect(await ids(db)).toEqual(['decided-here', 'named', 'open', 'recent', 'refused', 'stale']);

    // An hour on, the recently decided item has aged out too; a dismissed notice lets its item go.
    await dismissNotice(db, 'refused');
    expect(await pruneCache(db, NOW + RECENTLY_DECIDED_MS)).toBe(2);
    expect(await ids(db)).toEqual(['decided-here', 'named', 'open', 'stale']);
  });

  it('does not write history it would not show, and takes an item back when it changes again', async () => {
    const db = freshDb();
    await upsertFromServer(db, [item('cached')], NOW);
    const report = await upsertFromServer(
      db,
      [
        item('history', { status: 'rejected', version: 2, updatedAt: LONG_AGO }),
        item('cached', { status: 'approved', version: 2, updatedAt: LONG_AGO }),
        item('returned', { status: 'failed', version: 3, updatedAt: LONG_AGO }),
      ],
      NOW,
    );
    expect(report.written).toBe(2);
    expect(await ids(db)).toEqual(['cached', 'returned']);

    await pruneCache(db, NOW);
    expect(await ids(db)).toEqual(['returned']);
    await upsertFromServer(db, [item('cached', { status: 'reverted', version: 4, updatedAt: JUST_NOW })], NOW);
    expect((await db.suggestions.get('cached'))?.status).toBe('reverted');
  });

  it('runs after each pull, so a first sign-in keeps the work at hand rather than every item ever seen', async () => {
    const db = freshDb();
    await signInAs(db, 'rep');
    const history = Array.from({ length: 30 }, (_, k) =>
      item(`old-${k}`, { status: 'approved', version: 2, updatedAt: LONG_AGO }),
    );
    const pages = [
      [...history.slice(0, 15), item('open-1')],
      [...history.slice(15), item('recent', { status: 'rejected', version: 2, updatedAt: JUST_NOW })],
    ];
    let page = 0;
    const api = fakeApi({
      'suggestions.changes': () => {
        const items = pages[page++] ?? [];
        return { items, cursor: page, more: page < pages.length };
      },
    });
    await pull(db, api, { now: NOW });
    expect(await ids(db)).toEqual(['open-1', 'recent']);

    // Nothing new on the server; an hour on, the next pull lets the recently decided item go.
    await pull(db, api, { now: NOW + RECENTLY_DECIDED_MS });
    expect(await ids(db)).toEqual(['open-1']);
  });
});
