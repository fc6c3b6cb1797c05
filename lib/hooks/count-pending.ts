import { isWaiting } from '../bridge/values';
import { decisionRights, type Decider } from '../policy/may-decide';
import type { CachedSuggestion } from './types';

/** Open items not decided here yet (see `isWaiting`), whoever may decide them. */
export function countPending(items: CachedSuggestion[] | undefined): number {
  return items?.filter(isWaiting).length ?? 0;
}

/**
 * Items waiting for `user`: open, not decided here yet, and theirs to approve (not above their tier, not their own
 * proposal, not one they gave the first of two approvals). What the panel's "N pending" counts.
 */
export function countWaitingFor(items: CachedSuggestion[] | undefined, user: Decider | null | undefined): number {
  if (!user) return 0;
  return items?.filter((s) => isWaiting(s) && decisionRights(user, s).approve).length ?? 0;
}
