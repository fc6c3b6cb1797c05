import type { ChangeSet } from '../../lib/schemas/suggestion';
import { addActivity } from '../demo/deals';
import { auditedTx, type AuditLog } from '../services/audit-log';
import type { Deps, Tx } from '../services/deps';
import { hashOf } from '../services/hash';
import type { SuggestionRow } from '../services/suggestion-rows';
import { userNames } from '../services/suggestions';
import { applyTransition } from '../services/transition';
import { changeLines, extraLines, lockDeal, mismatches, planChanges, typeLabel, writeDeal } from './deal-changes';

/** The actor the demo connector records its outcomes as. */
export const DEMO_EXECUTOR = 'executor:demo';

export interface Execution {
  suggestionId: string;
  status: 'executed' | 'stale' | 'failed';
  detail: string;
}

/**
 * Executes an approved demo-CRM suggestion's final change set (what the reviewer approved, never the proposal) in
 * one audited transaction. The deal must still hold every `from` value, or the item goes stale and back to a person.
 * Returns null when there is nothing to do: unknown, not the demo CRM, or no longer approved because another run,
 * instance or agent got there first. The status compare-and-set in `applyTransition` makes it run at most once.
 */
export function executeDemo(deps: Deps, suggestionId: string): Promise<Execution | null> {
  return auditedTx(deps, async (tx, log) => {
    const row = await tx.selectFrom('suggestions').selectAll().where('id', '=', suggestionId).executeTakeFirst();
    if (!row || row.status !== 'approved' || row.crm !== 'demo') return null;
    const settle = (status: Execution['status'], detail: string) => finish(tx, log, row, status, detail);
    const fail = async (detail: string) => (await settle('failed', detail)).execution;

    if (!row.final_change_set) return fail('no approved change set to execute');
    const final = JSON.parse(row.final_change_set) as ChangeSet;
    if (hashOf(final) !== row.final_hash) return fail('the approved change set does not match its hash');
    if (row.object_type !== 'deal') return fail(`the demo CRM holds deals, not "${row.object_type}"`);
    const deal = await lockDeal(tx, deps, row.record_id);
    if (!deal) return fail(`deal ${row.record_id} is not in the demo CRM`);
    const plan = planChanges(final.changes);
    if (!plan.ok) return fail(plan.detail);
    const changed = mismatches(deal, plan.changes, 'from');
    if (changed.length) return (await settle('stale', `record changed: ${changed.join('; ')}`)).execution;

    await writeDeal(tx, deal.id, plan.changes, 'to', log.at);
    const lines = [...changeLines(plan.changes, 'to'), ...extraLines(final)];
    if (lines.length === 0) lines.push(row.type === 'risk_alert' ? 'Alert acknowledged' : 'Nothing to change');
    const { execution, seq } = await settle('executed', `${deal.name}: ${lines.join('; ')}`);
    await addActivity(tx, {
      dealId: deal.id,
      seq,
      at: log.at,
      kind: 'executed',
      suggestionId: row.id,
      title: `${typeLabel(row.type)} applied · ${await approvedBy(tx, row.id)}`,
      lines,
    });
    return execution;
  });
}

async function finish(tx: Tx, log: AuditLog, row: SuggestionRow, status: Execution['status'], detail: string) {
  const ok = status === 'executed';
  const after = await applyTransition(tx, log, row, {
    actorId: DEMO_EXECUTOR,
    patch: { status, outcome: JSON.stringify({ ok, detail, at: new Date(log.at).toISOString() }) },
    events: [{ kind: 'outcome', suggestionId: row.id, ok, detail }],
  });
  return { execution: { suggestionId: row.id, status, detail }, seq: after.last_seq };
}

/** Who let the change through, for the deal's history. */
async function approvedBy(tx: Tx, suggestionId: string): Promise<string> {
  const last = await tx
    .selectFrom('decisions')
    .select(['kind', 'actor_id'])
    .where('suggestion_id', '=', suggestionId)
    .where('final_change_set', 'is not', null)
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  if (!last) return 'approved';
  if (last.kind === 'auto') return 'auto-approved';
  if (last.kind === 'timeout') return 'approved on timeout';
  const name = (await userNames(tx, [last.actor_id])).get(last.actor_id)?.name ?? last.actor_id;
  return `approved by ${name}`;
}
