import type { DealRow } from './deals';
import { DEAL_FIELDS, type DealColumn } from './fields';

type SeedDeal = Omit<DealRow, 'updated_at'>;

const deal = (
  id: string,
  name: string,
  stage: string,
  amount: number,
  owner: string,
  close_date: string | null,
  next_step: string | null,
): SeedDeal => ({ id, name, stage, amount, owner, close_date, next_step });

export const SEED_DEALS: readonly SeedDeal[] = [
  deal('d-1001', 'Acme Corp, 40 seats', 'Negotiation', 48_000, 'Dana', '2026-12-15', 'Send revised order form'),
  deal('d-1002', 'Globex renewal', 'Proposal', 126_000, 'Raj', '2026-11-30', 'Security review call'),
  deal('d-1003', 'Initech expansion, 15 seats', 'Discovery', 18_000, 'Dana', '2027-01-20', 'Book a demo with IT'),
  deal('d-1004', 'Umbrella Health pilot', 'Qualification', 9_500, 'Raj', '2027-02-10', 'Confirm pilot scope'),
  deal('d-1005', 'Stark Industries platform deal', 'Negotiation', 310_000, 'Morgan', '2026-12-31', 'Legal redlines'),
  deal('d-1006', 'Wayne Enterprises add-on', 'Proposal', 22_000, 'Dana', '2026-12-05', 'Pricing sign-off'),
  deal('d-1007', 'Hooli data migration', 'Discovery', 64_000, 'Raj', '2027-03-01', 'Scoping workshop'),
  deal('d-1008', 'Soylent Foods renewal', 'Negotiation', 41_000, 'Dana', '2026-11-20', 'Renewal quote sent'),
  deal('d-1009', 'Vandelay Imports, 5 seats', 'Qualification', 6_000, 'Raj', '2027-01-05', 'Qualify budget'),
  deal('d-1010', 'Cyberdyne security suite', 'Proposal', 88_000, 'Morgan', '2027-01-31', 'Follow up on proposal'),
  deal('d-1011', 'Massive Dynamic trial', 'Discovery', 12_000, 'Dana', '2027-02-28', null),
  deal('d-1012', 'Tyrell Corp enterprise', 'Negotiation', 240_000, 'Raj', '2026-12-20', 'Exec sponsor meeting'),
];

const byId = new Map(SEED_DEALS.map((d) => [d.id, d]));

function seedDeal(id: string): SeedDeal {
  const d = byId.get(id);
  if (!d) throw new Error(`no seeded deal ${id}`);
  return d;
}

const labelOf = (column: DealColumn) => DEAL_FIELDS.find((f) => f.column === column)!.label;

/** A change whose `from` is the seeded deal's value, so that approving it applies. */
export function dealChange(id: string, column: DealColumn, to: string | number | null) {
  return { field: column, label: labelOf(column), from: seedDeal(id)[column], to };
}

/** The record reference of a seeded deal. */
export function dealRecord(id: string) {
  return { crm: 'demo', objectType: 'deal', id, name: seedDeal(id).name };
}
