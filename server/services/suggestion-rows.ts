import type { Selectable } from 'kysely';
import type { Decision, SuggestionDetail } from '../../lib/schemas/decision';
import type { Assignee, ChangeSet, Suggestion } from '../../lib/schemas/suggestion';
import type { Database } from '../store/schema';

export type SuggestionRow = Selectable<Database['suggestions']>;
export type DecisionRow = Selectable<Database['decisions']>;
type UserNames = Map<string, { name: string; role: string }>;

const iso = (ms: number) => new Date(ms).toISOString();
/** The server's own actors: timeouts and the auto lane act as `system`, connectors as `executor:NAME`. */
const SYSTEM_ACTORS: Record<string, string> = { system: 'Countersign', 'executor:demo': 'Demo CRM connector' };
const actor = (id: string, users: UserNames) => ({
  id,
  name: users.get(id)?.name ?? SYSTEM_ACTORS[id] ?? id,
  role: users.get(id)?.role ?? (id in SYSTEM_ACTORS ? 'system' : 'unknown'),
});

/** The CRM record a row concerns. */
export const recordOf = (r: Pick<SuggestionRow, 'crm' | 'object_type' | 'record_id' | 'record_name'>) => ({
  crm: r.crm,
  objectType: r.object_type,
  id: r.record_id,
  ...(r.record_name === null ? {} : { name: r.record_name }),
});

/** The users named on a row besides its decisions: the proposer and a first approver. */
export function peopleOn(r: SuggestionRow): string[] {
  const first = firstApprover(r);
  return first ? [r.proposed_by, first] : [r.proposed_by];
}

/** Who gave the first of two approvals, while the second is awaited. */
export function firstApprover(r: Pick<SuggestionRow, 'status' | 'approvals'>): string | null {
  if (r.status !== 'pending') return null;
  const approvals = JSON.parse(r.approvals) as { by: string }[];
  return approvals.length === 1 ? approvals[0]!.by : null;
}

export function toSuggestion(r: SuggestionRow, users: UserNames): Suggestion {
  const first = firstApprover(r);
  const assignee: Assignee | null = r.assignee_user
    ? { userId: r.assignee_user }
    : r.assignee_team
      ? { team: r.assignee_team }
      : null;
  return {
    id: r.id,
    type: r.type,
    record: recordOf(r),
    changeSet: JSON.parse(r.change_set) as ChangeSet,
    reasons: JSON.parse(r.reasons) as string[],
    context: JSON.parse(r.context) as Suggestion['context'],
    confidence: r.confidence,
    impact: JSON.parse(r.impact) as Suggestion['impact'],
    proposedBy: actor(r.proposed_by, users),
    priority: r.priority as Suggestion['priority'],
    assignee,
    lane: r.lane as Suggestion['lane'],
    tier: r.tier as Suggestion['tier'],
    routingReason: { rule: r.routing_rule, detail: r.routing_detail },
    status: r.status as Suggestion['status'],
    version: r.version,
    expiresAt: r.expires_at === null ? null : iso(r.expires_at),
    timeoutAction: r.timeout_action as Suggestion['timeoutAction'],
    condition: r.condition,
    firstApproval:
      first && r.final_change_set && r.final_hash
        ? { by: actor(first, users), changeSet: JSON.parse(r.final_change_set) as ChangeSet, hash: r.final_hash }
        : null,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export function toDecision(r: DecisionRow, users: UserNames): Decision {
  return {
    id: r.id,
    suggestionId: r.suggestion_id,
    kind: r.kind as Decision['kind'],
    by: actor(r.actor_id, users),
    note: r.note,
    condition: r.condition,
    openedMs: r.opened_ms,
    finalChangeSet: r.final_change_set === null ? null : (JSON.parse(r.final_change_set) as ChangeSet),
    finalHash: r.final_hash,
    createdAt: iso(r.created_at),
  };
}

export function toDetail(r: SuggestionRow, decisions: DecisionRow[], users: UserNames): SuggestionDetail {
  const settled = ['approved', 'executed', 'failed', 'reverted', 'stale'].includes(r.status);
  return {
    ...toSuggestion(r, users),
    decisions: decisions.map((d) => toDecision(d, users)),
    finalChangeSet: settled && r.final_change_set ? (JSON.parse(r.final_change_set) as ChangeSet) : null,
    finalHash: settled ? r.final_hash : null,
    outcome: r.outcome ? (JSON.parse(r.outcome) as SuggestionDetail['outcome']) : null,
  };
}
