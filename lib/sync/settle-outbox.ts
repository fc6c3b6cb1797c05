import type { CountersignDb, Notice, OutboxEntry } from '../db/schema';
import { cachedFrom } from '../db/server-truth';
import { asSessionOwner } from '../db/session';
import type { SuggestionDetail } from '../schemas/decision';
import type { ApiFailure } from './api-failure';
import { retryDelay } from './backoff';
import { recordFailure } from './record-connection';

/** An entry the server has answered for good: its answer (or, when refused, its truth) and what to tell the user. */
export interface Settled {
  entry: OutboxEntry;
  truth: SuggestionDetail | undefined;
  notice?: Notice;
}

/**
 * Takes answered entries out of the queue, in one transaction: the server's answer or truth replaces the optimistic
 * state, and a refusal leaves its notice. An entry already gone (a flush before a crash settled it, or the user
 * signed out) writes nothing. False when the session changed meanwhile: nothing is written then.
 */
export async function settle(db: CountersignDb, owner: string | undefined, done: Settled[]): Promise<boolean> {
  const wrote = await asSessionOwner(db, owner, async () => {
    const present = await db.outbox.bulkGet(done.map((d) => d.entry.seq!));
    const live = done.filter((_, i) => present[i]);
    await db.outbox.bulkDelete(live.map((d) => d.entry.seq!));
    const cached = await db.suggestions.bulkGet(live.map((d) => d.entry.suggestionId));
    const rows = live.flatMap(({ truth, notice }, i) => {
      const before = cached[i];
      const keep = { notice: notice ?? before?.notice };
      if (truth && !(before && before.version > truth.version)) return [cachedFrom(truth, before, keep)];
      if (!before) return [];
      const { local: _l, notice: _n, ...rest } = before;
      return [{ ...rest, ...(keep.notice ? { notice: keep.notice } : {}) }];
    });
    await db.suggestions.bulkPut(rows);
    return true;
  });
  return wrote === true;
}

/** Keeps the entry, one attempt older, due again after a backoff. */
export async function retryLater(
  db: CountersignDb,
  entry: OutboxEntry,
  failure: ApiFailure,
  now: number,
  random?: () => number,
): Promise<void> {
  const attempts = entry.attempts + 1;
  await db.outbox.update(entry.seq!, {
    attempts,
    nextAttemptAt: now + retryDelay(attempts, random),
    lastError: failure.message,
  });
  await recordFailure(db, failure);
}
