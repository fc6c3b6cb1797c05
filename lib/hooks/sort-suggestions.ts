import { isOpen, PRIORITIES } from '../schemas/common';
import type { CachedSuggestion } from './types';

const priorityRank = (p: CachedSuggestion['priority']) => PRIORITIES.indexOf(p);
const time = (iso: string | null) => (iso === null ? Number.POSITIVE_INFINITY : Date.parse(iso));

/**
 * The order a reviewer works in: open items first, most urgent priority, then the soonest timeout, then the oldest;
 * decided items after them, the most recent first.
 */
export function sortForReview(items: CachedSuggestion[]): CachedSuggestion[] {
  return [...items].sort((a, b) => {
    const open = Number(isOpen(b.status)) - Number(isOpen(a.status));
    if (open !== 0) return open;
    if (!isOpen(a.status)) return time(b.updatedAt) - time(a.updatedAt);
    return (
      priorityRank(b.priority) - priorityRank(a.priority) ||
      time(a.expiresAt) - time(b.expiresAt) ||
      time(a.createdAt) - time(b.createdAt) ||
      a.id.localeCompare(b.id)
    );
  });
}

/** Items still waiting on this reviewer: open on the server and not decided here yet. */
export function countPending(items: CachedSuggestion[] | undefined): number {
  return items?.filter((s) => isOpen(s.status) && !s.local).length ?? 0;
}
