import { actionPolicyFor, type Policy } from '../../lib/schemas/policy';
import type { Tx } from './deps';
import type { SuggestionRow } from './suggestion-rows';

/**
 * Hands an item that has just been approved to its action type's executor, in the transaction that approves it. The
 * signed webhook's deliveries wait in an outbox, so an approval is never acknowledged without its delivery being
 * durable too; the agent executor needs nothing (the agent polls), and the demo connector follows its own CRM's
 * approvals.
 */
export async function handOver(tx: Tx, policy: Policy, row: Pick<SuggestionRow, 'id' | 'type'>, at: number) {
  if (actionPolicyFor(policy, row.type).executor !== 'webhook') return;
  await tx
    .insertInto('webhook_outbox')
    .values({
      suggestion_id: row.id,
      state: 'pending',
      attempts: 0,
      next_at: at,
      last_error: null,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('suggestion_id').doNothing())
    .execute();
}
