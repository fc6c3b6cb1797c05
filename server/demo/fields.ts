import type { FieldValue } from '../../lib/schemas/suggestion';

/** The pipeline of the demo CRM, in order. */
export const STAGES = ['Discovery', 'Qualification', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'] as const;

export type DealColumn = 'name' | 'stage' | 'amount' | 'owner' | 'close_date' | 'next_step';

export interface DealField {
  column: DealColumn;
  label: string;
  kind: 'text' | 'stage' | 'money' | 'date';
  nullable: boolean;
  /** Names an agent may use for the field: ours, and the names other CRMs give it. */
  aliases: readonly string[];
}

export const DEAL_FIELDS: readonly DealField[] = [
  { column: 'name', label: 'Deal name', kind: 'text', nullable: false, aliases: ['name', 'dealname'] },
  { column: 'stage', label: 'Stage', kind: 'stage', nullable: false, aliases: ['stage', 'dealstage'] },
  { column: 'amount', label: 'Amount', kind: 'money', nullable: false, aliases: ['amount'] },
  { column: 'owner', label: 'Owner', kind: 'text', nullable: false, aliases: ['owner', 'deal_owner'] },
  { column: 'close_date', label: 'Close date', kind: 'date', nullable: true, aliases: ['close_date', 'closedate'] },
  { column: 'next_step', label: 'Next step', kind: 'text', nullable: true, aliases: ['next_step', 'nextstep'] },
];

const byAlias = new Map(DEAL_FIELDS.flatMap((f) => f.aliases.map((a) => [a, f] as const)));

/** The deal field a change names, whatever its case. */
export function fieldFor(name: string): DealField | undefined {
  return byAlias.get(name.trim().toLowerCase());
}

export const fieldNames = () => DEAL_FIELDS.map((f) => f.column).join(', ');

/** One spelling per value, so that `48000`, `"48000"` and `"48000.00"` compare equal, and `""` equals empty. */
function normalise(f: DealField, v: FieldValue): string | number | null {
  if (v === null || v === '') return null;
  if (f.kind === 'money') {
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.replace(/[,\s]/g, '')) : NaN;
    return Number.isFinite(n) ? n : String(v);
  }
  return String(v).trim();
}

export function sameValue(f: DealField, a: FieldValue, b: FieldValue): boolean {
  return normalise(f, a) === normalise(f, b);
}

type Checked = { ok: true; value: string | number | null } | { ok: false; why: string };

/** The value to store for a change's target, or why the demo CRM cannot hold it. */
export function columnValue(f: DealField, v: FieldValue): Checked {
  const n = normalise(f, v);
  if (n === null) return f.nullable ? { ok: true, value: null } : { ok: false, why: `${f.label} cannot be empty` };
  switch (f.kind) {
    case 'money':
      return typeof n === 'number' && n >= 0
        ? { ok: true, value: n }
        : { ok: false, why: `${f.label} must be an amount` };
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(String(n)) && !Number.isNaN(Date.parse(String(n)))
        ? { ok: true, value: String(n) }
        : { ok: false, why: `${f.label} must be a date as YYYY-MM-DD` };
    case 'stage': {
      const stage = STAGES.find((s) => s.toLowerCase() === String(n).toLowerCase());
      return stage ? { ok: true, value: stage } : { ok: false, why: `"${n}" is not a stage (${STAGES.join(', ')})` };
    }
    case 'text':
      return String(n).length <= 500 ? { ok: true, value: String(n) } : { ok: false, why: `${f.label} is too long` };
  }
}

/** A value as people read it, in messages and on the demo pages. */
export function display(f: DealField, v: FieldValue): string {
  const n = normalise(f, v);
  if (n === null) return '(empty)';
  if (f.kind === 'money' && typeof n === 'number') return formatMoney(n);
  return String(n);
}

export const formatMoney = (n: number) =>
  n.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
