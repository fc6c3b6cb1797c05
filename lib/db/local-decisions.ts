import { conditionInput, decisionInput } from '../schemas/decision';
import type { CountersignDb, OutboxEntry } from './schema';

export type LocalOp =
  | { op: 'decide'; payload: unknown }
  | { op: 'condition'; payload: unknown };

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
  const payload =
    action.op === 'decide' ? decisionInput.parse(action.payload) : conditionInput.parse(action.payload);
  const kind = action.op === 'decide' ? (payload as { kind: string }).kind : (payload as { confirmed: boolean }).confirmed ? 'confirm' : 'cancel';
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
      local: { kind: kind as NonNullable<typeof s.local>['kind'], at: now, outboxSeq: seq as number },
      notice: undefined,
    });
    return { ...entry, seq: seq as number };
  });
}
