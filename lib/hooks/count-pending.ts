import { isOpen } from '../schemas/common';
import type { CachedSuggestion } from './types';

/** Items still waiting on this reviewer: open on the server and not decided here yet. */
export function countPending(items: CachedSuggestion[] | undefined): number {
  return items?.filter((s) => isOpen(s.status) && !s.local).length ?? 0;
}
