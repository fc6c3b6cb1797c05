import type { AuditPayload } from '../../lib/schemas/audit';
import type { Policy } from '../../lib/schemas/policy';
import type { AuditLog } from './audit-log';
import type { Tx } from './deps';
import { AppError } from './errors';
import { handOver } from './execution';
import { newId } from './ids';
import { readPolicy } from './policy';
import { touched } from './suggestions';
import type { DecisionRow, SuggestionRow } from './suggestion-rows';
import { insertDecision, updateSuggestion } from './suggestion-queries';

export interface Transition {
  actorId: string;
  patch: Partial<Omit<SuggestionRow, 'id' | 'version' | 'last_seq' | 'updated_at'>>;
  /** The decision row to record, if this transition is a decision. */
  decision?: Omit<DecisionRow, 'id' | 'suggestion_id' | 'seq' | 'actor_id' | 'created_at'>;
  /** Audit events, in order; `decisionId` is filled in for `decided`. */
  events: (AuditPayload | ((decisionId: string) => AuditPayload))[];
  /** The policy in force, when the caller has read it in this transaction: an approval's executor is in it. */
  policy?: Policy;
}

/**
 * Moves a suggestion on: compare-and-set on its version and open status, the decision row, and the audit events,
 * all in the caller's transaction. Returns the row as it now stands.
 */
export async function applyTransition(
  tx: Tx,
  log: AuditLog,
  row: SuggestionRow,
  t: Transition,
): Promise<SuggestionRow> {
  const decisionId = newId();
  let seq = 0;
  for (const e of t.events) seq = await log.append(t.actorId, typeof e === 'function' ? e(decisionId) : e);
  const next = { ...t.patch, version: row.version + 1, updated_at: log.at, last_seq: seq };
  const updated = await updateSuggestion(tx, next, { id: row.id, version: row.version, status: row.status });
  if (updated !== 1) {
    throw new AppError('CONFLICT', 'the suggestion changed while this decision was being made');
  }
  if (t.decision) {
    await insertDecision(tx, {
      ...t.decision,
      id: decisionId,
      suggestion_id: row.id,
      seq,
      actor_id: t.actorId,
      created_at: log.at,
    });
  }
  const after = { ...row, ...next };
  if (after.status === 'approved') await handOver(tx, t.policy ?? (await readPolicy(tx)).policy, after, log.at);
  touched(log, after, after.status, seq);
  return after;
}
