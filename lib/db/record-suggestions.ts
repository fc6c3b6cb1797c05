import { awaitsAcknowledgement } from '../bridge/values';
import { isOpen, PRIORITIES } from '../schemas/common';
import type { CachedSuggestion, CountersignDb } from './schema';

/** How long a decided item stays on its record's panel, so the reviewer sees "Approved by Raj 2 min ago". */
export const RECENTLY_DECIDED_MS = 60 * 60 * 1000;

const time = (iso: string | null) => (iso === null ? Infinity : Date.parse(iso));
const priorityRank = (p: CachedSuggestion['priority']) => PRIORITIES.indexOf(p);

/** The order a reviewer works in: most urgent priority, then the soonest timeout, then the oldest. */
const compareOpen = (a: CachedSuggestion, b: CachedSuggestion) =>
  priorityRank(b.priority) - priorityRank(a.priority) ||
  time(a.expiresAt) - time(b.expiresAt) ||
  time(a.createdAt) - time(b.createdAt) ||
  a.id.localeCompare(b.id);

/**
 * The cached suggestions to show on one record's panel, in display order (the panel shows them as they come):
 * 1. open items (pending, awaiting_condition; including those decided here and waiting to sync, which carry
 *    `local`), most urgent priority first, then soonest timeout, then oldest;
 * 2. stale and failed items not yet acknowledged here, however old: they are back with a person; most recent first;
 * 3. other closed items that carry a notice (until dismissed), or that the server last changed within
 *    RECENTLY_DECIDED_MS of `now`, most recent first; an acknowledged stale or failed item is not among them.
 * Older closed items are not shown. `objectType` narrows the match when the CRM reuses ids across object types;
 * without regard to case, since URL adapters and agents spell types differently ("opportunity", "Opportunity").
 */
export async function suggestionsForRecord(
  db: CountersignDb,
  crm: string,
  recordId: string,
  opts: { objectType?: string; now?: number } = {},
): Promise<CachedSuggestion[]> {
  const now = opts.now ?? Date.now();
  const all = await db.suggestions.where('[record.crm+record.id]').equals([crm, recordId]).toArray();
  const type = opts.objectType?.toLowerCase();
  const mine = type ? all.filter((s) => s.record.objectType.toLowerCase() === type) : all;
  const open = mine.filter((s) => isOpen(s.status)).sort(compareOpen);
  const newestFirst = (a: CachedSuggestion, b: CachedSuggestion) => time(b.updatedAt) - time(a.updatedAt);
  const returned = mine.filter(awaitsAcknowledgement).sort(newestFirst);
  const acknowledged = (s: CachedSuggestion) => s.acknowledgedVersion === s.version;
  const recent = mine
    .filter((s) => !isOpen(s.status) && !awaitsAcknowledgement(s) && !acknowledged(s))
    .filter((s) => s.notice || now - time(s.updatedAt) <= RECENTLY_DECIDED_MS)
    .sort(newestFirst);
  return [...open, ...returned, ...recent];
}
