import { isWaiting } from '../bridge/values';
import type { CachedSuggestion } from './types';

/** Items still waiting on this reviewer (see `isWaiting`). */
export function countPending(items: CachedSuggestion[] | undefined): number {
  return items?.filter(isWaiting).length ?? 0;
}
