import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Checkpointer, WRITER_CHECKPOINT_PAGES } from './checkpoints';
import { GroupCommit, type Work } from './group-commit';
import { openReportReader } from './report-reads';
import pg from 'pg';
import { migrations } from './migrations';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  /**
   * Reads. On an SQLite file this is a read-only connection of its own, which sees only what is committed, also while
   * a group of writes is open; a write through it is refused at once.
   */
  db: Kysely<Database>;
  /**
   * Reads that scan much of the database (metrics). On an SQLite file they run in a worker thread on a read-only
   * connection of their own (`report-reads.ts`), so that the event loop goes on serving while they take their time;
   * elsewhere this is `db`.
   */
  reports: Kysely<Database>;
  dialect: Dialect;
  /** Runs a write transaction; resolves once it is committed. On SQLite, concurrent ones share a commit. */
  transact<T>(work: Work<T>): Promise<T>;
  close(): Promise<void>;
}

export type StoreTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** Parses `DATABASE_URL`: unset for the embedded default, `sqlite:PATH`, or `postgres://…`. */
export function parseDatabaseUrl(url: string | undefined): StoreTarget {
  if (!url) return { kind: 'sqlite', path: './data/countersign.db' };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (!path)
      throw new Error('DATABASE_URL sqlite: needs a path, as in sqlite:./data/countersign.db or sqlite::memory:');
    return { kind: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    new URL(url); // throws on a malformed address
    return { kind: 'postgres', url };
  }
  throw new Error(`DATABASE_URL must be unset, sqlite:PATH or postgres://…, not "${url.split(':')[0]}:…"`);
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

const IN_MEMORY = ':memory:';

/** `synchronous=FULL` so that an acknowledged write survives a power cut, not only a crash. */
export function openSqlite(path: string): Sqlite.Database {
  if (path !== IN_MEMORY) mkdirSync(dirname(path), { recursive: true });
  const handle = new Sqlite(path);
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = FULL');
  handle.pragma('busy_timeout = 5000');
  handle.pragma('foreign_keys = ON');
  cacheStatements(handle);
  return handle;
}

/** A second connection to the same file, for reads: WAL lets it read the last commit while the writer writes. */
function openSqliteReader(path: string): Sqlite.Database {
  const handle = new Sqlite(path, { readonly: true, fileMustExist: true });
  handle.pragma('busy_timeout = 5000');
  cacheStatements(handle);
  return handle;
}

const sqliteKysely = (handle: Sqlite.Database) =>
  new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh; its SQL texts repeat (values are parameters), so one prepared statement per
 * text saves a parse and plan on every query. Queries run one at a time on this connection, so a cached statement is
 * never in use twice at once.
 */
function cacheStatements(handle: Sqlite.Database) {
  const prepare = handle.prepare.bind(handle);
  const cache = new Map<string, Sqlite.Statement>();
  handle.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
      cache.set(source, statement);
    }
    return statement;
  }) as typeof handle.prepare;
}

function openPool(url: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8_OID || oid === NUMERIC_OID
          ? Number
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection that the server drops (restart, failover) must not take the process down; the pool replaces it.
  pool.on('error', (err) => process.emitWarning(`PostgreSQL idle connection lost: ${err.message}`));
  return pool;
}

/** Opens the database and brings its schema up to date. */
export async function openStore(target: StoreTarget): Promise<Store> {
  const db =
    target.kind === 'sqlite'
      ? sqliteKysely(openSqlite(target.path))
      : new Kysely<Database>({ dialect: new PostgresDialect({ pool: openPool(target.url) }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }
  if (target.kind === 'postgres') {
    const transact: Store['transact'] = (work) => db.transaction().execute(work);
    return { db, reports: db, dialect: 'postgres', transact, close: () => db.destroy() };
  }
  // An in-memory database exists only on its one connection: there, reads wait for the writes' group to commit.
  const inMemory = target.path === IN_MEMORY;
  const reader = inMemory ? db : sqliteKysely(openSqliteReader(target.path));
  const reports = inMemory ? db : openReportReader(target.path);
  const checkpoints = inMemory ? null : new Checkpointer(target.path);
  if (checkpoints) await sql`pragma wal_autocheckpoint = ${sql.raw(String(WRITER_CHECKPOINT_PAGES))}`.execute(db);
  const writes = new GroupCommit(db, (transactions) => checkpoints?.committed(transactions));
  return {
    db: reader,
    reports,
    dialect: 'sqlite',
    transact: (work) => writes.run(work),
    async close() {
      await writes.drained();
      if (!inMemory) await Promise.all([checkpoints?.close(), reader.destroy(), reports.destroy()]);
      await db.destroy();
    },
  };
}
