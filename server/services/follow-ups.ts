import { conditionInput, outcomeInput, type SuggestionDetail } from '../../lib/schemas/decision';
import { assertMayDecide, canView } from './access';
import { auditedTx } from './audit-log';
import { openItem } from './decisions';
import type { Deps } from './deps';
import { AppError, forbidden, notFound } from './errors';
import { once, type Answer } from './idempotency';
import { parseInput } from './parse';
import { detailOf } from './suggestions';
import { applyTransition } from './transition';
import type { Actor } from './users';

/** Confirms the condition of a conditional approval (it becomes approved) or cancels it (rejected). */
export async function resolveCondition(
  deps: Deps,
  actor: Actor,
  suggestionId: string,
  raw: unknown,
  key?: string,
): Promise<Answer<SuggestionDetail>> {
  const input = parseInput(conditionInput, raw);
  return auditedTx(deps, (tx, log) =>
    once(tx, actor.id, key, { op: 'condition', suggestionId, input }, log.at, async () => {
      const row = await openItem(tx, actor, suggestionId, log.at);
      if (row.status !== 'awaiting_condition') {
        throw new AppError('CONFLICT', 'this item has no condition waiting', { status: row.status });
      }
      assertMayDecide(actor, row, input.confirmed);
      const status = input.confirmed ? 'approved' : 'rejected';
      const after = await applyTransition(tx, log, row, {
        actorId: actor.id,
        patch: { status },
        events: [{ kind: 'condition_resolved', suggestionId, confirmed: input.confirmed, note: input.note ?? null }],
      });
      return { status: 200, body: await detailOf(tx, after) };
    }),
  );
}

/**
 * The executor reports how the approved change set went. Reporting the same outcome again answers with the current
 * state; reporting a different one after the first is a conflict.
 */
export async function reportOutcome(
  deps: Deps,
  actor: Actor,
  suggestionId: string,
  raw: unknown,
): Promise<SuggestionDetail> {
  const input = parseInput(outcomeInput, raw);
  return auditedTx(deps, async (tx, log) => {
    const row = await tx.selectFrom('suggestions').selectAll().where('id', '=', suggestionId).executeTakeFirst();
    if (!row || !canView(actor, row)) throw notFound('suggestion');
    if (actor.role !== 'admin' && row.proposed_by !== actor.id) {
      throw forbidden('only the proposing agent or an admin reports an outcome');
    }
    const reported = input.ok ? 'executed' : 'failed';
    if (row.status === reported) return detailOf(tx, row);
    if (row.status !== 'approved') {
      throw new AppError('CONFLICT', `an outcome is reported for approved items; this one is ${row.status}`, {
        status: row.status,
      });
    }
    const outcome = { ok: input.ok, detail: input.detail ?? null, at: new Date(log.at).toISOString() };
    const after = await applyTransition(tx, log, row, {
      actorId: actor.id,
      patch: { status: reported, outcome: JSON.stringify(outcome) },
      events: [{ kind: 'outcome', suggestionId, ok: input.ok, detail: input.detail ?? null }],
    });
    return detailOf(tx, after);
  });
}
