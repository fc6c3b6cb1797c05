import { conditionInput, decisionInput, type DecisionInput } from '../schemas/decision';
import type { CountersignDb, LocalDecision, OutboxEntry } from './schema';

export type LocalOp = { op: 'decide'; payload: unknown } | { op: 'condition'; payload: unknown };

/**
 * Records a decision taken here: the optimistic state on the cached suggestion and an outbox entry with a fresh
 * idempotency key, in one transaction, so neither exists without the other. The payload is parsed first; a bad one
 * throws and writes nothing.
 */
export async function decideLocally(
  db: CountersignDb,
  suggestionId: string,
  action: LocalOp,
  now = Date.now(),
): Promise<OutboxEntry> {
  let payload: unknown;
  let kind: LocalDecision['kind'];
  if (action.op === 'decide') {
    const parsed = decisionInput.parse(action.payload);
    [payload, kind] = [parsed, parsed.kind];
  } else {
    const parsed = conditionInput.parse(action.payload);
    [payload, kind] = [parsed, parsed.confirmed ? 'confirm' : 'cancel'];
  }
  return db.transaction('rw', db.suggestions, db.outbox, async () => {
    const s = await db.suggestions.get(suggestionId);
    if (!s) throw new Error('this suggestion is not in the cache');
    if (s.local) throw new Error('a decision on this suggestion is already waiting to sync');
    const entry: OutboxEntry = {
      key: crypto.randomUUID(),
      suggestionId,
      op: action.op,
      payload,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
    };
    const seq = await db.outbox.add(entry);
    await db.suggestions.update(suggestionId, {
      local: { kind, at: now, outboxSeq: seq as number },
      notice: undefined,
    });
    return { ...entry, seq: seq as number };
  });
}

/** The decision waiting in the outbox under `seq`, so its card can show what was approved; null once sent. */
export async function queuedDecision(db: CountersignDb, seq: number): Promise<DecisionInput | null> {
  const entry = await db.outbox.get(seq);
  return entry?.op === 'decide' ? (entry.payload as DecisionInput) : null;
}
