import type { SuggestionDetail } from '../schemas/decision';
import type { Suggestion } from '../schemas/suggestion';
import type { CachedSuggestion, LastDecision, LocalDecision, Notice } from './schema';

/** What the server sends: a suggestion from the delta feed, or one with its decisions from `get`/`decide`. */
export type ServerSuggestion = Suggestion | SuggestionDetail;

function lastDecisionOf(item: ServerSuggestion): LastDecision | undefined {
  const last = 'decisions' in item ? item.decisions.at(-1) : undefined;
  return last && { kind: last.kind, byId: last.by.id, byName: last.by.name, at: Date.parse(last.createdAt) };
}

/**
 * The cached row for a server item: the server's fields, plus what only this client knows. The last decision and
 * the execution's outcome survive a plain delta of the same version (the delta feed carries neither); a newer version
 * drops them, as they may no longer hold. An acknowledgement names the version it was given for, so it always stays.
 */
export function cachedFrom(
  item: ServerSuggestion,
  before: CachedSuggestion | undefined,
  keep: { local?: LocalDecision; notice?: Notice },
): CachedSuggestion {
  const { decisions: _d, finalChangeSet: _f, finalHash: _h, outcome: fresh, ...plain } = item as SuggestionDetail;
  const same = before && before.version === item.version ? before : undefined;
  const lastDecision = lastDecisionOf(item) ?? same?.lastDecision;
  const outcome = fresh ?? same?.outcome;
  const acknowledgedVersion = before?.acknowledgedVersion;
  return {
    ...plain,
    ...(keep.local ? { local: keep.local } : {}),
    ...(keep.notice ? { notice: keep.notice } : {}),
    ...(lastDecision ? { lastDecision } : {}),
    ...(outcome ? { outcome } : {}),
    ...(acknowledgedVersion !== undefined ? { acknowledgedVersion } : {}),
  };
}
