import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openTestEnv, type TestEnv } from '../../test/helpers/backends';
import { prepare, preparedInsert, preparedUpdate } from './prepared';
import type { Database } from './schema';

const user = (id: string, role = 'rep', team: string | null = 'west') => ({
  id,
  name: `User ${id}`,
  role,
  team,
  created_at: 1,
});

describe.each(await backends())('prepared queries on $name', (backend) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv(backend);
  });
  afterAll(() => env.close());

  const insertUser = preparedInsert('users');
  const userById = prepare((db, p: { id: string }) => db.selectFrom('users').selectAll().where('id', '=', p.id));
  const write = <T>(work: (tx: Kysely<Database>) => Promise<T>) => env.store.transact(work);

  it('runs with the values of each call', async () => {
    await write(async (tx) => {
      await insertUser(tx, user('p1'));
      await insertUser(tx, user('p2', 'manager', null));
    });
    expect(await userById.first(env.deps.db, { id: 'p1' })).toEqual(user('p1'));
    expect(await userById.first(env.deps.db, { id: 'p2' })).toEqual(user('p2', 'manager', null));
    expect(await userById.first(env.deps.db, { id: 'nobody' })).toBeUndefined();
    const byRole = prepare((db, p: { role: string }) =>
      db.selectFrom('users').select('id').where('role', '=', p.role).where('id', 'like', 'p%').orderBy('id'),
    );
    expect(await byRole.all(env.deps.db, { role: 'rep' })).toEqual([{ id: 'p1' }]);
  });

  it('builds and compiles a query once per database, and again for another', async () => {
    let builds = 0;
    const count = prepare((db, p: { team: string }) => {
      builds++;
      return db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('team', '=', p.team);
    });
    const countIn = async (team: string, db: Kysely<Database>) => Number((await count.first(db, { team }))?.n);

    await write(async (tx) => insertUser(tx, user('b1', 'rep', 'north')));
    expect(await write((tx) => countIn('north', tx))).toBe(1);
    expect(await write((tx) => countIn('south', tx))).toBe(0);
    expect(builds).toBe(1);

    const other = await openTestEnv(backend);
    try {
      expect(await other.store.transact((tx) => countIn('north', tx))).toBe(0);
      expect(builds).toBe(2);
    } finally {
      await other.close();
    }
  });

  it('leaves out undefined columns of an insert, as Kysely does', async () => {
    await write((tx) => insertUser(tx, { ...user('u1'), team: undefined }));
    expect((await userById.first(env.deps.db, { id: 'u1' }))?.team).toBeNull();
  });

  it('keeps the values of a column that an update both sets and matches on apart', async () => {
    const updateUser = preparedUpdate('users');
    await write((tx) => insertUser(tx, user('c1', 'rep')));
    const promote = () => write((tx) => updateUser(tx, { role: 'manager' }, { id: 'c1', role: 'rep' }));
    expect(await promote()).toBe(1);
    expect((await userById.first(env.deps.db, { id: 'c1' }))?.role).toBe('manager');
    expect(await promote()).toBe(0);
  });

  it('matches nothing on a missing condition of an update, rather than dropping it', async () => {
    const updateUser = preparedUpdate('users');
    await write((tx) => insertUser(tx, user('m1', 'rep')));
    expect(await write((tx) => updateUser(tx, { role: 'admin' }, { id: undefined }))).toBe(0);
    expect((await userById.first(env.deps.db, { id: 'm1' }))?.role).toBe('rep');
  });

  it('refuses a value that does not reach the SQL as a parameter', async () => {
    const careless = prepare((db, p: { id: string; unused: string }) => {
      void p.unused;
      return db.selectFrom('users').selectAll().where('id', '=', p.id);
    });
    await expect(careless.first(env.deps.db, { id: 'p1', unused: 'x' })).rejects.toThrow(
      'a prepared query must bind every value as a parameter; these are not: unused',
    );
  });
});
