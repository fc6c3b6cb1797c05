import { Kysely, SqliteDialect, sql, type Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshSqliteFile } from '../../test/helpers/backends';
import { openSqlite, openStore, type Store } from './connect';
import { GroupCommit } from './group-commit';
import type { Database } from './schema';

const user = (id: string) => ({ id, name: `User ${id}`, role: 'rep', team: null, created_at: 0 });
const insertUser = (id: string) => (tx: Parameters<Parameters<Store['transact']>[0]>[0]) =>
  tx
    .insertInto('users')
    .values(user(id))
    .execute()
    .then(() => id);
const userIds = async (store: Store) =>
  (await store.db.selectFrom('users').select('id').orderBy('id').execute()).map((u) => u.id);

describe('write transactions on SQLite, committed in groups', () => {
  let file: ReturnType<typeof freshSqliteFile>;
  let store: Store;

  beforeEach(async () => {
    file = freshSqliteFile();
    store = await openStore({ kind: 'sqlite', path: file.path });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await store.close();
    await file.drop();
  });

  it('commits the transactions handed in together with one commit, each with its own result', async () => {
    const transactions = vi.spyOn(Kysely.prototype, 'transaction');
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => store.transact(insertUser(id))));
    expect(results).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(await userIds(store)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('takes into the group what is handed in at the next poll of the event loop too', async () => {
    const transactions = vi.spyOn(Kysely.prototype, 'transaction');
    const first = store.transact(insertUser('early'));
    // A request read from its socket in the next turn, as under load, while the first waits for its commit.
    await new Promise((resolve) => setImmediate(resolve));
    const second = store.transact(insertUser('late'));
    expect(await Promise.all([first, second])).toEqual(['early', 'late']);
    expect(transactions).toHaveBeenCalledTimes(1);
  });

  it('takes into an open group what is handed in while it runs, and commits once nothing is left', async () => {
    const transactions = vi.spyOn(Kysely.prototype, 'transaction');
    let second: Promise<string> | undefined;
    const first = store.transact(async (tx) => {
      // A request parsed between two transactions of the group: its own transaction joins the group.
      setImmediate(() => (second = store.transact(insertUser('joined'))));
      return insertUser('first')(tx);
    });
    expect(await first).toBe('first');
    expect(await second).toBe('joined');
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(await userIds(store)).toEqual(['first', 'joined']);
  });

  it('reads only what is committed while a group is open, without waiting for its commit', async () => {
    let seen: Promise<string[]> | undefined;
    let committed = false;
    const write = store
      .transact(async (tx) => {
        await insertUser('uncommitted')(tx);
        setImmediate(() => (seen = userIds(store).then((ids) => (committed ? ['after the commit'] : ids))));
      })
      .then(() => (committed = true));
    await write;
    expect(await seen).toEqual([]);
    expect(await userIds(store)).toEqual(['uncommitted']);
  });

  it('refuses a write through the reading connection at once', async () => {
    await expect(store.db.insertInto('users').values(user('sneaky')).execute()).rejects.toThrow(/readonly/);
    expect(await userIds(store)).toEqual([]);
  });

  it('rolls back a transaction that throws alone, after its writes, and tells only its caller', async () => {
    const failing = store.transact(async (tx) => {
      await insertUser('doomed')(tx);
      throw new Error('refused after writing');
    });
    const before = store.transact(insertUser('before'));
    const after = store.transact(insertUser('after'));
    await expect(failing).rejects.toThrow('refused after writing');
    await expect(before).resolves.toBe('before');
    await expect(after).resolves.toBe('after');
    expect(await userIds(store)).toEqual(['after', 'before']);
  });

  it('fails every transaction of the group when the commit fails, and writes none of them', async () => {
    const good = store.transact(insertUser('good'));
    // A foreign key checked only at COMMIT: the group's commit is refused after every savepoint was released.
    const bad = store.transact(async (tx) => {
      await sql`pragma defer_foreign_keys = on`.execute(tx);
      await tx
        .insertInto('tokens')
        .values({ id: 't1', user_id: 'nobody', hash: 'h', created_at: 0, revoked_at: null })
        .execute();
    });
    await expect(good).rejects.toThrow(/FOREIGN KEY/);
    await expect(bad).rejects.toThrow(/FOREIGN KEY/);
    expect(await userIds(store)).toEqual([]);
    // The writer goes on with the next group.
    await expect(store.transact(insertUser('next'))).resolves.toBe('next');
    expect(await userIds(store)).toEqual(['next']);
  });

  it('fails the waiting transactions when their group cannot begin, and goes on with the next', async () => {
    const begin = vi
      .spyOn(Kysely.prototype, 'transaction')
      .mockImplementationOnce(() => ({ execute: () => Promise.reject(new Error('disk I/O error')) }) as never);
    const waiting = [store.transact(insertUser('a')), store.transact(insertUser('b'))];
    await expect(waiting[0]).rejects.toThrow('disk I/O error');
    await expect(waiting[1]).rejects.toThrow('disk I/O error');
    begin.mockRestore();
    await expect(store.transact(insertUser('after'))).resolves.toBe('after');
    expect(await userIds(store)).toEqual(['after']);
  });

  it('keeps taking transactions handed in while a group is being committed', async () => {
    const handed: Promise<string>[] = [];
    for (let turn = 0; turn < 5; turn++) {
      for (let k = 0; k < 30; k++)
        handed.push(store.transact(insertUser(`u${String(turn * 30 + k).padStart(3, '0')}`)));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(handed)).toHaveLength(150);
    expect(await userIds(store)).toHaveLength(150);
  });

  it('commits what was handed in before close, then closes', async () => {
    const pending = store.transact(insertUser('last'));
    await store.close();
    await expect(pending).resolves.toBe('last');
    store = await openStore({ kind: 'sqlite', path: file.path });
    expect(await userIds(store)).toEqual(['last']);
  });
});

describe('the commits of a group', () => {
  it('are told with the number of transactions each made durable, and a failed one is not', async () => {
    const file = freshSqliteFile();
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(file.path) }) });
    await sql`create table t (x integer primary key, y integer references t (x) deferrable initially deferred)`.execute(
      db,
    );
    const commits: number[] = [];
    const writes = new GroupCommit(db, (transactions) => commits.push(transactions));
    const insert =
      (x: number, y: number | null = null) =>
      (tx: Transaction<Database>) =>
        sql`insert into t (x, y) values (${x}, ${y})`.execute(tx);
    try {
      await Promise.all([1, 2, 3].map((x) => writes.run(insert(x))));
      await writes.run(insert(4));
      // The deferred foreign key fails the group's commit, after both savepoints were released.
      const failed = [writes.run(insert(5)), writes.run(insert(6, 404))];
      await expect(Promise.all(failed)).rejects.toThrow(/FOREIGN KEY/);
      expect(commits).toEqual([3, 1]);
    } finally {
      await db.destroy();
      await file.drop();
    }
  });
});
