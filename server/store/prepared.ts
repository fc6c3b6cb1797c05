import { CompiledQuery, type Compilable, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database } from './schema';

/** Stands for a value given when a prepared query runs. */
class Slot {
  constructor(readonly key: string) {}
}

/** The SQL of one dialect, and for each of its parameters either the key of the value it takes or a fixed value. */
interface Template {
  sql: string;
  parameters: ({ key: string } | { fixed: unknown })[];
}

export interface Prepared<P, R> {
  /** Every row the query returns. */
  all(db: Kysely<Database>, values: P): Promise<R[]>;
  first(db: Kysely<Database>, values: P): Promise<R | undefined>;
  /** Runs a write; resolves to the number of rows it inserted, updated or deleted. */
  run(db: Kysely<Database>, values: P): Promise<number>;
}

/**
 * A query that is built and compiled once per database and then run with new values: for the statements every
 * proposal and decision runs, where building and compiling a Kysely query costs more than SQLite takes to run it.
 * `build` is handed stand-ins for the values (`p.id` and so on), which Kysely binds as parameters; each run puts the
 * real values in their places. The SQL is as Kysely wrote it, so the query is as safe as any other Kysely query.
 *
 * A stand-in must reach the SQL as a bound parameter (a compared, inserted or updated value): one that does not, such
 * as a value Kysely writes into the SQL itself, is refused when the query is first compiled.
 */
export function prepare<P extends Record<string, unknown>, R = unknown>(
  build: (db: Kysely<Database>, p: P) => Compilable<R>,
): Prepared<P, R> {
  // One template per database: the executor's adapter is one per Kysely instance and shared by its transactions.
  // Kysely marks `getExecutor` internal, but offers no other way to tell which database a transaction is on; the
  // tests of this file fail if that changes.
  const templates = new WeakMap<object, Template>();

  const templateFor = (db: Kysely<Database>): Template => {
    const adapter = db.getExecutor().adapter;
    let template = templates.get(adapter);
    if (!template) {
      template = compile(db, build);
      templates.set(adapter, template);
    }
    return template;
  };

  const execute = (db: Kysely<Database>, values: P) => {
    const { sql, parameters } = templateFor(db);
    const bound = parameters.map((p) => ('key' in p ? values[p.key] : p.fixed));
    return db.executeQuery<R>(CompiledQuery.raw(sql, bound));
  };

  return {
    all: async (db, values) => (await execute(db, values)).rows,
    first: async (db, values) => (await execute(db, values)).rows[0],
    run: async (db, values) => Number((await execute(db, values)).numAffectedRows ?? 0n),
  };
}

function compile<P extends Record<string, unknown>>(
  db: Kysely<Database>,
  build: (db: Kysely<Database>, p: P) => Compilable<unknown>,
): Template {
  const used = new Set<string>();
  const slots = new Proxy({} as P, {
    get(_target, key) {
      if (typeof key !== 'string') return undefined;
      used.add(key);
      return new Slot(key);
    },
  });
  const { sql, parameters } = build(db, slots).compile();
  const bound = new Set<string>();
  const template: Template = {
    sql,
    parameters: parameters.map((v) => {
      if (!(v instanceof Slot)) return { fixed: v };
      bound.add(v.key);
      return { key: v.key };
    }),
  };
  const unbound = [...used].filter((k) => !bound.has(k));
  if (unbound.length > 0) {
    throw new Error(`a prepared query must bind every value as a parameter; these are not: ${unbound.join(', ')}`);
  }
  return template;
}

type Table = keyof Database & string;
type Values = Record<string, unknown>;

/** Shapes kept per statement: rows are built in code, so their column sets are few; this only bounds a mistake. */
const SHAPES_KEPT = 64;

/**
 * One prepared query per shape of the values given, their keys in order, leaving out those whose value is undefined
 * (as Kysely leaves them out): the SQL of an insert or an update names the columns it writes.
 */
function byShape(make: (keys: string[]) => Prepared<Values, unknown>) {
  const shapes = new Map<string, Prepared<Values, unknown>>();
  return (values: Values) => {
    let shape = '';
    for (const k in values) if (values[k] !== undefined) shape += `${k},`;
    let q = shapes.get(shape);
    if (!q) {
      if (shapes.size >= SHAPES_KEPT) shapes.clear();
      q = make(shape.split(',').slice(0, -1));
      shapes.set(shape, q);
    }
    return q;
  };
}

/** Any table's query builder: the columns come from the caller's rows, typed by the table they go to. */
const untyped = (db: Kysely<Database>) => db as unknown as Kysely<Record<string, Values>>;

/** Inserts one row into `table` with a prepared query; undefined columns are left out, as Kysely leaves them out. */
export function preparedInsert<T extends Table>(table: T) {
  const forShape = byShape((keys) =>
    prepare((db, p) =>
      untyped(db)
        .insertInto(table)
        .values(Object.fromEntries(keys.map((k) => [k, p[k]]))),
    ),
  );
  return async (db: Kysely<Database>, row: Insertable<Database[T]>): Promise<void> => {
    await forShape(row).run(db, row);
  };
}

/**
 * Updates `table` with a prepared query: sets the columns of `set` (undefined ones are left out) where every column of
 * `where` equals its value. A null or undefined value there matches nothing (`= null`): a condition is never dropped.
 * Resolves to the number of rows updated.
 */
export function preparedUpdate<T extends Table>(table: T) {
  const forShape = byShape((keys) =>
    prepare((db, p) => {
      const set = keys.filter((k) => k.startsWith('set.')).map((k) => [k.slice('set.'.length), p[k]]);
      let q = untyped(db)
        .updateTable(table as string)
        .set(Object.fromEntries(set));
      for (const k of keys) if (k.startsWith('where.')) q = q.where(k.slice('where.'.length), '=', p[k]);
      return q;
    }),
  );
  return (db: Kysely<Database>, set: Updateable<Database[T]>, where: Partial<Selectable<Database[T]>>) => {
    const values: Values = {};
    for (const k in set) values[`set.${k}`] = set[k as keyof typeof set];
    for (const k in where) values[`where.${k}`] = where[k as keyof typeof where] ?? null;
    return forShape(values).run(db, values);
  };
}
