import type { ApiClient } from '../api/client';
import type { CountersignDb, Notice, OutboxEntry } from '../db/schema';
import { getSession } from '../db/session';
import type { ApiFailure } from './api-failure';
import { conflictNotice, goneNotice, refusedNotice } from './notices';
import { inTurn } from './one-at-a-time';
import { fetchTruth, send, worthRetrying, type Answer } from './outbox-calls';
import { recordAnswer } from './record-connection';
import { retryLater, settle, type Settled } from './settle-outbox';

export interface FlushReport {
  /** Entries the server accepted (a replay of an accepted one counts again: it is the same answer). */
  sent: number;
  /** Entries the server refused for good (someone else decided, timed out, forbidden…): a notice says why. */
  refused: number;
  /** Entries still queued. */
  remaining: number;
  /** Why the flush stopped before the queue was empty. */
  stopped: 'backoff' | 'transient' | 'unauthorized' | 'session_changed' | null;
}

export interface FlushOptions {
  /** Send the head entry even if its backoff has not run out: the user acted, or the network came back. */
  ignoreBackoff?: boolean;
  random?: () => number;
}

/** Entries per HTTP request once the server has answered; the first request of a flush carries the head alone. */
const MAX_BATCH = 25;
/** Payload characters per request, well under the server's 256 KB body limit. */
const MAX_BATCH_CHARS = 64_000;

/**
 * Sends the outbox to the server in `seq` order, each entry with its own idempotency key, so a replay after a crash
 * gets the first answer back instead of a second decision. An entry leaves the queue only with the server's answer:
 * accepted (its result written) or refused for good (the server's truth and a notice written). A failure worth
 * retrying keeps it, backs it off and stops the flush: no later entry is taken out of the queue before it.
 *
 * The head goes alone; once the server answers, entries go in batches (one HTTP request each, through tRPC's batch
 * link) of distinct suggestions, so the server may apply a batch in any order without changing any outcome, and
 * answers are taken in `seq` order. Entries after a failure in the same batch stay queued and are replayed with
 * their keys. Flushes of one database run one at a time.
 */
export function flushOutbox(
  db: CountersignDb,
  api: ApiClient,
  now = Date.now(),
  opts: FlushOptions = {},
): Promise<FlushReport> {
  return inTurn(db, 'flush', () => flushInOrder(db, api, now, opts));
}

async function flushInOrder(db: CountersignDb, api: ApiClient, now: number, opts: FlushOptions) {
  const session = await getSession(db);
  const report: FlushReport = { sent: 0, refused: 0, remaining: 0, stopped: null };
  let size = 1;
  let answered = false;
  for (;;) {
    const batch = nextBatch(await db.outbox.orderBy('seq').limit(size).toArray());
    const head = batch[0];
    if (!head) break;
    if (!opts.ignoreBackoff && head.nextAttemptAt > now) {
      report.stopped = 'backoff';
      break;
    }
    const answers = await Promise.all(batch.map((entry) => send(api, entry)));
    const refusals = answers.map((a, i) => (conflictOrGone(a) ? fetchTruth(api, batch[i]!.suggestionId) : null));
    const truths = await Promise.all(refusals);

    const done: Settled[] = [];
    let failure: { entry: OutboxEntry; failure: ApiFailure } | null = null;
    for (const [i, entry] of batch.entries()) {
      const answer = answers[i]!;
      const truth = truths[i];
      const retry = worthRetrying(answer) ? answer : truth && worthRetrying(truth) ? truth : null;
      if (retry) {
        failure = { entry, failure: retry.failure };
        break;
      }
      if (answer.ok) done.push({ entry, truth: answer.value });
      else done.push({ entry, truth: truth?.ok ? truth.value : undefined, notice: noticeFor(answer, session, now) });
    }
    if (!(await settle(db, session?.token, done))) {
      report.stopped = 'session_changed';
      break;
    }
    for (const d of done) report[d.notice ? 'refused' : 'sent'] += 1;
    answered ||= done.length > 0;
    if (failure) {
      await retryLater(db, failure.entry, failure.failure, now, opts.random);
      report.stopped = failure.failure.kind as 'transient' | 'unauthorized';
      break;
    }
    size = MAX_BATCH;
  }
  if (answered && (report.stopped === null || report.stopped === 'backoff')) await recordAnswer(db, now);
  report.remaining = await db.outbox.count();
  return report;
}

/** The longest run from the head with no suggestion twice and a bounded payload (always the head at least). */
function nextBatch(queue: OutboxEntry[]): OutboxEntry[] {
  const seen = new Set<string>();
  let chars = 0;
  const batch: OutboxEntry[] = [];
  for (const entry of queue) {
    chars += JSON.stringify(entry.payload ?? null).length;
    if (batch.length > 0 && (seen.has(entry.suggestionId) || chars > MAX_BATCH_CHARS)) break;
    seen.add(entry.suggestionId);
    batch.push(entry);
  }
  return batch;
}

const conflictOrGone = (a: Answer) => !a.ok && (a.failure.kind === 'conflict' || a.failure.kind === 'gone');

function noticeFor(answer: Answer & { ok: false }, session: { user: { id: string } } | undefined, now: number): Notice {
  const f = answer.failure;
  if (f.kind === 'conflict') return conflictNotice(f.winner, session?.user.id, f.message, now);
  if (f.kind === 'gone') return goneNotice(now);
  return refusedNotice(f.message, now);
}
