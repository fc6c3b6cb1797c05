import { prepare, preparedInsert } from '../store/prepared';
import type { Deps, Tx } from './deps';
import { AppError } from './errors';
import { hashOf } from './hash';

export interface Answer<T> {
  status: number;
  body: T;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
  /** `body` as JSON, when it was stored for replays: what goes over the wire, serialised once. */
  json?: string;
}

const priorAnswer = prepare((db, p: { userId: string; key: string }) =>
  db.selectFrom('idempotency').selectAll().where('user_id', '=', p.userId).where('key', '=', p.key),
);
const insertAnswer = preparedInsert('idempotency');

/**
 * Runs `fn` at most once per (user, key): a replay with the same request gets the stored answer; the same key with
 * another request is a 422. Call inside the audited transaction, whose head lock orders concurrent replays.
 */
export async function once<T>(
  tx: Tx,
  userId: string,
  key: string | undefined,
  request: unknown,
  now: number,
  fn: () => Promise<{ status: number; body: T }>,
): Promise<Answer<T>> {
  if (key === undefined) return { ...(await fn()), replayed: false };
  const requestHash = hashOf(request);
  const prior = await priorAnswer.first(tx, { userId, key });
  if (prior) {
    if (prior.request_hash !== requestHash) {
      throw new AppError('IDEMPOTENCY_MISMATCH', 'this Idempotency-Key was already used with a different request');
    }
    return { status: prior.status, body: JSON.parse(prior.response) as T, replayed: true, json: prior.response };
  }
  const answer = await fn();
  const json = JSON.stringify(answer.body);
  await insertAnswer(tx, {
    user_id: userId,
    key,
    request_hash: requestHash,
    status: answer.status,
    response: json,
    created_at: now,
  });
  return { ...answer, replayed: false, json };
}

export const idempotencyKey = (k: unknown): string | undefined => {
  if (k === undefined) return undefined;
  if (typeof k !== 'string' || k.length < 1 || k.length > 200 || !/^[\x21-\x7e]+$/.test(k)) {
    throw new AppError('BAD_INPUT', 'Idempotency-Key must be 1 to 200 printable ASCII characters', {
      fields: { 'Idempotency-Key': ['1 to 200 printable ASCII characters'] },
    });
  }
  return k;
};

/** How long an answer is kept for replays: far longer than any client retries, short enough not to grow forever. */
export const IDEMPOTENCY_KEPT_MS = 7 * 24 * 3_600_000;

/** Answers forgotten per transaction: a week of keys at once would hold the writer (and the event loop) for long. */
export const PRUNE_BATCH = 500;

/**
 * Forgets answers older than `IDEMPOTENCY_KEPT_MS`, `PRUNE_BATCH` at a time, each batch a transaction of its own so
 * that requests are served between them; returns how many. A key reused after that is a new request.
 */
export async function pruneIdempotency(deps: Deps): Promise<number> {
  const cutoff = deps.clock.now() - IDEMPOTENCY_KEPT_MS;
  let total = 0;
  for (;;) {
    const r = await deps.transact((tx) =>
      tx
        .deleteFrom('idempotency')
        .where((eb) =>
          eb(
            eb.refTuple('user_id', 'key'),
            'in',
            eb
              .selectFrom('idempotency')
              .select(['user_id', 'key'])
              .where('created_at', '<', cutoff)
              .limit(PRUNE_BATCH)
              .$asTuple('user_id', 'key'),
          ),
        )
        .executeTakeFirst(),
    );
    const deleted = Number(r.numDeletedRows);
    total += deleted;
    if (deleted < PRUNE_BATCH) return total;
  }
}
