import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Deps, Tx } from '../services/deps';
import type { Database } from '../store/schema';

export type DealRow = Selectable<Database['demo_deals']>;
export type ActivityRow = Selectable<Database['demo_activity']>;
type Db = Deps['db'] | Tx;

export const DEAL_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function listDeals(db: Db): Promise<DealRow[]> {
  return db.selectFrom('demo_deals').selectAll().orderBy('id').execute();
}

export async function getDeal(db: Db, id: string): Promise<DealRow | undefined> {
  return db.selectFrom('demo_deals').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The deal's latest changes, newest first. */
export async function recentActivity(db: Db, dealId: string, limit = 20) {
  const rows = await db
    .selectFrom('demo_activity')
    .selectAll()
    .where('deal_id', '=', dealId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, lines: JSON.parse(r.lines) as string[] }));
}

export interface NewActivity {
  dealId: string;
  seq: number;
  at: number;
  kind: 'executed' | 'reverted';
  suggestionId: string;
  title: string;
  lines: string[];
}

export async function addActivity(tx: Tx, a: NewActivity): Promise<void> {
  await tx
    .insertInto('demo_activity')
    .values({
      id: randomUUID(),
      deal_id: a.dealId,
      seq: a.seq,
      at: a.at,
      kind: a.kind,
      suggestion_id: a.suggestionId,
      title: a.title,
      lines: JSON.stringify(a.lines),
    })
    .execute();
}
