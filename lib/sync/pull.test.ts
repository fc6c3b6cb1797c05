import { describe, expect, it } from 'vitest';
import { fakeApi, freshDb, signInAs, suggestion } from '../background/testing/harness';
import type { SuggestionDetail } from '../schemas/decision';
import type { Suggestion } from '../schemas/suggestion';
import { RECENTLY_DECIDED_MS } from '../db/record-suggestions';
import { upsertFromServer } from '../db/upsert-from-server';
import { pull } from './pull';

const detail = (s: Suggestion, outcome: SuggestionDetail['outcome']): SuggestionDetail => ({
  ...s,
  decisions: [],
  finalChangeSet: null,
  finalHash: null,
  outcome,
});

describe('pull', () => {
  it('asks for the executor’s outcome of items that went stale or failed, once per version', async () => {
    const db = freshDb();
    await signInAs(db, 'rep');
    const approved = suggestion('s1', { status: 'approved', version: 2 });
    await upsertFromServer(db, [approved]);
    const stale = { ...approved, status: 'stale' as const, version: 3 };
    const failed = suggestion('s2', { status: 'failed', version: 3 });
    const asked: string[] = [];
    let page = 0;
    const api = fakeApi({
      'suggestions.changes': () => ({ items: page++ < 2 ? [stale, failed] : [], cursor: page, more: false }),
      'suggestions.get': (input) => {
        const { id } = input as { id: string };
        asked.push(id);
        const s = id === 's1' ? stale : failed;
        return detail(s, { ok: false, detail: `why ${id}`, at: s.updatedAt });
      },
    });

    await pull(db, api);
    expect(asked.sort()).toEqual(['s1', 's2']);
    expect((await db.suggestions.get('s1'))!.outcome?.detail).toBe('why s1');
    expect((await db.suggestions.get('s2'))!.outcome?.detail).toBe('why s2');
    await pull(db, api); // the same versions again: the outcome is already known
    expect(asked).toHaveLength(2);
  });

  it('asks a first sync for the work at hand, leaving out what closed over an hour ago, and later ones for all', async () => {
    const db = freshDb();
    await signInAs(db, 'rep');
    const asked: unknown[] = [];
    let cursor = 0;
    const api = fakeApi({
      'suggestions.changes': (input) => {
        asked.push(input);
        cursor += 5;
        return { items: [], cursor, more: asked.length === 1 };
      },
    });
    const now = Date.parse('2026-11-01T12:00:00Z');
    await pull(db, api, { now });
    // Both pages of the first sync leave the history out, the second from a cursor past zero.
    expect(asked).toEqual([
      { since: 0, limit: 200, closedAfter: now - RECENTLY_DECIDED_MS },
      { since: 5, limit: 200, closedAfter: now - RECENTLY_DECIDED_MS },
    ]);
    await pull(db, api, { now });
    expect(asked[2]).toEqual({ since: 10, limit: 200 });
  });
});
