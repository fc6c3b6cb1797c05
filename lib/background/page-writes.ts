import { decideLocally } from '../db/local-decisions';
import type { CountersignDb } from '../db/schema';
import type { LocalAction, ReplyData } from '../messages';
import type { SyncEngine } from './sync-engine';

export interface DecisionToRecord {
  suggestionId: string;
  action: LocalAction;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Sends what was just recorded without waiting for the answer: the entry is safe in the outbox, and a failed flush
 * is not the page's error (the background tries again on its next round, or as soon as the connection is back).
 */
function flushSoon(engine: SyncEngine): void {
  void engine.flush({ ignoreBackoff: true }).catch((err) => console.error('Countersign:', err));
}

/** Records one decision taken on a page (`decideLocally`: a bad payload or a decision already waiting throws). */
export async function recordDecision(db: CountersignDb, engine: SyncEngine, item: DecisionToRecord): Promise<null> {
  await decideLocally(db, item.suggestionId, item.action);
  flushSoon(engine);
  return null;
}

/** Records several, each on its own, and flushes once if any was recorded. */
export async function recordDecisions(
  db: CountersignDb,
  engine: SyncEngine,
  items: DecisionToRecord[],
): Promise<ReplyData['decision.recordMany']> {
  const reply: ReplyData['decision.recordMany'] = { recorded: [], refused: [] };
  for (const { suggestionId, action } of items) {
    try {
      await decideLocally(db, suggestionId, action);
      reply.recorded.push(suggestionId);
    } catch (err) {
      reply.refused.push({ suggestionId, error: messageOf(err) });
    }
  }
  if (reply.recorded.length > 0) flushSoon(engine);
  return reply;
}
