import { useLiveQuery } from 'dexie-react-hooks';
import type { DecisionInput } from '../schemas/decision';
import { useDb } from './db-context';
import type { CachedSuggestion } from './types';

/** The decision taken here on `s` and still in the outbox, so its card can show what was approved (an edit). */
export function useQueuedDecision(s: CachedSuggestion): DecisionInput | undefined {
  const db = useDb();
  const seq = s.local?.outboxSeq;
  return useLiveQuery(async () => {
    if (seq === undefined) return undefined;
    const entry = await db.outbox.get(seq);
    return entry?.op === 'decide' ? (entry.payload as DecisionInput) : undefined;
  }, [db, seq]);
}
