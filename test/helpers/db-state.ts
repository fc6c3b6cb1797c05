import { sql } from 'kysely';
import type { Deps } from '../../server/services/deps';

export interface DbState {
  /** Rows per table, every table of the schema included. */
  counts: Record<string, number>;
  /** The audit chain's head: any audited change moves it. */
  head: { seq: number; hash: string };
  /** Catches an in-place update of a suggestion that no count or audit event would show. */
  versions: number;
}

async function tableNames(deps: Deps): Promise<string[]> {
  const q =
    deps.dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`
      : sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`;
  return (await q.execute(deps.db)).rows.map((r) => r.name).sort();
}

/**
 * A snapshot of everything a request could change, taken in two round trips so a fuzz run can afford one before and
 * one after each request. The table list is read from the catalogue, so tables added later are covered too.
 */
export async function dbStateReader(deps: Deps): Promise<() => Promise<DbState>> {
  const tables = await tableNames(deps);
  const countAll = sql.join(
    tables.map((t) => sql`select ${t} as name, count(*) as n from ${sql.table(t)}`),
    sql` union all `,
  );
  return async () => {
    const counts = await sql<{ name: string; n: number | string }>`${countAll}`.execute(deps.db);
    const head = await sql<{ seq: number | string; hash: string; versions: number | string | null }>`
      select seq, hash, (select sum(version) from suggestions) as versions from audit_head where id = 1`.execute(
      deps.db,
    );
    const h = head.rows[0]!;
    return {
      counts: Object.fromEntries(counts.rows.map((r) => [r.name, Number(r.n)])),
      head: { seq: Number(h.seq), hash: h.hash },
      versions: Number(h.versions ?? 0),
    };
  };
}
