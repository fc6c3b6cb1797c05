import type { SuggestionDetail } from '../../lib/schemas/decision';
import type { ChangeSet, Impact } from '../../lib/schemas/suggestion';
import { addActivity } from '../demo/deals';
import { assertReviewerAt, canView } from '../services/access';
import { auditedTx } from '../services/audit-log';
import type { Deps } from '../services/deps';
import { AppError, notFound } from '../services/errors';
import { detailOf } from '../services/suggestions';
import { applyTransition } from '../services/transition';
import type { Actor } from '../services/users';
import { changeLines, lockDeal, mismatches, planChanges, typeLabel, writeDeal } from './deal-changes';

/**
 * Puts an executed, reversible demo-CRM change back: the deal must still hold the values it was given (else a
 * conflict, and nothing changes), then it gets its `from` values again and the item becomes `reverted`.
 */
export function revertSuggestion(deps: Deps, actor: Actor, suggestionId: string): Promise<SuggestionDetail> {
  return auditedTx(deps, async (tx, log) => {
    const row = await tx.selectFrom('suggestions').selectAll().where('id', '=', suggestionId).executeTakeFirst();
    if (!row || !canView(actor, row)) throw notFound('suggestion');
    assertReviewerAt(actor, row.tier, {
      notReviewer: 'only reviewers revert an executed change',
      belowTier: `reverting this item needs a reviewer at the ${row.tier} tier or above`,
    });
    if (row.crm !== 'demo') throw new AppError('BAD_INPUT', 'only changes made in the demo CRM can be reverted here');
    if (row.status !== 'executed') {
      throw new AppError('CONFLICT', `only executed items can be reverted; this one is ${row.status}`, {
        status: row.status,
      });
    }
    if (!(JSON.parse(row.impact) as Impact).reversible) {
      throw new AppError('BAD_INPUT', 'this action was proposed as irreversible');
    }
    const plan = planChanges((JSON.parse(row.final_change_set ?? '{"changes":[]}') as ChangeSet).changes);
    if (!plan.ok) throw new AppError('CONFLICT', `cannot revert: ${plan.detail}`);
    if (plan.changes.length === 0) throw new AppError('BAD_INPUT', 'nothing to revert: no field was changed');
    const deal = await lockDeal(tx, deps, row.record_id);
    if (!deal) throw new AppError('CONFLICT', `deal ${row.record_id} is no longer in the demo CRM`);
    const changed = mismatches(deal, plan.changes, 'to');
    if (changed.length) {
      throw new AppError('CONFLICT', `the deal changed since this was executed: ${changed.join('; ')}`, {
        status: row.status,
      });
    }

    await writeDeal(tx, deal.id, plan.changes, 'from', log.at);
    const lines = changeLines(plan.changes, 'from');
    const after = await applyTransition(tx, log, row, {
      actorId: actor.id,
      patch: { status: 'reverted' },
      events: [{ kind: 'reverted', suggestionId, detail: lines.join('; ') }],
    });
    await addActivity(tx, {
      dealId: deal.id,
      seq: after.last_seq,
      at: log.at,
      kind: 'reverted',
      suggestionId,
      title: `${typeLabel(row.type)} reverted · by ${actor.name}`,
      lines,
    });
    return detailOf(tx, after);
  });
}
