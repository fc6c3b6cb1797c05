import type { Updateable } from 'kysely';
import type { Change, ChangeSet, FieldValue } from '../../lib/schemas/suggestion';
import type { DealRow } from '../demo/deals';
import { columnValue, display, fieldFor, fieldNames, formatMoney, sameValue, type DealField } from '../demo/fields';
import type { Deps, Tx } from '../services/deps';
import type { Database } from '../store/schema';

/** One change of a change set, mapped onto a deal column, with both sides as the column stores them. */
export interface DealChange {
  field: DealField;
  from: FieldValue;
  to: FieldValue;
  stored: { from: string | number | null; to: string | number | null };
}

export type Plan = { ok: true; changes: DealChange[] } | { ok: false; detail: string };

/** Maps a change set onto deal columns; any field the demo CRM does not have, or cannot hold, fails the whole set. */
export function planChanges(changes: Change[]): Plan {
  const planned: DealChange[] = [];
  const problems: string[] = [];
  for (const c of changes) {
    const field = fieldFor(c.field);
    if (!field) {
      problems.push(`unknown field "${c.field}" (a demo deal has ${fieldNames()})`);
      continue;
    }
    if (planned.some((p) => p.field.column === field.column)) {
      problems.push(`two changes to ${field.label}`);
      continue;
    }
    const from = columnValue(field, c.from);
    const to = columnValue(field, c.to);
    if (!to.ok) {
      problems.push(to.why);
      continue;
    }
    if (!from.ok) {
      problems.push(`${field.label} changes from a value it cannot hold: ${from.why}`);
      continue;
    }
    planned.push({ field, from: c.from, to: c.to, stored: { from: from.value, to: to.value } });
  }
  return problems.length ? { ok: false, detail: problems.join('; ') } : { ok: true, changes: planned };
}

type Side = 'from' | 'to';

/** Where the deal no longer holds the values on `side`, in words: `Stage is now X, expected Y`. */
export function mismatches(deal: DealRow, changes: DealChange[], side: Side): string[] {
  return changes
    .filter((c) => !sameValue(c.field, deal[c.field.column], c[side]))
    .map(
      (c) => `${c.field.label} is now ${display(c.field, deal[c.field.column])}, expected ${display(c.field, c[side])}`,
    );
}

/** Moves the deal to the values on `side`. */
export async function writeDeal(tx: Tx, dealId: string, changes: DealChange[], side: Side, at: number) {
  const patch = Object.fromEntries(changes.map((c) => [c.field.column, c.stored[side]]));
  await tx
    .updateTable('demo_deals')
    .set({ ...(patch as Updateable<Database['demo_deals']>), updated_at: at })
    .where('id', '=', dealId)
    .execute();
}

/** The deal, locked against other writers until the transaction ends where the dialect can lock a row. */
export function lockDeal(tx: Tx, deps: Pick<Deps, 'dialect'>, id: string): Promise<DealRow | undefined> {
  return tx
    .selectFrom('demo_deals')
    .selectAll()
    .where('id', '=', id)
    .$if(deps.dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
}

/** `Stage: Negotiation → Closed Lost`, one line per change, towards `side`. */
export function changeLines(changes: DealChange[], towards: Side): string[] {
  const away: Side = towards === 'to' ? 'from' : 'to';
  return changes.map((c) => `${c.field.label}: ${display(c.field, c[away])} → ${display(c.field, c[towards])}`);
}

/** What the rest of a change set does in the demo CRM, which sends no mail and moves no money: it records them. */
export function extraLines(set: ChangeSet): string[] {
  const lines: string[] = [];
  if (set.draft) {
    const subject = set.draft.subject ? `"${set.draft.subject}"` : '(no subject)';
    lines.push(`Email ${subject}${set.draft.to ? ` to ${set.draft.to}` : ''} logged as sent`);
  }
  if (set.amount !== undefined) lines.push(`Refund of ${formatMoney(set.amount)} logged as issued`);
  return lines;
}

const TYPE_LABELS: Record<string, string> = {
  stage_change: 'Stage change',
  field_update: 'Field update',
  email_draft: 'Email',
  lead_routing: 'Lead routing',
  risk_alert: 'Risk alert',
  refund: 'Refund',
};

export function typeLabel(type: string): string {
  const words = type.replace(/_/g, ' ');
  return TYPE_LABELS[type] ?? words.charAt(0).toUpperCase() + words.slice(1);
}
