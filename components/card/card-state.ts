import type { CachedSuggestion } from '../../lib/hooks/types';
import type { TimeoutAction } from '../../lib/schemas/common';
import { DECISION_DONE } from '../../lib/text/decision-words';

/** What a card shows and allows, derived from the cached item and the clock. */
export type CardState =
  | { kind: 'pending' }
  | { kind: 'waiting'; label: string }
  | { kind: 'timed_out'; then: TimeoutAction | null }
  | { kind: 'awaiting_condition'; condition: string }
  | { kind: 'decided'; label: string; at: number | null }
  | { kind: 'stale'; detail: string | null }
  | { kind: 'executed'; label: string; at: number | null }
  | { kind: 'failed'; detail: string | null };

const STATUS_LABELS: Partial<Record<CachedSuggestion['status'], string>> = {
  approved: 'Approved',
  rejected: 'Rejected',
  skipped: 'Skipped',
  dismissed: 'Dismissed',
  blocked: 'Blocked by a kill switch',
  reverted: 'Reverted',
  executed: 'Executed',
};

/** "Approved by Raj", from the decision the cache recorded, else from the status. A sync notice has its own line. */
function decidedLabel(s: CachedSuggestion): { label: string; at: number | null } {
  const last = s.lastDecision;
  if (last) {
    const by = last.kind === 'timeout' || last.kind === 'auto' ? '' : ` by ${last.byName}`;
    return { label: `${DECISION_DONE[last.kind]}${by}`, at: last.at };
  }
  return { label: STATUS_LABELS[s.status] ?? s.status, at: Date.parse(s.updatedAt) };
}

export function isExpired(s: CachedSuggestion, now: number): boolean {
  return s.expiresAt !== null && Date.parse(s.expiresAt) <= now;
}

export function cardStateOf(s: CachedSuggestion, now: number): CardState {
  if (s.local) return { kind: 'waiting', label: `${DECISION_DONE[s.local.kind]} — waiting to sync` };
  switch (s.status) {
    case 'pending':
      return isExpired(s, now) ? { kind: 'timed_out', then: s.timeoutAction } : { kind: 'pending' };
    case 'awaiting_condition':
      return isExpired(s, now)
        ? { kind: 'timed_out', then: s.timeoutAction }
        : { kind: 'awaiting_condition', condition: s.condition ?? '' };
    case 'stale':
    case 'failed':
      // What the executor said: which values the record holds now, or why it could not run.
      return { kind: s.status, detail: s.outcome?.detail ?? null };
    case 'executed': {
      const d = decidedLabel(s);
      return { kind: 'executed', label: s.lastDecision ? `${d.label} · executed` : 'Executed', at: d.at };
    }
    default: {
      if (s.lastDecision?.kind === 'timeout') return { kind: 'timed_out', then: s.timeoutAction };
      return { kind: 'decided', ...decidedLabel(s) };
    }
  }
}
