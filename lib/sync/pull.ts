import type { ApiClient } from '../api/client';
import { getCursor, setCursor } from '../db/cursor';
import type { CountersignDb } from '../db/schema';
import type { ServerSuggestion } from '../db/server-truth';
import { isOpen, isReturned } from '../schemas/common';
import { asSessionOwner, getSession } from '../db/session';
import { pruneCache } from '../db/prune';
import { RECENTLY_DECIDED_MS } from '../db/record-suggestions';
import { upsertFromServer } from '../db/upsert-from-server';
import type { Suggestion } from '../schemas/suggestion';
import { classifyFailure } from './api-failure';
import { coalesced } from './one-at-a-time';
import { recordAnswer, recordFailure } from './record-connection';

export interface PullReport {
  /** Items written to the cache. */
  changed: number;
  cursor: number;
  pages: number;
}

export interface PullOptions {
  pageSize?: number;
  now?: number;
}

/** Who decided, for items someone else closed: asked of the server for at most this many per page. */
const ATTRIBUTE_PER_PAGE = 50;

/**
 * Brings the cache up to date with the server: `suggestions.changes` from the stored cursor, page by page until
 * `more` is false; each page and its cursor are written in one transaction, so a crash mid-way resumes from the last
 * whole page. Calls while a pull runs share the next one. On failure the connection state says why, and it throws.
 * After a whole pull, the items no view shows any longer leave the cache (`pruneCache`).
 */
export function pull(db: CountersignDb, api: ApiClient, opts: PullOptions = {}): Promise<PullReport> {
  return coalesced(db, 'pull', () => pullPages(db, api, opts));
}

async function pullPages(db: CountersignDb, api: ApiClient, opts: PullOptions): Promise<PullReport> {
  // A page is written only where it belongs: under the same session, right after the cursor it was read from. A
  // sign-out (which resets the cursor) or a switch of user while it was in flight makes it stale.
  const owner = (await getSession(db))?.token;
  const report: PullReport = { changed: 0, cursor: await getCursor(db), pages: 0 };
  const now = opts.now ?? Date.now();
  // A first sync asks for the work at hand, not the history: what closed long ago would not be kept anyway.
  const firstSync = report.cursor === 0 ? { closedAfter: Math.max(0, now - RECENTLY_DECIDED_MS) } : {};
  try {
    for (;;) {
      const page = await api.suggestions.changes.query({
        since: report.cursor,
        limit: opts.pageSize ?? 200,
        ...firstSync,
      });
      const details = await whoDecided(db, api, page.items);
      const written = await asSessionOwner(db, owner, async () => {
        if ((await getCursor(db)) !== report.cursor) return null;
        const { written } = await upsertFromServer(db, page.items, now);
        await upsertFromServer(db, details, now);
        await setCursor(db, page.cursor);
        return written;
      });
      if (written === null) break;
      report.changed += written;
      report.cursor = page.cursor;
      report.pages += 1;
      if (!page.more) break;
    }
  } catch (err) {
    await recordFailure(db, classifyFailure(err));
    throw err;
  }
  await pruneCache(db, now);
  await recordAnswer(db, now);
  return report;
}

/**
 * The details the delta feed leaves out: the decisions behind items that were open here and closed by someone else,
 * so the panel says "Approved by Raj" from the moment it shows "Approved", and the executor's outcome behind items
 * that went stale or failed, so the panel says why. Best effort: a failure here costs the words, not the sync.
 */
async function whoDecided(db: CountersignDb, api: ApiClient, items: Suggestion[]): Promise<ServerSuggestion[]> {
  const closed = items.filter((item) => !isOpen(item.status));
  const cached = await db.suggestions.bulkGet(closed.map((item) => item.id));
  const ids = closed
    .filter((item, i) => {
      const before = cached[i];
      const decidedElsewhere = before && isOpen(before.status) && !before.local && before.version < item.version;
      const returned = isReturned(item.status);
      return decidedElsewhere || (returned && !(before?.outcome && before.version === item.version));
    })
    .slice(0, ATTRIBUTE_PER_PAGE)
    .map((item) => item.id);
  const details = await Promise.allSettled(ids.map((id) => api.suggestions.get.query({ id })));
  return details.flatMap((d) => (d.status === 'fulfilled' ? [d.value] : []));
}
