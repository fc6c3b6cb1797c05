import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { Database } from './schema';

/** The folder of the worker's script, as a path: Vite rewrites `new URL('./…', import.meta.url)` for the web. */
const HERE = dirname(fileURLToPath(import.meta.url));

type Reply = { id: number; rows: unknown[] } | { id: number; error: { message: string; code?: string } };

interface Pending {
  resolve(rows: unknown[]): void;
  reject(error: Error): void;
}

/** An error from the worker, with SQLite's code (`SQLITE_READONLY`, …) as better-sqlite3 gives it in the thread. */
class ReportReadError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * A Kysely driver whose queries run in a worker thread on a read-only connection to the SQLite file: a scan of the
 * whole database then takes its time there while the event loop goes on serving requests. The thread starts with
 * the first query, runs one statement at a time, and keeps the process alive only while a query is waiting. No
 * transactions: each statement reads the last commit on its own.
 */
class ReportWorkerDriver implements Driver {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closed = false;

  constructor(private readonly path: string) {}

  async init() {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => ({
        rows: (await this.run(query.sql, query.parameters)) as R[],
      }),
      streamQuery: () => {
        throw new Error('report reads are not streamed');
      },
    };
  }

  async beginTransaction(): Promise<void> {
    throw new Error('report reads run outside transactions');
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.fail(new Error('the report reader was closed'));
    await worker?.terminate();
  }

  private run(sql: string, parameters: readonly unknown[]): Promise<unknown[]> {
    if (this.closed) return Promise.reject(new Error('the report reader was closed'));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, sql, parameters });
    });
  }

  private start(): Worker {
    const worker = new Worker(join(HERE, 'report-worker.mjs'), { workerData: { path: this.path } });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const job = this.pending.get(reply.id);
      if (!job) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in reply) job.reject(new ReportReadError(reply.error.message, reply.error.code));
      else job.resolve(reply.rows);
    });
    // A thread that fails to start or dies takes its queries with it; the next query starts a new one.
    const lost = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.fail(error);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the report reader's thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private fail(error: Error) {
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}

/** Kysely over `ReportWorkerDriver`: SQLite's SQL, run in a worker thread. */
export function openReportReader(path: string): Kysely<Database> {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new ReportWorkerDriver(path),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}
