import type { DecisionInput } from '../schemas/decision';
import type { CachedSuggestion } from './types';
import { useBridgeQuery } from './use-bridge-query';

/** The decision taken here on `s` and still in the outbox, so its card can show what was approved (an edit). */
export function useQueuedDecision(s: CachedSuggestion): DecisionInput | undefined {
  const seq = s.local?.outboxSeq;
  return useBridgeQuery(seq === undefined ? null : { kind: 'queuedDecision', outboxSeq: seq }) ?? undefined;
}
