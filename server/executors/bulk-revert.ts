import {
  BULK_REVERT_LIMIT,
  bulkRevertInput,
  type BulkRevertPreview,
  type BulkRevertResult,
} from '../../lib/schemas/bulk-revert';
import type { Deps } from '../services/deps';
import { AppError, forbidden } from '../services/errors';
import { parseInput } from '../services/parse';
import { recordOf } from '../services/suggestion-rows';
import type { Actor } from '../services/users';
import { revertSuggestion } from './revert';

/** Managers and admins revert in bulk: undoing an agent's or an action type's work is not one record's decision. */
function assertMayRevertInBulk(actor: Actor) {
  if (actor.role !== 'manager' && actor.role !== 'admin') {
    throw forbidden('only managers and admins revert executions in bulk');
  }
}

async function executions(deps: Deps, raw: unknown) {
  const q = parseInput(bulkRevertInput, raw);
  const rows = await deps.db
    .selectFrom('suggestions')
    .select(['id', 'type', 'crm', 'object_type', 'record_id', 'record_name', 'proposed_by', 'updated_at'])
    .where('status', '=', 'executed')
    .where('updated_at', '>=', Date.parse(q.from))
    .where('updated_at', '<', Date.parse(q.to))
    .$if(q.type !== undefined, (b) => b.where('type', '=', q.type!))
    .$if(q.agentId !== undefined, (b) => b.where('proposed_by', '=', q.agentId!))
    .orderBy('updated_at', 'desc')
    .limit(BULK_REVERT_LIMIT + 1)
    .execute();
  return { rows: rows.slice(0, BULK_REVERT_LIMIT), more: rows.length > BULK_REVERT_LIMIT };
}

/** What a bulk revert would undo: the matching executions, newest first. Nothing changes. */
export async function previewBulkRevert(deps: Deps, actor: Actor, raw: unknown): Promise<BulkRevertPreview> {
  assertMayRevertInBulk(actor);
  const { rows, more } = await executions(deps, raw);
  return {
    items: rows.map((r) => ({
      id: r.id,
      type: r.type,
      record: recordOf(r),
      proposedBy: r.proposed_by,
      executedAt: new Date(r.updated_at).toISOString(),
    })),
    more,
  };
}

/**
 * Reverts every matching execution, newest first, each in its own transaction with its own audit event, as a single
 * revert would: one that cannot be reverted (the record changed since, an irreversible action, a CRM the server
 * cannot write to, a tier above the caller's) is refused with its reason and the others go on. At most `BULK_REVERT_LIMIT` per request; `more`
 * says to send it again.
 */
export async function bulkRevert(deps: Deps, actor: Actor, raw: unknown): Promise<BulkRevertResult> {
  assertMayRevertInBulk(actor);
  const { rows, more } = await executions(deps, raw);
  const result: BulkRevertResult = { reverted: [], refused: [], more };
  for (const r of rows) {
    try {
      await revertSuggestion(deps, actor, r.id);
      result.reverted.push(r.id);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      result.refused.push({ id: r.id, reason: e.message });
    }
  }
  return result;
}
