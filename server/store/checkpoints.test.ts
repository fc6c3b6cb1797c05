import { statSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshSqliteFile } from '../../test/helpers/backends';
import { Checkpointer, type CheckpointResult } from './checkpoints';
import { openSqlite, openStore } from './connect';

const PAGE = 4096;
/** A row too long to share a page: each insert leaves at least one page of its own in the WAL. */
const row = (i: number) => `${i}`.padEnd(PAGE, '.');

describe('WAL checkpoints in a worker thread', () => {
  let file: ReturnType<typeof freshSqliteFile>;
  let writer: Sqlite.Database;
  let checkpoints: CheckpointResult[];
  let checkpointer: Checkpointer;

  const commit = (rows: number) => {
    const insert = writer.prepare('insert into t (x) values (?)');
    writer.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run(row(i));
    })();
  };

  beforeEach(() => {
    file = freshSqliteFile();
    writer = openSqlite(file.path);
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('create table t (x text)');
    checkpoints = [];
    checkpointer = new Checkpointer(file.path, 10, (result) => checkpoints.push(result));
  });
  afterEach(async () => {
    await checkpointer.close();
    writer.close();
    await file.drop();
  });

  it('checkpoints once enough transactions are committed, copying the whole WAL into the database file', async () => {
    commit(20);
    checkpointer.committed(9);
    await checkpointer.settled();
    expect(checkpoints).toEqual([]);
    const before = statSync(file.path).size;

    checkpointer.committed(1);
    await checkpointer.settled();
    expect(checkpoints).toHaveLength(1);
    expect(checkpoints[0]!.log).toBeGreaterThanOrEqual(20);
    expect(checkpoints[0]).toMatchObject({ busy: false, checkpointed: checkpoints[0]!.log });
    expect(statSync(file.path).size).toBeGreaterThanOrEqual(before + 20 * PAGE);
  });

  it('runs one more checkpoint for what was committed while one ran, not one for each commit', async () => {
    commit(5);
    checkpointer.committed(10);
    commit(5);
    for (let i = 0; i < 3; i++) checkpointer.committed(10);
    await checkpointer.settled();
    expect(checkpoints).toHaveLength(2);
    expect(checkpoints[1]!.checkpointed).toBe(checkpoints[1]!.log);
  });

  it('reports a checkpoint that fails, and tries again at the next', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const missing = freshSqliteFile();
    const elsewhere = new Checkpointer(missing.path, 1, (result) => checkpoints.push(result));
    try {
      elsewhere.committed(1);
      await elsewhere.settled();
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/^SQLite checkpoint failed: SQLITE_CANTOPEN: unable to open database file/),
      );
      expect(checkpoints).toEqual([]);

      const made = openSqlite(missing.path);
      made.exec('create table t (x text); insert into t values (1)');
      elsewhere.committed(1);
      await elsewhere.settled();
      expect(checkpoints).toHaveLength(1);
      made.close();
    } finally {
      warn.mockRestore();
      await elsewhere.close();
      await missing.drop();
    }
  });

  it('starts nothing once closed', async () => {
    await checkpointer.close();
    commit(5);
    checkpointer.committed(100);
    await checkpointer.settled();
    expect(checkpoints).toEqual([]);
  });
});

describe("a store's checkpoints", () => {
  it("happen beside the writer, long before the writer's own would", async () => {
    const file = freshSqliteFile();
    const store = await openStore({ kind: 'sqlite', path: file.path });
    try {
      await store.transact((tx) => sql`create table t (x text)`.execute(tx));
      const before = statSync(file.path).size;
      // Fewer pages than SQLite's own 1,000 between checkpoints: left to the writer, none of this would reach the file.
      const transactions = 300;
      await Promise.all(
        Array.from({ length: transactions }, (_, i) =>
          store.transact((tx) => sql`insert into t (x) values (${row(i)})`.execute(tx)),
        ),
      );
      await vi.waitFor(() => expect(statSync(file.path).size).toBeGreaterThanOrEqual(before + transactions * PAGE), {
        timeout: 10_000,
      });
    } finally {
      await store.close();
      await file.drop();
    }
  });
});
