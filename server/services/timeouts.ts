import { isOpen, OPEN_STATUSES, tierAbove, type Tier, type TimeoutAction } from '../../lib/schemas/common';
import { auditedTx } from './audit-log';
import { escalation } from './decisions';
import type { Deps } from './deps';
import { hashOf } from './hash';
import { readPolicy } from './policy';
import type { Policy } from '../../lib/schemas/policy';
import type { SuggestionRow } from './suggestion-rows';
import { applyTransition, type Transition } from './transition';

/**
 * What a timeout does. An unconfirmed condition never turns into an approval: it is rejected (or skipped). Nor does
 * an item at a tier that needs two approvers (it may have been escalated there): a timeout is not a second person.
 */
function outcomeOf(
  row: SuggestionRow,
  policy: Policy,
): { status: string; action: TimeoutAction; escalateTo: Tier | null; note?: string } {
  const action = (row.timeout_action ?? 'reject') as TimeoutAction;
  if (row.status === 'awaiting_condition') {
    return { status: action === 'skip' ? 'skipped' : 'rejected', action, escalateTo: null };
  }
  switch (action) {
    case 'approve':
      if (policy.twoApprovers[row.tier as Tier]) {
        return {
          status: 'rejected',
          action,
          escalateTo: null,
          note: 'timed out: not approved, the tier needs two approvers',
        };
      }
      return { status: 'approved', action, escalateTo: null };
    case 'skip':
      return { status: 'skipped', action, escalateTo: null };
    case 'reject':
      return { status: 'rejected', action, escalateTo: null };
    case 'escalate': {
      const to = tierAbove(row.tier as Tier);
      return to ? { status: 'pending', action, escalateTo: to } : { status: 'rejected', action, escalateTo: null };
    }
  }
}

/** Applies the timeout action to one overdue item, if it is still open and overdue once locked. */
async function expireOne(deps: Deps, id: string): Promise<boolean> {
  return auditedTx(deps, async (tx, log) => {
    const row = await tx.selectFrom('suggestions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !isOpen(row.status)) return false;
    if (row.expires_at === null || row.expires_at > log.at) return false;
    const { policy } = await readPolicy(tx);
    const o = outcomeOf(row, policy);
    const note = o.note ?? `timed out: ${o.action}`;
    const approved = o.status === 'approved';
    const final = approved ? row.change_set : null;
    const finalHash = approved ? hashOf(JSON.parse(row.change_set)) : null;
    const base: Transition = {
      actorId: 'system',
      patch: { status: o.status, ...(approved ? { final_change_set: final, final_hash: finalHash } : {}) },
      decision: {
        kind: 'timeout',
        note,
        condition: null,
        opened_ms: null,
        final_change_set: final,
        final_hash: finalHash,
      },
      events: [{ kind: 'timed_out', suggestionId: id, action: o.action, status: o.status }],
    };
    const t = o.escalateTo ? escalation(row, policy, 'system', o.escalateTo, note, log.at, base) : base;
    await applyTransition(tx, log, row, { ...t, policy });
    return true;
  });
}

/** Applies every overdue item's timeout action; returns how many it applied. Safe to run from several instances. */
export async function sweepTimeouts(deps: Deps, batch = 100): Promise<number> {
  let applied = 0;
  for (;;) {
    const due = await deps.db
      .selectFrom('suggestions')
      .select('id')
      .where('status', 'in', [...OPEN_STATUSES])
      .where('expires_at', '<=', deps.clock.now())
      .orderBy('expires_at')
      .limit(batch)
      .execute();
    let progressed = 0;
    for (const { id } of due) if (await expireOne(deps, id)) progressed++;
    applied += progressed;
    if (due.length < batch || progressed === 0) return applied;
  }
}
