import type { z } from 'zod';
import { isOpen, tierAbove, type Tier } from '../../lib/schemas/common';
import { decisionInput, type SuggestionDetail } from '../../lib/schemas/decision';
import { actionPolicyFor, type Policy } from '../../lib/schemas/policy';
import type { ChangeSet } from '../../lib/schemas/suggestion';
import { assertMayDecide, canView } from './access';
import { auditedTx } from './audit-log';
import { finalChangeSet } from './change-sets';
import type { Deps, Tx } from './deps';
import { AppError, notFound } from './errors';
import { hashOf } from './hash';
import { once, type Answer } from './idempotency';
import { parseInput } from './parse';
import { readPolicy } from './policy';
import { suggestionById } from './suggestion-queries';
import { detailOf, userNames } from './suggestions';
import type { SuggestionRow } from './suggestion-rows';
import { applyTransition, type Transition } from './transition';
import type { Actor } from './users';

/** Loads an item for a decision: 404 if unseen, 409 naming the winner if decided, 410 if its time is up. */
export async function openItem(tx: Tx, actor: Actor, id: string, now: number): Promise<SuggestionRow> {
  const row = await suggestionById.first(tx, { id });
  if (!row || !canView(actor, row)) throw notFound('suggestion');
  if (!isOpen(row.status)) {
    // Only a refusal needs the decision that closed the item: the winner it names.
    const last = await tx
      .selectFrom('decisions')
      .selectAll()
      .where('suggestion_id', '=', id)
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    if (last?.kind === 'timeout') throw new AppError('GONE', 'this item timed out', { status: row.status });
    const by = last ? ((await userNames(tx, [last.actor_id])).get(last.actor_id)?.name ?? last.actor_id) : null;
    throw new AppError('CONFLICT', `already ${row.status}${by ? ` by ${by}` : ''}`, {
      status: row.status,
      winner: last
        ? {
            decisionId: last.id,
            kind: last.kind,
            by: last.actor_id,
            byName: by,
            at: new Date(last.created_at).toISOString(),
          }
        : null,
    });
  }
  if (row.expires_at !== null && row.expires_at <= now) {
    throw new AppError('GONE', 'this item timed out', {
      status: row.status,
      expiredAt: new Date(row.expires_at).toISOString(),
    });
  }
  return row;
}

type Approvals = { by: string; hash: string }[];
/** The change set an approval will execute: as stored (JSON) and with its hash, each computed once. */
type Final = { changeSet: ChangeSet; json: string; hash: string };

/** Takes a reviewer's decision on a suggestion, exactly once. */
export async function decide(
  deps: Deps,
  actor: Actor,
  suggestionId: string,
  raw: unknown,
  key?: string,
): Promise<Answer<SuggestionDetail>> {
  const input = parseInput(decisionInput, raw);
  return auditedTx(deps, (tx, log) =>
    once(tx, actor.id, key, { op: 'decide', suggestionId, input }, log.at, async () => {
      const row = await openItem(tx, actor, suggestionId, log.at);
      const approving = ['approve', 'modify', 'partial', 'conditional'].includes(input.kind);
      assertMayDecide(actor, row, approving);
      const { policy } = await readPolicy(tx);
      const t = transitionFor(row, input, actor, policy, log.at);
      const after = await applyTransition(tx, log, row, { ...t, policy });
      return { status: 200, body: await detailOf(tx, after) };
    }),
  );
}

function transitionFor(
  row: SuggestionRow,
  d: z.output<typeof decisionInput>,
  actor: Actor,
  policy: Policy,
  now: number,
): Transition {
  const note = d.note ?? null;
  const record = (status: string, extra: Partial<Transition['patch']> = {}, final: Final | null = null): Transition => {
    const finalHash = final?.hash ?? null;
    const condition = d.kind === 'conditional' ? d.condition : null;
    return {
      actorId: actor.id,
      patch: { status, ...extra },
      decision: {
        kind: d.kind,
        note,
        condition,
        opened_ms: d.openedMs ?? null,
        final_change_set: final?.json ?? null,
        final_hash: finalHash,
      },
      events: [
        (decisionId) => ({
          kind: 'decided',
          suggestionId: row.id,
          decisionId,
          decision: d.kind,
          note,
          condition,
          status,
          finalChangeSet: final?.changeSet ?? null,
          finalHash,
        }),
      ],
    };
  };

  switch (d.kind) {
    case 'reject':
      return record('rejected');
    case 'dismiss':
      if (row.type !== 'risk_alert') throw new AppError('BAD_INPUT', 'only risk alerts are dismissed; reject instead');
      return record('dismissed');
    case 'escalate': {
      const to = tierAbove(row.tier as Tier);
      if (!to) throw new AppError('BAD_INPUT', 'this item is already at the top tier');
      return escalation(row, policy, actor.id, to, note, now, record('pending'));
    }
    case 'approve':
    case 'modify':
    case 'partial':
    case 'conditional': {
      if (row.lane === 'explicit' && !note) {
        throw new AppError('BAD_INPUT', 'an explicit approval needs a reason', {
          fields: { note: ['a reason is required'] },
        });
      }
      if (row.status === 'awaiting_condition') {
        throw new AppError('CONFLICT', 'this item awaits its condition: confirm or cancel it', { status: row.status });
      }
      const pendingFinal = row.final_change_set ? (JSON.parse(row.final_change_set) as ChangeSet) : null;
      const changeSet = finalChangeSet(JSON.parse(row.change_set) as ChangeSet, d);
      const final: Final = { changeSet, json: JSON.stringify(changeSet), hash: hashOf(changeSet) };
      const { hash } = final;
      const approvals = JSON.parse(row.approvals) as Approvals;
      if (policy.twoApprovers[row.tier as Tier]) {
        if (approvals.length === 0) {
          // First of two: the item stays pending, holding what the first approver approved.
          return record(
            'pending',
            {
              approvals: JSON.stringify([{ by: actor.id, hash }]),
              final_change_set: final.json,
              final_hash: hash,
              condition: d.kind === 'conditional' ? d.condition : null,
            },
            final,
          );
        }
        if (pendingFinal && hashOf(pendingFinal) !== hash) {
          throw new AppError(
            'CONFLICT',
            'the first approver approved a different change set; approve it as it is or reject',
          );
        }
      }
      // A first approver's condition binds the second approval: the item waits for it to be confirmed, whatever
      // the second approver sends. A second condition of their own would be a different approval.
      const held = approvals.length > 0 ? row.condition : null;
      if (held !== null && d.kind === 'conditional' && d.condition !== held) {
        throw new AppError(
          'CONFLICT',
          'the first approver set another condition; approve on their condition or reject',
          { condition: held },
        );
      }
      const condition = d.kind === 'conditional' ? d.condition : held;
      return record(
        condition === null ? 'approved' : 'awaiting_condition',
        {
          approvals: JSON.stringify([...approvals, { by: actor.id, hash }]),
          final_change_set: final.json,
          final_hash: hash,
          condition,
        },
        final,
      );
    }
  }
}

/**
 * Moves an item up a tier with a fresh timeout of its lane's length; it keeps its timeout action, so an item that
 * escalates on timeout climbs to the top tier and is rejected there. Approvals so far are dropped, and with them any
 * condition one of them set (an item awaiting its condition goes back to pending at the new tier).
 */
export function escalation(
  row: SuggestionRow,
  policy: Policy,
  actorId: string,
  to: Tier,
  note: string | null,
  now: number,
  base: Transition,
): Transition {
  const lane = row.lane as 'review' | 'explicit' | 'triage';
  const expiresAt = now + actionPolicyFor(policy, row.type).timeouts[lane].seconds * 1000;
  return {
    ...base,
    patch: {
      ...base.patch,
      tier: to,
      expires_at: expiresAt,
      approvals: '[]',
      final_change_set: null,
      final_hash: null,
      // A condition belonged to an approval, and the approvals are dropped: the new tier decides afresh.
      condition: null,
    },
    events: [
      ...base.events,
      {
        kind: 'escalated',
        suggestionId: row.id,
        fromTier: row.tier as Tier,
        toTier: to,
        note,
        expiresAt: new Date(expiresAt).toISOString(),
      },
    ],
  };
}
