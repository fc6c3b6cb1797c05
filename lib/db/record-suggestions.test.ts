import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SuggestionDetail } from '../schemas/decision';
import type { Suggestion } from '../schemas/suggestion';
import { iso, NOW, serverSuggestion } from './testing/server-suggestion';
import { dismissNotice } from './notices';
import { RECENTLY_DECIDED_MS, suggestionsForRecord } from './record-suggestions';
import { CountersignDb } from './schema';
import { upsertFromServer } from './upsert-from-server';

let dbCount = 0;
const freshDb = () => new CountersignDb(`record-test-${++dbCount}`, { indexedDB: new IDBFactory(), IDBKeyRange });

const DAY = 24 * 3600_000;

const item = (id: string, over: Partial<Suggestion> = {}): Suggestion =>
  serverSuggestion(id, { reasons: [], createdAt: iso(NOW - 2 * DAY), updatedAt: iso(NOW - 2 * DAY), ...over });

const withOutcome = (s: Suggestion, ok: boolean, detail: string | null): SuggestionDetail => ({
  ...s,
  decisions: [],
  finalChangeSet: null,
  finalHash: null,
  outcome: { ok, detail, at: s.updatedAt },
});

describe('stale and failed items on their record’s panel', () => {
  let db: CountersignDb;
  beforeEach(() => {
    db = freshDb();
  });
  const ids = async () => (await suggestionsForRecord(db, 'hubspot', '456', { now: NOW })).map((s) => s.id);

  it('stay, however old, after the open items and before the recently decided, until acknowledged', async () => {
    await upsertFromServer(
      db,
      [
        item('open'),
        item('stale-old', { status: 'stale', version: 3, updatedAt: iso(NOW - 2 * DAY) }),
        item('failed-older', { status: 'failed', version: 3, updatedAt: iso(NOW - 3 * DAY) }),
        item('approved-just-now', { status: 'approved', version: 2, updatedAt: iso(NOW - 60_000) }),
        item('executed-long-ago', { status: 'executed', version: 3, updatedAt: iso(NOW - RECENTLY_DECIDED_MS - 1) }),
      ],
      NOW,
    );
    expect(await ids()).toEqual(['open', 'stale-old', 'failed-older', 'approved-just-now']);

    await dismissNotice(db, 'stale-old');
    expect((await db.suggestions.get('stale-old'))!.acknowledgedVersion).toBe(3);
    expect(await ids()).toEqual(['open', 'failed-older', 'approved-just-now']);
    // Acknowledged items leave at once, even while recent.
    await upsertFromServer(db, [item('failed-now', { status: 'failed', version: 3, updatedAt: iso(NOW) })], NOW);
    await dismissNotice(db, 'failed-now');
    await dismissNotice(db, 'failed-older');
    expect(await ids()).toEqual(['open', 'approved-just-now']);
  });

  it('keep the acknowledgement through deltas, and come back when the item changes again', async () => {
    const stale = item('s1', { status: 'stale', version: 3 });
    await upsertFromServer(db, [stale], NOW);
    await dismissNotice(db, 's1');
    await upsertFromServer(db, [stale], NOW); // the same version again, from another page of the feed
    expect(await ids()).toEqual([]);
    await upsertFromServer(db, [item('s1', { status: 'failed', version: 4 })], NOW);
    expect(await ids()).toEqual(['s1']);
  });

  it('acknowledging touches nothing that is not stale, failed or carrying a notice', async () => {
    await upsertFromServer(db, [item('p1'), item('a1', { status: 'approved', version: 2, updatedAt: iso(NOW) })], NOW);
    await dismissNotice(db, 'p1');
    await dismissNotice(db, 'a1');
    expect((await db.suggestions.get('p1'))!.acknowledgedVersion).toBeUndefined();
    expect(await ids()).toEqual(['p1', 'a1']);
  });

  it('remember the executor’s outcome through plain deltas of the same version, not past a newer one', async () => {
    const stale = item('s1', { status: 'stale', version: 3 });
    await upsertFromServer(db, [withOutcome(stale, false, 'record changed: Stage is Closed Won')], NOW);
    await upsertFromServer(db, [stale], NOW);
    expect((await db.suggestions.get('s1'))!.outcome).toEqual({
      ok: false,
      detail: 'record changed: Stage is Closed Won',
      at: stale.updatedAt,
    });
    await upsertFromServer(db, [item('s1', { status: 'failed', version: 4 })], NOW);
    expect((await db.suggestions.get('s1'))!.outcome).toBeUndefined();
  });
});
