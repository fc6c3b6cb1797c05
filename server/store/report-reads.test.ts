import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshSqliteFile } from '../../test/helpers/backends';
import { openStore, type Store } from './connect';

/** A statement that keeps SQLite busy for a good while: it counts to `n` one row at a time. */
const countTo = (n: number) =>
  sql<{ n: number }>`with recursive c(i) as (select 1 union all select i + 1 from c where i < ${n})
    select count(*) as n from c`;

describe('report reads on SQLite, in a worker thread', () => {
  let file: ReturnType<typeof freshSqliteFile>;
  let store: Store;

  beforeEach(async () => {
    file = freshSqliteFile();
    store = await openStore({ kind: 'sqlite', path: file.path });
  });
  afterEach(async () => {
    await store.close();
    await file.drop();
  });

  it('leaves the event loop free while a long read runs, and answers it', async () => {
    const order: string[] = [];
    const long = countTo(2_000_000)
      .execute(store.reports)
      .then((r) => {
        order.push('read answered');
        return r.rows[0]?.n;
      });
    setImmediate(() => order.push('event loop turned'));
    expect(await long).toBe(2_000_000);
    expect(order).toEqual(['event loop turned', 'read answered']);
  });

  it('reads what the writer has committed', async () => {
    await store.transact((tx) =>
      tx.insertInto('users').values({ id: 'u1', name: 'Dana', role: 'rep', team: null, created_at: 0 }).execute(),
    );
    expect(await store.reports.selectFrom('users').select('name').execute()).toEqual([{ name: 'Dana' }]);
  });

  it("refuses a write with SQLite's code, and a bad statement with its message, then goes on", async () => {
    const write = store.reports
      .insertInto('users')
      .values({ id: 'u2', name: 'Sneaky', role: 'admin', team: null, created_at: 0 })
      .execute();
    await expect(write).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
    await expect(sql`select * from no_such_table`.execute(store.reports)).rejects.toThrow(/no such table/);
    expect((await countTo(3).execute(store.reports)).rows).toEqual([{ n: 3 }]);
    expect(await store.db.selectFrom('users').select('id').execute()).toEqual([]);
  });

  it('refuses a transaction: each report read stands alone', async () => {
    await expect(store.reports.transaction().execute(async () => 1)).rejects.toThrow(/outside transactions/);
  });

  it('rejects a read still running when the store closes, and any read after', async () => {
    await countTo(1).execute(store.reports); // the thread is up
    const running = expect(countTo(20_000_000).execute(store.reports)).rejects.toThrow(/closed/);
    await store.close();
    await running;
    await expect(countTo(1).execute(store.reports)).rejects.toThrow(/destroyed|closed/);
    store = await openStore({ kind: 'sqlite', path: file.path });
  });
});
